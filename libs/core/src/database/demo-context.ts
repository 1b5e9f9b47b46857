import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Caller } from '../http/caller';

/**
 * What each capability's demo-data step receives. Steps go through the services (so the demo obeys
 * the same rules as users do) and wrap themselves in once(), which makes `npm start` idempotent.
 */
export interface DemoContext {
  app: INestApplicationContext;
  dataSource: DataSource;
  /** the demo secretariat user, to act as */
  secretariat: Caller;
  governmentId(code: string): string;
  bodyId(name: string): string;
  /** the demo accounts by email */
  caller(email: string): Caller;
  once(step: string, run: () => Promise<void>): Promise<void>;
}
