import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery, BilingualDto } from '@forum/core';
import { ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, type ActionItemPriority, type ActionItemStatus } from './action-item-status.rule';

/** A client that sends a whole timestamp for a due date means the calendar date it wrote, whatever the offset. */
const dateOnly = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? value.slice(0, 10) : value);

/** Ten trillion dollars: far beyond any program, and well inside exact integer arithmetic (2^53). */
const MAX_CENTS = 10 ** 15;

export class CostShareDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  governmentId: string;

  @ApiProperty({ minimum: 1, maximum: 10000, description: 'share in basis points: 10000 is 100%' })
  @IsInt()
  @Min(1)
  @Max(10000)
  basisPoints: number;
}

/** title and description: `x`, `xEn`, `xFr` (see the bilingual texts of the contract) */
const ItemTexts = IntersectionType(BilingualDto('title', 300), BilingualDto('description', 20000));

export class CreateActionItemDto extends ItemTexts {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  bodyId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the meeting it arose from' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the meeting decision it carries out' })
  @IsOptional()
  @IsUUID()
  decisionId?: string;

  @ApiProperty({ format: 'uuid', description: 'a current, non-observer member government of the body' })
  @IsUUID()
  leadGovernmentId: string;

  @ApiPropertyOptional({ type: [String], description: 'current member governments of the body' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  supportingGovernmentIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'officials of the lead government; none means all its officials' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  responsibleUserIds?: string[];

  @ApiProperty({ format: 'date', example: '2018-09-30', description: 'a date; a full ISO timestamp is read as the date it names' })
  @Transform(dateOnly)
  @IsDateString({ strict: true })
  @MaxLength(10, { message: 'dueOn must be a date (YYYY-MM-DD)' })
  dueOn: string;

  @ApiPropertyOptional({
    enum: ['not_started', 'in_progress'],
    default: 'not_started',
    description: 'a new item starts not_started, or in_progress when work is already under way',
  })
  @IsOptional()
  @IsIn(ACTION_ITEM_STATUSES)
  status?: ActionItemStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;

  @ApiPropertyOptional({ enum: ACTION_ITEM_PRIORITIES, default: 'normal' })
  @IsOptional()
  @IsIn(ACTION_ITEM_PRIORITIES)
  priority?: ActionItemPriority;

  @ApiPropertyOptional({ description: 'Canadian dollars, in cents' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  estimatedCostCents?: number;

  @ApiPropertyOptional({ description: 'Canadian dollars, in cents' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  actualCostCents?: number;

  @ApiPropertyOptional({ example: 'Interim Housing Assistance Program' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  fundingSource?: string;

  @ApiPropertyOptional({ type: [CostShareDto], description: 'basis points adding up to exactly 10000' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CostShareDto)
  costShares?: CostShareDto[];
}

/** Every field may change; `version` is the one the client read, so two officials never overwrite each other. */
export class UpdateActionItemDto extends ItemTexts {
  @ApiProperty({ description: 'the version the client read; a missing or stale one is refused with 409 and the current item' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  leadGovernmentId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  supportingGovernmentIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  responsibleUserIds?: string[];

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Transform(dateOnly)
  @IsDateString({ strict: true })
  @MaxLength(10, { message: 'dueOn must be a date (YYYY-MM-DD)' })
  dueOn?: string;

  @ApiPropertyOptional({ enum: ACTION_ITEM_STATUSES })
  @IsOptional()
  @IsIn(ACTION_ITEM_STATUSES)
  status?: ActionItemStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;

  @ApiPropertyOptional({ enum: ACTION_ITEM_PRIORITIES })
  @IsOptional()
  @IsIn(ACTION_ITEM_PRIORITIES)
  priority?: ActionItemPriority;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  estimatedCostCents?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  actualCostCents?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  fundingSource?: string | null;

  @ApiPropertyOptional({ type: [CostShareDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CostShareDto)
  costShares?: CostShareDto[];

  @ApiPropertyOptional({ description: 'why: required to reopen a done item; kept with the change' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;
}

/** A progress report: kept for ever in the item's history. */
export class CreateProgressReportDto extends BilingualDto('note', 5000) {
  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;

  @ApiPropertyOptional({ enum: ACTION_ITEM_STATUSES })
  @IsOptional()
  @IsIn(ACTION_ITEM_STATUSES)
  status?: ActionItemStatus;

  @ApiPropertyOptional({ description: 'the version the reporter read; when given, a stale one is refused with 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export const ACTION_ITEM_SORTS = ['dueOn', 'updatedAt', 'priority', 'createdAt'] as const;
export type ActionItemSort = (typeof ACTION_ITEM_SORTS)[number];

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === false ? false : value;
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

export class ActionItemListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'items this government leads or supports' })
  @IsOptional()
  @IsUUID()
  governmentId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ description: 'one status or several, comma-separated', example: 'in_progress,blocked' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(ACTION_ITEM_STATUSES, { each: true })
  status?: ActionItemStatus[];

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  dueFrom?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  dueTo?: string;

  @ApiPropertyOptional({ description: 'open items past their due date (in the lead government’s zone)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    enum: ACTION_ITEM_SORTS,
    default: 'dueOn',
    description: 'dueOn ascending, updatedAt newest first, priority most urgent first unless `order` says otherwise',
  })
  @IsOptional()
  @IsIn(ACTION_ITEM_SORTS)
  sort?: ActionItemSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class UpdateListQuery extends PageQuery {}

export class AccountabilityQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ format: 'date-time', description: 'the instant the figures are read at; now by default' })
  @IsOptional()
  @IsDateString()
  asOf?: string;
}
