import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule, EventsModule, ForumConfig, ForumConfigModule, MetricsModule, QueueModule, RedisModule } from '@forum/core';
import { ActionItemsWorkerModule } from '@forum/action-items';
import { CommuniquesWorkerModule } from '@forum/communiques';
import { DocumentsWorkerModule } from '@forum/documents';
import { IdentityModule } from '@forum/identity';
import { IndicatorsWorkerModule } from '@forum/indicators';
import { MeetingsWorkerModule } from '@forum/meetings';
import { NotificationsWorkerModule } from '@forum/notifications';
import { DeliverySweep } from './outbox/delivery-sweep.service';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { Retention } from './outbox/retention.service';
import { QueueWorkers, WORKER_TUNING, WorkerTuning } from './queue-workers.service';
import { WorkerMetricsServer } from './worker-metrics';

/** The worker process: outbox relay, queue processors and the capabilities' scheduled jobs; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: ForumConfig, tuning: WorkerTuning = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ForumConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        EventsModule,
        QueueModule,
        IdentityModule,
        NotificationsWorkerModule,
        MeetingsWorkerModule,
        ActionItemsWorkerModule,
        CommuniquesWorkerModule,
        IndicatorsWorkerModule,
        MetricsModule.forRoot('worker'),
        DocumentsWorkerModule,
      ],
      providers: [OutboxRelay, DeliverySweep, Retention, QueueWorkers, { provide: WORKER_TUNING, useValue: tuning }, WorkerMetricsServer],
    };
  }
}
