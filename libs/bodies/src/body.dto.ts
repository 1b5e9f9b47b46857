import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { BODY_KINDS, MEMBERSHIP_ROLES, type BodyKind, type MembershipRole } from '@forum/contracts';
import { PageQuery } from '@forum/core';

export class CreateBodyDto {
  @ApiProperty({ example: 'Working Group on Asylum and Irregular Migration' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: "Groupe de travail sur l'asile et la migration irrégulière" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameFr?: string;

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

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  mandate?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50, description: 'more than this percent of non-observer members make quorum' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  quorumPercent?: number;
}

export class UpdateBodyDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameFr?: string;

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
  @IsString()
  @MaxLength(10000)
  mandate?: string;

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

export class CreateJoinRequestDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;
}

export class JoinRequestDecisionDto {
  @ApiProperty()
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class JoinRequestListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  status?: string;
}
