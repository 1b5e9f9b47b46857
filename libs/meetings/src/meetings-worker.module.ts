import { Module } from '@nestjs/common';
import { BodiesModule } from '@forum/bodies';
import { MeetingJobsProcessor, MeetingJobsScheduler } from './meeting-jobs.processor';
import { MeetingJobsService } from './meeting-jobs.service';
import { MeetingInvitees } from './meeting-invitees.service';
import { MeetingDelegateRepository, MeetingRepository } from './meeting.repository';

/** The meetings jobs that run in the worker process: the repeatable "held" sweep and the revised-agenda notices. */
@Module({
  imports: [BodiesModule],
  providers: [MeetingJobsService, MeetingJobsProcessor, MeetingJobsScheduler, MeetingInvitees, MeetingDelegateRepository, MeetingRepository],
  exports: [MeetingJobsService],
})
export class MeetingsWorkerModule {}
