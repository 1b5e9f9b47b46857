export * from './indicator.entity';
export * from './indicators.module';
export * from './indicators-worker.module';
export * from './indicators.service';
export * from './indicator-reminders.service';
export * from './indicators.seed';
