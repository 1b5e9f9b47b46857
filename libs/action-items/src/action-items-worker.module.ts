import { Module } from '@nestjs/common';
import { ActionItemRepository, DeadlineNoticeRepository } from './action-item.repository';
import { DeadlineScanProcessor, DeadlineScanScheduler } from './deadline-scan.processor';
import { DeadlineScanService } from './deadline-scan.service';

/**
 * The action-items jobs that run in the worker process: the due-soon / overdue / escalation scan,
 * repeated every 15 minutes on the deadlines queue. Needs the worker's DatabaseModule, EventsModule and QueueModule.
 */
@Module({
  providers: [DeadlineScanService, ActionItemRepository, DeadlineNoticeRepository, DeadlineScanProcessor, DeadlineScanScheduler],
  exports: [DeadlineScanService],
})
export class ActionItemsWorkerModule {}
