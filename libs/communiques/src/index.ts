export * from './communiques.module';
