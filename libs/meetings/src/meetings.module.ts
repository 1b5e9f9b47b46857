import { Module } from '@nestjs/common';
import { ActionItemsModule } from '@forum/action-items';
import { BodiesModule } from '@forum/bodies';
import { AgendaService } from './agenda.service';
import { CalendarFeedsService } from './calendar-feeds.service';
import { MeetingAccess } from './meeting-access.service';
import { MeetingInvitees } from './meeting-invitees.service';
import { MeetingRecordService } from './meeting-record.service';
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
  ],
  exports: [MeetingsService, AgendaService, MeetingRecordService, MeetingAccess, MeetingRepository, MeetingDecisionRepository],
})
export class MeetingsModule {}
