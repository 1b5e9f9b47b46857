import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FORUM_CONFIG, ForumConfig } from '@forum/core';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

const ADMIN_LOCK = 72_010_002;

/** FORUM_ADMIN_EMAIL / FORUM_ADMIN_PASSWORD: how a fresh install gets its first secretariat account. */
@Injectable()
export class AdminAccountBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminAccount');

  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly usersService: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    await this.dataSource.transaction(async (em) => {
      // Two API instances starting together must not both create it.
      await em.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_LOCK]);
      if (await this.users.findByEmail(adminEmail, em)) return;
      await this.usersService.createInTransaction(
        em,
        { email: adminEmail, displayName: 'Forum administrator', password: adminPassword, role: 'secretariat' },
        null,
      );
      this.logger.log(`Created the secretariat account ${adminEmail}`);
    });
  }
}
