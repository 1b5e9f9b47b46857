import { Body as RequestBody, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, contentDisposition, CurrentCaller, IdParam, PageQuery, Public } from '@forum/core';
import { AgendaService } from './agenda.service';
import { CalendarFeedsService } from './calendar-feeds.service';
import {
  ActionItemFromDecisionDto,
  AddPaperDto,
  CreateAgendaItemDto,
  CreateCalendarFeedDto,
  CreateDecisionDto,
  CreateMeetingDto,
  MeetingListQuery,
  MinutesDto,
  RecordAttendanceDto,
  ReferDecisionDto,
  SlotQuery,
  UpdateAgendaItemDto,
  UpdateMeetingDto,
} from './meeting.dto';
import { MeetingRecordService } from './meeting-record.service';
import { MeetingsService } from './meetings.service';

const ICS = 'text/calendar; charset=utf-8';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly agenda: AgendaService,
    private readonly record: MeetingRecordService,
  ) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: MeetingListQuery) {
    return this.meetings.list(caller, query);
  }

  @Post()
  create(@CurrentCaller() caller: Caller, @RequestBody() dto: CreateMeetingDto) {
    return this.meetings.create(caller, dto);
  }

  /** the earliest slots that fit every invited government's working day, its holidays and the delegates' calendars */
  @Get('slots')
  slots(@CurrentCaller() caller: Caller, @Query() query: SlotQuery) {
    return this.meetings.slots(caller, query);
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.meetings.get(caller, id);
  }

  @Patch(':id')
  update(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: UpdateMeetingDto) {
    return this.meetings.update(caller, id, dto);
  }

  @Get(':id/calendar.ics')
  @Header('Content-Type', ICS)
  @ApiProduces('text/calendar')
  calendar(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.meetings.calendar(caller, id);
  }

  @Get(':id/agenda-items')
  agendaItems(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.agenda.list(caller, id);
  }

  @Post(':id/agenda-items')
  addAgendaItem(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: CreateAgendaItemDto) {
    return this.agenda.create(caller, id, dto);
  }

  @Patch(':id/agenda-items/:itemId')
  updateAgendaItem(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('itemId') itemId: string, @RequestBody() dto: UpdateAgendaItemDto) {
    return this.agenda.update(caller, id, itemId, dto);
  }

  /** answers with the agenda as it stands after the removal, renumbered */
  @Delete(':id/agenda-items/:itemId')
  @HttpCode(200)
  removeAgendaItem(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('itemId') itemId: string) {
    return this.agenda.remove(caller, id, itemId);
  }

  @Post(':id/agenda/publish')
  @HttpCode(200)
  publishAgenda(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.agenda.publish(caller, id);
  }

  @Post(':id/agenda-items/:itemId/papers')
  addPaper(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('itemId') itemId: string, @RequestBody() dto: AddPaperDto) {
    return this.agenda.addPaper(caller, id, itemId, dto);
  }

  @Get(':id/agenda-items/:itemId/papers/:paperId/content')
  async paperContent(
    @CurrentCaller() caller: Caller,
    @IdParam() id: string,
    @IdParam('itemId') itemId: string,
    @IdParam('paperId') paperId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const paper = await this.agenda.paperContent(caller, id, itemId, paperId);
    void reply.header('content-type', paper.contentType);
    // uploaded by people, served to others: never let a browser sniff it into something executable
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('content-disposition', contentDisposition('attachment', paper.fileName));
    return paper.content;
  }

  @Get(':id/attendance')
  attendance(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.record.attendanceOf(caller, id);
  }

  @Put(':id/attendance/:governmentId')
  recordAttendance(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('governmentId') governmentId: string, @RequestBody() dto: RecordAttendanceDto) {
    return this.record.recordAttendance(caller, id, governmentId, dto);
  }

  @Put(':id/minutes')
  minutes(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: MinutesDto) {
    return this.record.recordMinutes(caller, id, dto.text);
  }

  @Get(':id/decisions')
  decisions(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.record.decisionsOf(caller, id);
  }

  @Post(':id/decisions')
  recordDecision(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: CreateDecisionDto) {
    return this.record.recordDecision(caller, id, dto);
  }

  @Get(':id/decisions/:decisionId')
  decision(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('decisionId') decisionId: string) {
    return this.record.decision(caller, id, decisionId);
  }

  /** creates an action item that carries out the decision (it remembers the decision and the meeting) */
  @Post(':id/decisions/:decisionId/action-items')
  actionItemFromDecision(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('decisionId') decisionId: string, @RequestBody() dto: ActionItemFromDecisionDto) {
    return this.record.actionItemFromDecision(caller, id, decisionId, dto);
  }

  @Post(':id/decisions/:decisionId/referral')
  refer(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('decisionId') decisionId: string, @RequestBody() dto: ReferDecisionDto) {
    return this.record.refer(caller, id, decisionId, dto.note);
  }
}

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('bodies')
export class ReferredDecisionsController {
  constructor(private readonly record: MeetingRecordService) {}

  /** decisions that child bodies referred up to this body */
  @Get(':id/referred-decisions')
  referred(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: PageQuery) {
    return this.record.referredTo(caller, id, query.limit, query.offset);
  }
}

@ApiTags('meetings')
@Controller('calendar-feeds')
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Post()
  @ApiBearerAuth()
  create(@CurrentCaller() caller: Caller, @RequestBody() dto: CreateCalendarFeedDto) {
    return this.feeds.create(caller, dto.label);
  }

  @Get()
  @ApiBearerAuth()
  list(@CurrentCaller() caller: Caller) {
    return this.feeds.list(caller);
  }

  @Delete(':id')
  @ApiBearerAuth()
  @HttpCode(200)
  revoke(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.feeds.revoke(caller, id);
  }

  /** The subscription URL for Outlook or Google Calendar: the token in the path is the only credential. */
  @Public()
  @Get(':token/meetings.ics')
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  feed(@Param('token') token: string) {
    return this.feeds.feed(token);
  }
}
