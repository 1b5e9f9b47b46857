import './bodies.translations';
import { Module } from '@nestjs/common';
import { GovernmentsModule } from '@forum/governments';
import { BodiesController, MyJoinRequestsController } from './bodies.controller';
import { BodiesService } from './bodies.service';
import { BodyAccess } from './body-access.service';
import { BodyRepository, JoinRequestRepository, MembershipRepository } from './body.repository';
import { JoinRequestsService } from './join-requests.service';
import { MembershipsService } from './memberships.service';

@Module({
  imports: [GovernmentsModule],
  controllers: [BodiesController, MyJoinRequestsController],
  providers: [BodiesService, MembershipsService, JoinRequestsService, BodyAccess, BodyRepository, MembershipRepository, JoinRequestRepository],
  exports: [BodiesService, MembershipsService, BodyAccess, BodyRepository, MembershipRepository],
})
export class BodiesModule {}
