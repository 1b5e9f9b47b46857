import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { CreateActionItemDto } from '@forum/action-items';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsBase64,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { BilingualDto, PageQuery } from '@forum/core';
import { DECISION_POSITIONS, type DecisionPositionKind } from './decision-position.entity';
import { AGENDA_PURPOSES, type AgendaPurpose } from './agenda-item.entity';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from './meeting-attendance.entity';
import { MEETING_STATUSES, type MeetingStatus } from './meeting-status.rule';

/** A time without an offset would be read in the server's zone: refuse it rather than guess. */
const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const withOffset = (field: string) => ({ message: `${field} must be an ISO 8601 time with an offset (Z or ±hh:mm)` });

const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

/** `title`, `titleEn`, `titleFr`: see the bilingual texts of the contract */
export class CreateMeetingDto extends BilingualDto('title', 300) {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  bodyId: string;

  @ApiProperty({ example: '2026-03-10T15:00:00Z' })
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, withOffset('startsAt'))
  startsAt: string;

  @ApiProperty({ example: '2026-03-10T17:00:00Z' })
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, withOffset('endsAt'))
  endsAt: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  videoUrl?: string;

  @ApiPropertyOptional({ enum: ['draft', 'scheduled'], default: 'scheduled', description: 'a draft is seen by the secretariat only and invites nobody yet' })
  @IsOptional()
  @IsIn(['draft', 'scheduled'])
  status?: 'draft' | 'scheduled';

  @ApiPropertyOptional({ type: [String], description: 'named delegates: officials of invited governments' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID(undefined, { each: true })
  delegateUserIds?: string[];
}

export class UpdateMeetingDto extends BilingualDto('title', 300) {
  @ApiPropertyOptional({ format: 'uuid', description: 'accepted so a client may send back what it read; a meeting never moves to another body' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, withOffset('startsAt'))
  startsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, withOffset('endsAt'))
  endsAt?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  location?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  videoUrl?: string | null;

  @ApiPropertyOptional({ enum: MEETING_STATUSES, description: '"cancelled" cancels; "scheduled" sends a draft; "held" records that it took place' })
  @IsOptional()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @ApiPropertyOptional({ description: 'why the meeting is moved or cancelled; shown to the invitees' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID(undefined, { each: true })
  delegateUserIds?: string[];
}

export class MeetingListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @ApiPropertyOptional({ description: 'meetings ending after this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'meetings starting before this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'one status or several, comma-separated', example: 'draft,scheduled' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @IsIn(MEETING_STATUSES, { each: true })
  status?: MeetingStatus[];

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'by start time: desc lists the most recent past meetings first' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class SlotQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  bodyId: string;

  @ApiProperty({ minimum: 15, maximum: 600 })
  @Type(() => Number)
  @IsInt()
  @Min(15)
  @Max(600)
  durationMinutes: number;

  @ApiProperty()
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, withOffset('from'))
  from: string;

  @ApiProperty()
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, withOffset('to'))
  to: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  count?: number;

  @ApiPropertyOptional({ description: 'comma-separated user ids whose calendars must be free; by default every active official of the invited governments' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID(undefined, { each: true })
  delegateUserIds?: string[];
}

export class CreateAgendaItemDto extends BilingualDto('title', 300) {
  @ApiProperty({ enum: AGENDA_PURPOSES })
  @IsIn(AGENDA_PURPOSES)
  purpose: AgendaPurpose;

  @ApiProperty({ minimum: 1, maximum: 1440 })
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  presenterGovernmentId?: string;

  @ApiPropertyOptional({ minimum: 1, description: '1-based; appended when absent; beyond the end means last' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  position?: number;
}

export class UpdateAgendaItemDto extends BilingualDto('title', 300) {
  @ApiPropertyOptional({ enum: AGENDA_PURPOSES })
  @IsOptional()
  @IsIn(AGENDA_PURPOSES)
  purpose?: AgendaPurpose;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  presenterGovernmentId?: string | null;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  position?: number;
}

/** Uploaded papers travel as base64 in JSON; the limit keeps the database and the request body small. */
export const PAPER_MAX_BYTES = 512 * 1024;

export class AddPaperDto extends BilingualDto('title', 300) {
  @ApiPropertyOptional({ description: 'a link to the paper; or upload it with fileName, contentType and contentBase64' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @Matches(/^[^/\\\u0000-\u001f]+$/, { message: 'fileName must be a plain file name' })
  fileName?: string;

  @ApiPropertyOptional({ example: 'application/pdf' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[\w.+-]+\/[\w.+-]+$/, { message: 'contentType must be a media type such as application/pdf' })
  contentType?: string;

  @ApiPropertyOptional({ description: `at most ${PAPER_MAX_BYTES} bytes once decoded` })
  @IsOptional()
  @IsString()
  @MaxLength(Math.ceil(PAPER_MAX_BYTES / 3) * 4 + 4, { message: `contentBase64 must hold at most ${PAPER_MAX_BYTES} bytes` })
  @IsBase64()
  contentBase64?: string;
}

export class RecordAttendanceDto {
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;

  @ApiPropertyOptional({ type: [String], description: 'which of the government’s officials attended' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  delegateUserIds?: string[];
}

/** The minutes text (Markdown), `text` in the author's language or `textEn`/`textFr`. */
export class MinutesDto extends BilingualDto('text', 200000, 'the minutes (Markdown)') {}

export class CirculateMinutesDto {
  @ApiPropertyOptional({ description: 'circulate in one language now, the translation to follow (recorded and shown to readers)' })
  @IsOptional()
  @IsBoolean()
  translationToFollow?: boolean;
}

export class MinutesCommentDto extends BilingualDto('comment', 10000, 'the comment') {}

export class AdoptMinutesDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'the later meeting of the same body that adopts them; the adoption is recorded as its decision' })
  @IsOptional()
  @IsUUID()
  atMeetingId?: string;
}

class DecisionRest {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'a decision of a child body referred to this one, which this decision takes up' })
  @IsOptional()
  @IsUUID()
  originDecisionId?: string;
}

export class CreateDecisionDto extends IntersectionType(BilingualDto('text', 10000, 'the decision'), DecisionRest) {}

class PositionRest {
  @ApiProperty({ enum: DECISION_POSITIONS })
  @IsIn(DECISION_POSITIONS)
  position: DecisionPositionKind;
}

export class RecordPositionDto extends IntersectionType(BilingualDto('comment', 4000, 'the comment (a reservation, the reason for a dissent)'), PositionRest) {}

export class ReferDecisionDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CreateCalendarFeedDto {
  @ApiPropertyOptional({ maxLength: 100, example: 'Outlook at the office' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  label?: string;
}

/** An action item arising from a decision: its body, meeting and decision come from the route. */
export class ActionItemFromDecisionDto extends OmitType(CreateActionItemDto, ['bodyId', 'meetingId', 'decisionId'] as const) {}

export class PublishAgendaDto {
  @ApiPropertyOptional({ description: 'publish although some texts await their translation: readers are told it is to follow, and told again when it arrives' })
  @IsOptional()
  @IsBoolean()
  translationToFollow?: boolean;
}
