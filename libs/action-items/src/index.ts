export * from './action-items.module';
