import { Body as RequestBody, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Authorize, Caller, CurrentCaller, IdParam, On, TargetKind } from '@forum/core';
import { Permission } from '@forum/contracts';
import { BodiesService } from './bodies.service';
import {
  ChangeMemberRoleDto,
  AddMemberDto,
  BodyListQuery,
  CreateBodyDto,
  CreateJoinRequestDto,
  JoinRequestDecisionDto,
  JoinRequestListQuery,
  MemberListQuery,
  UpdateBodyDto,
} from './body.dto';
import { JoinRequestsService } from './join-requests.service';
import { MembershipsService } from './memberships.service';

@ApiTags('bodies')
@ApiBearerAuth()
@Controller('bodies')
export class BodiesController {
  constructor(
    private readonly bodies: BodiesService,
    private readonly memberships: MembershipsService,
    private readonly joinRequests: JoinRequestsService,
  ) {}

  @Authorize(Permission.BodyRead)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: BodyListQuery) {
    return this.bodies.list(
      { kind: query.kind, parentId: query.parentId, q: query.q, memberGovernmentId: query.governmentId },
      query.limit,
      query.offset,
      caller.locale,
    );
  }

  @Authorize(Permission.BodyCreate)
  @Post()
  create(@CurrentCaller() caller: Caller, @RequestBody() dto: CreateBodyDto) {
    return this.bodies.create(caller, dto);
  }

  @Authorize(Permission.BodyRead)
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.bodies.get(id, caller.locale);
  }

  @Authorize(Permission.BodyUpdate)
  @Patch(':id')
  update(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: UpdateBodyDto) {
    return this.bodies.update(caller, id, dto);
  }

  @Authorize(Permission.BodyRead)
  @Get(':id/members')
  members(@IdParam() id: string, @Query() query: MemberListQuery) {
    return this.memberships.list(id, query.includeEnded ?? false);
  }

  @Authorize(Permission.MembershipManage)
  @Post(':id/members')
  addMember(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: AddMemberDto) {
    return this.memberships.add(caller, id, dto.governmentId, dto.role, dto.startedAt);
  }

  /** changes the seat's role in place: it keeps its start; each change is kept in `roleHistory` */
  @Patch(':id/members/:governmentId')
  @Authorize(Permission.MembershipRoleChange, On.param(TargetKind.Body))
  changeRole(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('governmentId') governmentId: string, @RequestBody() dto: ChangeMemberRoleDto) {
    return this.memberships.changeRole(caller, id, governmentId, dto.role);
  }

  @Authorize(Permission.MembershipManage)
  @Delete(':id/members/:governmentId')
  @HttpCode(200)
  endMember(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('governmentId') governmentId: string) {
    return this.memberships.end(caller, id, governmentId);
  }

  @Authorize(Permission.JoinRequestCreate, On.param(TargetKind.Body))
  @Post(':id/join-requests')
  requestToJoin(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: CreateJoinRequestDto) {
    return this.joinRequests.create(caller, id, dto);
  }

  @Authorize(Permission.JoinRequestRead, On.param(TargetKind.Body))
  @Get(':id/join-requests')
  joinRequestsOf(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: JoinRequestListQuery) {
    return this.joinRequests.listForBody(caller, id, query.status, query.limit, query.offset);
  }

  @Authorize(Permission.JoinRequestDecide, On.param(TargetKind.Body))
  @Post(':id/join-requests/:rid/decision')
  @HttpCode(200)
  decide(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('rid') rid: string, @RequestBody() dto: JoinRequestDecisionDto) {
    return this.joinRequests.decide(caller, id, rid, dto);
  }
}

@ApiTags('bodies')
@ApiBearerAuth()
@Controller('join-requests')
export class MyJoinRequestsController {
  constructor(private readonly joinRequests: JoinRequestsService) {}

  /** the join requests of the caller's own government, across bodies */
  /** the requests awaiting the caller's decision, across the bodies it decides for (the secretariat: all) */
  @Authorize(Permission.JoinRequestReadToDecide)
  @Get('to-decide')
  toDecide(@CurrentCaller() caller: Caller, @Query() query: JoinRequestListQuery) {
    return this.joinRequests.listToDecide(caller, query.status, query.limit, query.offset);
  }

  @Authorize(Permission.JoinRequestReadOwn)
  @Get()
  mine(@CurrentCaller() caller: Caller, @Query() query: JoinRequestListQuery) {
    return this.joinRequests.listMine(caller, query.status, query.limit, query.offset);
  }
}
