import { Module } from '@nestjs/common';
import { BodiesModule } from '@forum/bodies';
import { IndicatorRemindersProcessor, IndicatorRemindersScheduler } from './indicator-reminders.processor';
import { IndicatorRemindersService } from './indicator-reminders.service';
import { IndicatorRepository } from './indicator.repository';

/** The indicators' jobs in the worker process: the hourly scan for figures not yet reported. */
@Module({
  imports: [BodiesModule],
  providers: [IndicatorRemindersService, IndicatorRemindersProcessor, IndicatorRemindersScheduler, IndicatorRepository],
  exports: [IndicatorRemindersService],
})
export class IndicatorsWorkerModule {}
