import './bodies.translations';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ACCESS_POLICY } from '@forum/core';
import { BodyLocator } from './access/body.locator';
import { PermissionPolicy } from './access/permission-policy';
import { GovernmentsModule } from '@forum/governments';
import { BodiesController, MyJoinRequestsController } from './bodies.controller';
import { BodiesService } from './bodies.service';
import { BodyAccess } from './body-access.service';
import { BodyRepository, JoinRequestRepository, MembershipRepository } from './body.repository';
import { JoinRequestsService } from './join-requests.service';
import { MembershipsService } from './memberships.service';

@Module({
  imports: [GovernmentsModule, DiscoveryModule],
  controllers: [BodiesController, MyJoinRequestsController],
  providers: [
    BodiesService,
    MembershipsService,
    JoinRequestsService,
    BodyAccess,
    BodyRepository,
    MembershipRepository,
    JoinRequestRepository,
    BodyLocator,
    PermissionPolicy,
    { provide: ACCESS_POLICY, useExisting: PermissionPolicy },
  ],
  exports: [ACCESS_POLICY, BodiesService, MembershipsService, BodyAccess, BodyRepository, MembershipRepository],
})
export class BodiesModule {}
