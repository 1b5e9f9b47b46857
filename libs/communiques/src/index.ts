export * from './communiques.module';
export * from './communiques.seed';
export * from './communiques-worker.module';
