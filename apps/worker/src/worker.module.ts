import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule, EventsModule, ForumConfig, ForumConfigModule, QueueModule, RedisModule } from '@forum/core';
import { ActionItemsWorkerModule } from '@forum/action-items';
import { CommuniquesWorkerModule } from '@forum/communiques';
import { DocumentsWorkerModule } from '@forum/documents';
import { IdentityModule } from '@forum/identity';
import { MeetingsWorkerModule } from '@forum/meetings';
import { NotificationsWorkerModule } from '@forum/notifications';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { QueueWorkers, WORKER_TUNING, WorkerTuning } from './queue-workers.service';

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
        DocumentsWorkerModule,
      ],
      providers: [OutboxRelay, QueueWorkers, { provide: WORKER_TUNING, useValue: tuning }],
    };
  }
}
