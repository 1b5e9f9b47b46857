import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule, EventsModule, ForumConfig, ForumConfigModule, QueueModule, RedisModule } from '@forum/core';
import { ActionItemsModule } from '@forum/action-items';
import { BodiesModule } from '@forum/bodies';
import { CommuniquesModule } from '@forum/communiques';
import { DocumentsModule } from '@forum/documents';
import { GovernmentsModule } from '@forum/governments';
import { IdentityModule } from '@forum/identity';
import { MeetingsModule } from '@forum/meetings';
import { NotificationsModule } from '@forum/notifications';
import { AuditController } from './audit/audit.controller';
import { HealthController } from './health/health.controller';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';
import { RealtimeModule } from './realtime/realtime.module';

@Module({})
export class AppModule {
  static forRoot(config: ForumConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ForumConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        EventsModule,
        IdentityModule,
        GovernmentsModule,
        BodiesModule,
        MeetingsModule,
        ActionItemsModule,
        CommuniquesModule,
        NotificationsModule,
        DocumentsModule,
        QueueModule,
        RealtimeModule,
        QueueDashboardModule,
      ],
      controllers: [HealthController, AuditController],
    };
  }
}
