import { CommuniqueLocator } from './communique.locator';
import './communiques.translations';
import { Module } from '@nestjs/common';
import { BodiesModule } from '@forum/bodies';
import { GovernmentsModule } from '@forum/governments';
import { CommuniquePagesController } from './communique-pages.controller';
import { CommuniquePublicationService } from './communique-publication.service';
import { CommuniqueConcurrenceRepository, CommuniqueRepository, CommuniqueRevisionRepository } from './communique.repository';
import { CommuniquesController } from './communiques.controller';
import { CommuniquesService } from './communiques.service';
import { ConcurrenceTracker } from './concurrence-tracker.service';
import { PublicCommuniquesController } from './public-communiques.controller';
import { PublicCommuniquesService } from './public-communiques.service';
import { PublicPortalChanges } from './public-changes';
import { PublicResponseCache } from './public-response.cache';

const PROVIDERS = [
  CommuniqueRepository,
  CommuniqueRevisionRepository,
  CommuniqueConcurrenceRepository,
  ConcurrenceTracker,
  CommuniquesService,
  CommuniquePublicationService,
  PublicCommuniquesService,
  PublicPortalChanges,
];

/** Providers shared by the api and the worker, without controllers. */
@Module({
  imports: [BodiesModule, GovernmentsModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class CommuniquesCoreModule {}

@Module({
  imports: [CommuniquesCoreModule],
  controllers: [CommuniquesController, PublicCommuniquesController, CommuniquePagesController],
  // the api's own: the worker changes the public portal (embargoes) but keeps no cache of it
  providers: [CommuniqueLocator, PublicResponseCache],
  exports: [PublicResponseCache],
})
export class CommuniquesModule {}
