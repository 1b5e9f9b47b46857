export * from './meetings.module';
export * from './meetings.seed';
export * from './meetings-worker.module';
