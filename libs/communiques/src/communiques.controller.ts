import { Body as RequestBody, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Authorize, Caller, CurrentCaller, IdParam, On, TargetKind } from '@forum/core';
import { Permission } from '@forum/contracts';
import {
  CommuniqueListQuery,
  ConcurrenceListQuery,
  ConcurDto,
  CorrectCommuniqueDto,
  CreateCommuniqueDto,
  DiffQuery,
  PublishCommuniqueDto,
  UpdateCommuniqueDto,
  WithdrawCommuniqueDto,
  SubmitCommuniqueDto,
} from './communique.dto';
import { CommuniquePublicationService } from './communique-publication.service';
import { CommuniquesService } from './communiques.service';

@ApiTags('communiques')
@ApiBearerAuth()
@Controller('communiques')
export class CommuniquesController {
  constructor(
    private readonly communiques: CommuniquesService,
    private readonly publication: CommuniquePublicationService,
  ) {}

  @Authorize(Permission.CommuniqueRead)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: CommuniqueListQuery) {
    return this.communiques.list(caller, { bodyId: query.bodyId, meetingId: query.meetingId, status: query.status }, query.limit, query.offset);
  }

  @Authorize(Permission.CommuniqueCreate, On.field(TargetKind.Body, 'bodyId'))
  @Post()
  create(@CurrentCaller() caller: Caller, @RequestBody() dto: CreateCommuniqueDto) {
    return this.communiques.create(caller, dto);
  }

  @Authorize(Permission.CommuniqueRead, On.param(TargetKind.Communique))
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.communiques.get(caller, id);
  }

  @Authorize(Permission.CommuniqueUpdate, On.param(TargetKind.Communique))
  @Patch(':id')
  update(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: UpdateCommuniqueDto) {
    return this.communiques.update(caller, id, dto);
  }

  @Authorize(Permission.CommuniqueSubmit, On.param(TargetKind.Communique))
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: SubmitCommuniqueDto) {
    return this.communiques.submit(caller, id, dto ?? {});
  }

  @Authorize(Permission.CommuniqueRead, On.param(TargetKind.Communique))
  @Get(':id/concurrences')
  concurrences(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: ConcurrenceListQuery) {
    return this.communiques.concurrencesOf(caller, id, query.history === 'true');
  }

  @Authorize(Permission.CommuniqueConcur, On.param(TargetKind.Communique))
  @Post(':id/concurrences')
  concur(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: ConcurDto) {
    return this.communiques.concur(caller, id, dto);
  }

  @Authorize(Permission.CommuniqueRead, On.param(TargetKind.Communique))
  @Get(':id/revisions')
  revisions(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.communiques.revisionsOf(caller, id);
  }

  @Authorize(Permission.CommuniqueRead, On.param(TargetKind.Communique))
  @Get(':id/diff')
  diff(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: DiffQuery) {
    return this.communiques.diff(caller, id, query.from, query.to, query.lang ?? 'en');
  }

  @Authorize(Permission.CommuniquePublish, On.param(TargetKind.Communique))
  @Post(':id/publish')
  @HttpCode(200)
  publish(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: PublishCommuniqueDto) {
    return this.publication.publish(caller, id, dto.embargoUntil);
  }

  @Authorize(Permission.CommuniqueCorrect, On.param(TargetKind.Communique))
  @Post(':id/corrections')
  correct(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: CorrectCommuniqueDto) {
    return this.publication.correct(caller, id, dto);
  }

  @Authorize(Permission.CommuniqueWithdraw, On.param(TargetKind.Communique))
  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: WithdrawCommuniqueDto) {
    return this.publication.withdraw(caller, id, dto);
  }
}
