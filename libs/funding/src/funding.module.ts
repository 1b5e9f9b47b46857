import './funding.translations';
import { FundingClaimLocator, FundingProgramLocator } from './funding.locator';
import { Module } from '@nestjs/common';
import { BodiesModule } from '@forum/bodies';
import { GovernmentsModule } from '@forum/governments';
import { DocumentTableEvidenceLookup, EVIDENCE_LOOKUP } from './evidence-lookup.port';
import { FundingController } from './funding.controller';
import { FundingClaimEventRepository, FundingClaimRepository, FundingProgramRepository } from './funding.repository';
import { FundingService } from './funding.service';

@Module({
  imports: [BodiesModule, GovernmentsModule],
  controllers: [FundingController],
  providers: [
    FundingService,
    FundingProgramLocator,
    FundingClaimLocator,
    FundingProgramRepository,
    FundingClaimRepository,
    FundingClaimEventRepository,
    // the documents library replaces this with its own lookup (same token) once it is merged
    { provide: EVIDENCE_LOOKUP, useClass: DocumentTableEvidenceLookup },
  ],
  exports: [FundingService, FundingClaimRepository, FundingProgramRepository],
})
export class FundingModule {}
