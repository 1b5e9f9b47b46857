import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FORUM_CONFIG } from '../config/config.module';
import type { ForumConfig } from '../config/forum-config';
import { dataSourceOptions } from './data-source-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [FORUM_CONFIG],
      useFactory: (config: ForumConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        retryAttempts: config.env === 'test' ? 1 : 10,
      }),
    }),
  ],
})
export class DatabaseModule {}
