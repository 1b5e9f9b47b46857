export * from './search.module';
export * from './search.read-model';
export * from './search-sources';
export * from './search.sql';
