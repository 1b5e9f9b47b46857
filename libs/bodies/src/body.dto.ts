import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { BODY_KINDS, MEMBERSHIP_ROLES, type BodyKind, type MembershipRole } from '@forum/contracts';
import { BilingualDto, PageQuery } from '@forum/core';

/** name and mandate: `x`, `xEn`, `xFr` (see the bilingual texts of the contract) */
const BodyTexts = IntersectionType(BilingualDto('name', 200), BilingualDto('mandate', 10000));

export class CreateBodyDto extends BodyTexts {
  @ApiProperty({ enum: BODY_KINDS })
  @IsIn(BODY_KINDS)
  kind: BodyKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiProperty()
  @IsBoolean()
  permanent: boolean;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  startsOn?: string;

  @ApiPropertyOptional({ format: 'date', description: 'for ad hoc bodies' })
  @IsOptional()
  @IsDateString({ strict: true })
  endsOn?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50, description: 'more than this percent of non-observer members make quorum' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  quorumPercent?: number;
}

export class UpdateBodyDto extends BodyTexts {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  permanent?: boolean;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString({ strict: true })
  endsOn?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  quorumPercent?: number;
}

export class BodyListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BODY_KINDS })
  @IsOptional()
  @IsIn(BODY_KINDS)
  kind?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: 'only bodies where this government currently holds a seat' })
  @IsOptional()
  @IsUUID()
  governmentId?: string;

  @ApiPropertyOptional({ description: 'text in the English or French name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class AddMemberDto {
  @ApiProperty()
  @IsUUID()
  governmentId: string;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES)
  role: MembershipRole;

  @ApiPropertyOptional({ description: 'when the seat began; now by default' })
  @IsOptional()
  @IsDateString()
  startedAt?: string;
}

export class ChangeMemberRoleDto {
  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES)
  role: MembershipRole;
}

export class MemberListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  includeEnded?: boolean;
}

export class CreateJoinRequestDto extends BilingualDto('message', 2000) {}

export class JoinRequestDecisionDto extends BilingualDto('reason', 2000) {
  @ApiProperty()
  @IsBoolean()
  approve: boolean;
}

export class JoinRequestListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  status?: string;
}
