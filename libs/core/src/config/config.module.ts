import { DynamicModule, Global, Module } from '@nestjs/common';
import { ForumConfig } from './forum-config';

export const FORUM_CONFIG = Symbol('FORUM_CONFIG');

/** Makes the validated configuration injectable as FORUM_CONFIG everywhere. */
@Global()
@Module({})
export class ForumConfigModule {
  static forRoot(config: ForumConfig): DynamicModule {
    return {
      module: ForumConfigModule,
      providers: [{ provide: FORUM_CONFIG, useValue: config }],
      exports: [FORUM_CONFIG],
    };
  }
}
