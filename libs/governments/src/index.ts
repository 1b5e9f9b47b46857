export * from './government.entity';
export * from './government.repository';
export * from './government.view';
export * from './governments.service';
export * from './governments.module';
export * from './precedence';
