import './record.translations';
import { MeetingLocator } from './meeting.locator';
import './meetings.translations';
import { Module } from '@nestjs/common';
import { ActionItemsModule } from '@forum/action-items';
import { BodiesModule } from '@forum/bodies';
import { AgendaService } from './agenda.service';
import { AgendaTranslation } from './agenda-translation.service';
import { CalendarFeedsService } from './calendar-feeds.service';
import { MeetingAccess } from './meeting-access.service';
import { MeetingInvitees } from './meeting-invitees.service';
import { MeetingRecordService } from './meeting-record.service';
import { MeetingMinutesService } from './meeting-minutes.service';
import { MeetingJobsService } from './meeting-jobs.service';
import { DecisionPositionRepository, MinutesRepository } from './meeting-record.repository';
import {
  AgendaItemRepository,
  AgendaPaperRepository,
  AttendanceRepository,
  CalendarFeedRepository,
  MeetingDecisionRepository,
  MeetingDelegateRepository,
  MeetingRepository,
} from './meeting.repository';
import { CalendarFeedsController, MeetingsController, ReferredDecisionsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [BodiesModule, ActionItemsModule],
  controllers: [MeetingsController, ReferredDecisionsController, CalendarFeedsController],
  providers: [
    MeetingsService,
    AgendaService,
    AgendaTranslation,
    MeetingRecordService,
    CalendarFeedsService,
    MeetingAccess,
    MeetingInvitees,
    MeetingRepository,
    MeetingDelegateRepository,
    AgendaItemRepository,
    AgendaPaperRepository,
    AttendanceRepository,
    MeetingDecisionRepository,
    CalendarFeedRepository,
    MeetingLocator,
    MeetingMinutesService,
    MeetingJobsService,
    MinutesRepository,
    DecisionPositionRepository,
  ],
  exports: [
    AgendaTranslation,
    MeetingsService,
    AgendaService,
    MeetingRecordService,
    MeetingMinutesService,
    MeetingAccess,
    MeetingRepository,
    MeetingDecisionRepository,
  ],
})
export class MeetingsModule {}
