import { Body as RequestBody, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authorize, Caller, contentDisposition, CurrentCaller, IdParam, On, PageQuery, Public, TargetKind } from '@forum/core';
import { Permission } from '@forum/contracts';
import { MeetingMinutesService, type MinutesView } from './meeting-minutes.service';
import { AgendaService } from './agenda.service';
import { CalendarFeedsService } from './calendar-feeds.service';
import {
  ActionItemFromDecisionDto,
  AddPaperDto,
  AdoptMinutesDto,
  CirculateMinutesDto,
  MinutesCommentDto,
  RecordPositionDto,
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
  PublishAgendaDto,
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
    private readonly minutes: MeetingMinutesService,
  ) {}

  @Authorize(Permission.MeetingRead)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: MeetingListQuery) {
    return this.meetings.list(caller, query);
  }

  @Authorize(Permission.MeetingCreate, On.field(TargetKind.Body, 'bodyId'))
  @Post()
  create(@CurrentCaller() caller: Caller, @RequestBody() dto: CreateMeetingDto) {
    return this.meetings.create(caller, dto);
  }

  /** the earliest slots that fit every invited government's working day, its holidays and the delegates' calendars */
  @Authorize(Permission.MeetingRead, On.query(TargetKind.Body, 'bodyId'))
  @Get('slots')
  slots(@CurrentCaller() caller: Caller, @Query() query: SlotQuery) {
    return this.meetings.slots(caller, query);
  }

  @Authorize(Permission.MeetingRead, On.param(TargetKind.Meeting))
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.meetings.get(caller, id);
  }

  @Authorize(Permission.MeetingUpdate, On.param(TargetKind.Meeting))
  @Patch(':id')
  update(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: UpdateMeetingDto) {
    return this.meetings.update(caller, id, dto);
  }

  @Authorize(Permission.MeetingRead, On.param(TargetKind.Meeting))
  @Get(':id/calendar.ics')
  @Header('Content-Type', ICS)
  @ApiProduces('text/calendar')
  calendar(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.meetings.calendar(caller, id);
  }

  @Authorize(Permission.MeetingRead, On.param(TargetKind.Meeting))
  @Get(':id/agenda-items')
  agendaItems(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.agenda.list(caller, id);
  }

  @Authorize(Permission.AgendaManage, On.param(TargetKind.Meeting))
  @Post(':id/agenda-items')
  addAgendaItem(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: CreateAgendaItemDto) {
    return this.agenda.create(caller, id, dto);
  }

  @Authorize(Permission.AgendaManage, On.param(TargetKind.Meeting))
  @Patch(':id/agenda-items/:itemId')
  updateAgendaItem(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('itemId') itemId: string, @RequestBody() dto: UpdateAgendaItemDto) {
    return this.agenda.update(caller, id, itemId, dto);
  }

  /** answers with the agenda as it stands after the removal, renumbered */
  @Authorize(Permission.AgendaManage, On.param(TargetKind.Meeting))
  @Delete(':id/agenda-items/:itemId')
  @HttpCode(200)
  removeAgendaItem(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('itemId') itemId: string) {
    return this.agenda.remove(caller, id, itemId);
  }

  @Authorize(Permission.AgendaManage, On.param(TargetKind.Meeting))
  @Post(':id/agenda/publish')
  @HttpCode(200)
  publishAgenda(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: PublishAgendaDto) {
    return this.agenda.publish(caller, id, dto ?? {});
  }

  @Authorize(Permission.AgendaManage, On.param(TargetKind.Meeting))
  @Post(':id/agenda-items/:itemId/papers')
  addPaper(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('itemId') itemId: string, @RequestBody() dto: AddPaperDto) {
    return this.agenda.addPaper(caller, id, itemId, dto);
  }

  /** answers with the agenda item as it stands after the removal; 404 for a paper that is not on that item */
  @Authorize(Permission.AgendaManage, On.param(TargetKind.Meeting))
  @Delete(':id/agenda-items/:itemId/papers/:paperId')
  @HttpCode(200)
  removePaper(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('itemId') itemId: string, @IdParam('paperId') paperId: string) {
    return this.agenda.removePaper(caller, id, itemId, paperId);
  }

  @Authorize(Permission.MeetingRead, On.param(TargetKind.Meeting))
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

  @Authorize(Permission.MeetingRead, On.param(TargetKind.Meeting))
  @Get(':id/attendance')
  attendance(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.record.attendanceOf(caller, id);
  }

  @Authorize(Permission.AttendanceRecord, On.param(TargetKind.Meeting))
  @Put(':id/attendance/:governmentId')
  recordAttendance(
    @CurrentCaller() caller: Caller,
    @IdParam() id: string,
    @IdParam('governmentId') governmentId: string,
    @RequestBody() dto: RecordAttendanceDto,
  ) {
    return this.record.recordAttendance(caller, id, governmentId, dto);
  }

  /** a draft is the secretariat's only: members get 404 until it is circulated */
  @Get(':id/minutes')
  @Authorize(Permission.MinutesRead)
  getMinutes(@CurrentCaller() caller: Caller, @IdParam() id: string): Promise<MinutesView> {
    return this.minutes.get(caller, id);
  }

  @Put(':id/minutes')
  @Authorize(Permission.MinutesWrite)
  saveMinutes(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: MinutesDto): Promise<MinutesView> {
    return this.minutes.save(caller, id, dto);
  }

  @Post(':id/minutes/circulate')
  @HttpCode(200)
  @Authorize(Permission.MinutesWrite)
  circulateMinutes(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: CirculateMinutesDto): Promise<MinutesView> {
    return this.minutes.circulate(caller, id, dto);
  }

  @Post(':id/minutes/comments')
  @Authorize(Permission.MinutesComment)
  commentMinutes(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: MinutesCommentDto): Promise<MinutesView> {
    return this.minutes.comment(caller, id, dto);
  }

  @Post(':id/minutes/adopt')
  @HttpCode(200)
  @Authorize(Permission.MinutesWrite)
  adoptMinutes(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: AdoptMinutesDto): Promise<MinutesView> {
    return this.minutes.adopt(caller, id, dto);
  }

  @Get(':id/minutes/revisions')
  @Authorize(Permission.MinutesRead)
  minutesRevisions(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.minutes.revisions(caller, id);
  }

  @Put(':id/decisions/:decisionId/positions/:governmentId')
  @Authorize(Permission.DecisionPositionsWrite)
  recordPosition(
    @CurrentCaller() caller: Caller,
    @IdParam() id: string,
    @IdParam('decisionId') decisionId: string,
    @IdParam('governmentId') governmentId: string,
    @RequestBody() dto: RecordPositionDto,
  ) {
    return this.record.recordPosition(caller, id, decisionId, governmentId, dto);
  }

  @Get(':id/decisions/:decisionId/positions/:governmentId/history')
  @Authorize(Permission.DecisionsRead)
  positionHistory(
    @CurrentCaller() caller: Caller,
    @IdParam() id: string,
    @IdParam('decisionId') decisionId: string,
    @IdParam('governmentId') governmentId: string,
  ) {
    return this.record.positionHistory(caller, id, decisionId, governmentId);
  }

  @Authorize(Permission.MeetingRead, On.param(TargetKind.Meeting))
  @Get(':id/decisions')
  decisions(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.record.decisionsOf(caller, id);
  }

  @Authorize(Permission.DecisionRecord, On.param(TargetKind.Meeting))
  @Post(':id/decisions')
  recordDecision(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: CreateDecisionDto) {
    return this.record.recordDecision(caller, id, dto);
  }

  @Authorize(Permission.MeetingRead, On.param(TargetKind.Meeting))
  @Get(':id/decisions/:decisionId')
  decision(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('decisionId') decisionId: string) {
    return this.record.decision(caller, id, decisionId);
  }

  /** creates an action item that carries out the decision (it remembers the decision and the meeting) */
  @Authorize(Permission.ActionItemCreate, On.param(TargetKind.Meeting))
  @Post(':id/decisions/:decisionId/action-items')
  actionItemFromDecision(
    @CurrentCaller() caller: Caller,
    @IdParam() id: string,
    @IdParam('decisionId') decisionId: string,
    @RequestBody() dto: ActionItemFromDecisionDto,
  ) {
    return this.record.actionItemFromDecision(caller, id, decisionId, dto);
  }

  @Authorize(Permission.DecisionRefer, On.param(TargetKind.Meeting))
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
  @Authorize(Permission.MeetingRead, On.param(TargetKind.Body))
  @Get(':id/referred-decisions')
  referred(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: PageQuery) {
    return this.record.referredTo(caller, id, query.limit, query.offset);
  }
}

@ApiTags('meetings')
@Controller('calendar-feeds')
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Authorize(Permission.CalendarFeedManage)
  @Post()
  @ApiBearerAuth()
  create(@CurrentCaller() caller: Caller, @RequestBody() dto: CreateCalendarFeedDto) {
    return this.feeds.create(caller, dto.label);
  }

  @Authorize(Permission.CalendarFeedManage)
  @Get()
  @ApiBearerAuth()
  list(@CurrentCaller() caller: Caller) {
    return this.feeds.list(caller);
  }

  @Authorize(Permission.CalendarFeedManage)
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
