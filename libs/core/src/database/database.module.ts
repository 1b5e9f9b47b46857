import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FORUM_CONFIG } from '../config/config.module';
import type { ForumConfig } from '../config/forum-config';
import { dataSourceOptions, poolExtra } from './data-source-options';
import { installTransactionGuard } from './transaction-guard';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [FORUM_CONFIG],
      useFactory: (config: ForumConfig) => {
        installTransactionGuard(config.database.transactionGuard);
        return {
          ...dataSourceOptions(config.databaseUrl, { extra: poolExtra(config.database) }),
          retryAttempts: config.env === 'test' ? 1 : 10,
        };
      },
    }),
  ],
})
export class DatabaseModule {}
