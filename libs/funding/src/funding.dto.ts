import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { BilingualDto, PageQuery } from '@forum/core';
import { MAX_CENTS } from './claim-amount.rule';

/** A client that sends a whole timestamp for a date means the calendar date it wrote, whatever the offset. */
const dateOnly = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? value.slice(0, 10) : value);

const DATE = { type: String, format: 'date', example: '2018-04-01' } as const;

class ProgramFields {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  bodyId: string;

  @ApiProperty({ format: 'uuid', description: 'the government that funds the program: a current member of the body' })
  @IsUUID()
  fundingGovernmentId: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CENTS, description: 'the ceiling on approvals, in cents; none means no ceiling' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  budgetCents?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_CENTS,
    description: 'cost recovery per claimant, in cents: a claim with claimants asks for claimants × rate',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  ratePerClaimantCents?: number;

  @ApiProperty(DATE)
  @Transform(dateOnly)
  @IsDateString({ strict: true })
  eligibleFrom: string;

  @ApiProperty({ ...DATE, description: 'inclusive' })
  @Transform(dateOnly)
  @IsDateString({ strict: true })
  eligibleTo: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the decision (of a meeting of this body) that created the program' })
  @IsOptional()
  @IsUUID()
  decisionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the action item (of this body) the program carries out' })
  @IsOptional()
  @IsUUID()
  actionItemId?: string;
}

export class CreateFundingProgramDto extends IntersectionType(
  BilingualDto('name', 300, 'the program name'),
  BilingualDto('terms', 20000, 'the terms of the program'),
  ProgramFields,
) {}

class ClaimFields {
  @ApiProperty({ format: 'uuid', description: 'a current member government of the body (observers included): an official claims for its own' })
  @IsUUID()
  claimantGovernmentId: string;

  @ApiProperty(DATE)
  @Transform(dateOnly)
  @IsDateString({ strict: true })
  periodFrom: string;

  @ApiProperty({ ...DATE, description: 'inclusive; the period lies within the program’s eligibility' })
  @Transform(dateOnly)
  @IsDateString({ strict: true })
  periodTo: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100_000_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  claimants?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CENTS, description: 'computed as claimants × rate when the program has a rate and claimants are given' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  requestedCents?: number;

  @ApiPropertyOptional({ type: [String], description: 'documents of the same body, as evidence of the services delivered' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  evidenceDocumentIds?: string[];
}

export class CreateFundingClaimDto extends IntersectionType(BilingualDto('description', 20000, 'what the claim covers'), ClaimFields) {}

class DecisionFields {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'])
  status: 'approved' | 'rejected';

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CENTS, description: 'approved: at most the amount requested; absent means the amount requested' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  approvedCents?: number;
}

export class FundingDecisionDto extends IntersectionType(BilingualDto('comment', 5000, 'the reasons for the decision'), DecisionFields) {}

/** The claimant's confirmation that what was paid matches what it spent; the note is kept in the claim's history. */
export class ReconcileClaimDto extends BilingualDto('note', 5000, 'what the reconciliation found') {}

export class FundingPaymentDto {
  @ApiProperty({ minimum: 1, maximum: MAX_CENTS })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents: number;

  @ApiProperty(DATE)
  @Transform(dateOnly)
  @IsDateString({ strict: true })
  paidOn: string;
}

export class FundingProgramListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;
}

export class FundingSummaryQuery {
  @ApiPropertyOptional({ example: '2017-18', description: 'the funder’s fiscal year (April–March); absent: the whole program' })
  @IsOptional()
  @IsString()
  @MaxLength(7)
  @Matches(/^\d{4}(-\d{2})?$/, { message: 'fiscalYear must look like 2017-18' })
  fiscalYear?: string;
}
