import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule, EventsModule, ForumConfig, ForumConfigModule, MetricsModule, QueueModule, RedisModule } from '@forum/core';
import { ActionItemsModule } from '@forum/action-items';
import { BodiesModule } from '@forum/bodies';
import { CommuniquesModule } from '@forum/communiques';
import { FundingModule } from '@forum/funding';
import { DocumentsModule } from '@forum/documents';
import { GovernmentsModule } from '@forum/governments';
import { IdentityModule } from '@forum/identity';
import { IndicatorsModule } from '@forum/indicators';
import { MeetingsModule } from '@forum/meetings';
import { NotificationsModule } from '@forum/notifications';
import { SearchModule } from '@forum/search';
import { AuditController } from './audit/audit.controller';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveriesService } from './deliveries/deliveries.service';
import { HttpDrainModule } from './drain';
import { TranslationsController } from './translations/translations.controller';
import { TextPreviewController } from './text/text-preview.controller';
import { TranslationsService } from '@forum/core';
import { HealthController } from './health/health.controller';
import { MetricsApiModule } from './metrics/metrics.controller';
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
        FundingModule,
        NotificationsModule,
        IndicatorsModule,
        SearchModule,
        DocumentsModule,
        QueueModule,
        RealtimeModule,
        QueueDashboardModule,
        MetricsModule.forRoot('api'),
        MetricsApiModule,
        HttpDrainModule,
      ],
      controllers: [HealthController, AuditController, DeliveriesController, TranslationsController, TextPreviewController],
      providers: [DeliveriesService, TranslationsService],
    };
  }
}
