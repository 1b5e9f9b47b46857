import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { INDICATOR_FREQUENCIES, type IndicatorFrequency } from '@forum/contracts';
import { BilingualDto, PageQuery } from '@forum/core';

const MAX_FIGURE = 1e12;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

class IndicatorFields {
  @ApiProperty({ example: 'rcmp-interceptions', description: 'short code, unique in the body' })
  @IsString()
  @MinLength(2)
  @MaxLength(40)
  @Matches(/^[a-z0-9][a-z0-9._-]*$/i, { message: 'code may hold letters, digits, dots, dashes and underscores' })
  code: string;

  @ApiProperty({ example: 'people', maxLength: 40 })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  unit: string;

  @ApiPropertyOptional({ enum: INDICATOR_FREQUENCIES, default: 'monthly' })
  @IsOptional()
  @IsIn(INDICATOR_FREQUENCIES)
  frequency?: IndicatorFrequency;

  @ApiPropertyOptional({ example: 'RCMP, interceptions between ports of entry', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  source?: string;

  @ApiPropertyOptional({ description: 'the monthly total at which the indicator is at warning', minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_FIGURE)
  warningAt?: number;

  @ApiPropertyOptional({ description: 'the monthly total at which the indicator is at surge', minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_FIGURE)
  surgeAt?: number;
}

class BodyField {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  bodyId: string;
}

export class CreateIndicatorDto extends IntersectionType(
  BodyField,
  IndicatorFields,
  IntersectionType(BilingualDto('name', 200, 'the indicator’s name'), BilingualDto('definition', 2000, 'what is counted')),
) {}

class UpdatableFields {
  @ApiPropertyOptional({ maxLength: 40 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  unit?: string;

  @ApiPropertyOptional({ maxLength: 300, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  source?: string;

  @ApiPropertyOptional({ nullable: true, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_FIGURE)
  warningAt?: number | null;

  @ApiPropertyOptional({ nullable: true, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_FIGURE)
  surgeAt?: number | null;
}

export class UpdateIndicatorDto extends IntersectionType(
  UpdatableFields,
  IntersectionType(BilingualDto('name', 200, 'the indicator’s name'), BilingualDto('definition', 2000, 'what is counted')),
) {}

export class ReportObservationDto {
  @ApiProperty({ example: 1375, minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_FIGURE)
  value: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class IndicatorListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;
}

export class SeriesQuery {
  @ApiPropertyOptional({ example: '2017-01', description: 'first month (YYYY-MM); by default the first reported' })
  @IsOptional()
  @Matches(PERIOD, { message: 'from must be a month, YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2020-12', description: 'last month (YYYY-MM); by default the latest reported' })
  @IsOptional()
  @Matches(PERIOD, { message: 'to must be a month, YYYY-MM' })
  to?: string;
}

export class AlertListQuery extends PageQuery {}

export const periodParamMessage = 'period must be a month, YYYY-MM';
export { PERIOD as PERIOD_FORMAT };
