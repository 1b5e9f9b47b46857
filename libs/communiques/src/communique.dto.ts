import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { LOCALES, type Locale } from '@forum/contracts';
import { BilingualDto, PageQuery } from '@forum/core';
import { COMMUNIQUE_STATUSES } from './communique.entity';
import { CONCURRENCE_POSITIONS, type ConcurrencePosition } from './communique-concurrence.entity';

const TITLE_MAX = 300;
const TEXT_MAX = 100_000;
const NOTE_MAX = 2000;

/** The text in both languages; each may be left empty while drafting (submitting requires all four). */
class CommuniqueTextDto {
  @ApiPropertyOptional({ maxLength: TITLE_MAX, example: 'Ad Hoc Intergovernmental Task Force on Irregular Migration meets in Montréal' })
  @IsOptional()
  @IsString()
  @MaxLength(TITLE_MAX)
  titleEn?: string;

  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TITLE_MAX)
  titleFr?: string;

  @ApiPropertyOptional({ description: 'Markdown', maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  bodyEn?: string;

  @ApiPropertyOptional({ description: 'Markdown', maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  bodyFr?: string;
}

export class CreateCommuniqueDto extends CommuniqueTextDto {
  @ApiProperty()
  @IsUUID()
  bodyId: string;

  @ApiPropertyOptional({ description: 'the meeting the communiqué follows' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;
}

export class UpdateCommuniqueDto extends CommuniqueTextDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  meetingId?: string | null;

  @ApiPropertyOptional({ description: 'the revision the edit was made on; a stale one is refused (409)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}

class ConcurRest {
  @ApiProperty({ description: 'the exact revision concurred on; it must be the current one' })
  @IsInt()
  @Min(1)
  revision: number;

  @ApiPropertyOptional({ enum: CONCURRENCE_POSITIONS, default: 'concur' })
  @IsOptional()
  @IsIn(CONCURRENCE_POSITIONS)
  position?: ConcurrencePosition;
}

/** `comment` (or `commentEn`/`commentFr`): visible to all members; printed, in each language, as the footnote of a reservation. */
export class ConcurDto extends IntersectionType(BilingualDto('comment', NOTE_MAX, 'the comment'), ConcurRest) {}

export class ConcurrenceListQuery {
  @ApiPropertyOptional({ description: 'every position ever taken, superseded ones included' })
  @IsOptional()
  @IsIn(['true', 'false'])
  history?: 'true' | 'false';
}

export class PublishCommuniqueDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'publish at this time instead of now' })
  @IsOptional()
  @IsDateString({ strict: true })
  embargoUntil?: string;
}

/** The corrected text (any of the four fields) and the correction note the public will see. */
export class CorrectCommuniqueDto extends CommuniqueTextDto {
  @ApiPropertyOptional({ maxLength: NOTE_MAX, description: 'the visible correction note, in English' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  noteEn?: string;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, description: 'the visible correction note, in French' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  noteFr?: string;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, description: 'one note for both languages, when noteEn/noteFr are not given' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string;
}

export class WithdrawCommuniqueDto {
  @ApiPropertyOptional({ maxLength: NOTE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  reasonEn?: string;

  @ApiPropertyOptional({ maxLength: NOTE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  reasonFr?: string;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, description: 'one reason for both languages' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  reason?: string;
}

export class CommuniqueListQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ enum: COMMUNIQUE_STATUSES })
  @IsOptional()
  @IsIn(COMMUNIQUE_STATUSES)
  status?: string;
}

export class DiffQuery {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from: number;

  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to: number;

  @ApiPropertyOptional({ enum: LOCALES, default: 'en' })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}

export class LangQuery {
  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}

export class PublicCommuniqueListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @ApiPropertyOptional({ example: 2017 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1867)
  @Max(9999)
  year?: number;

  @ApiPropertyOptional({ description: 'words in the title or text, English or French' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class SubmitCommuniqueDto {
  @ApiPropertyOptional({ description: 'refused (400): a communiqué goes to concurrence in both languages, never with its translation to follow' })
  @IsOptional()
  @IsBoolean()
  translationToFollow?: boolean;
}
