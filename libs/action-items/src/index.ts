export * from './action-items.module';
export * from './action-items.seed';
export * from './action-items-worker.module';
