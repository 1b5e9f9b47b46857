export * from './roles';
export * from './events';
export * from './queues';
export * from './pagination';
export * from './directory';
export * from './reasons';
export * from './permissions';
export * from './bilingual';
