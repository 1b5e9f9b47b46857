import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { SEARCH_TYPES, type SearchType } from '@forum/contracts';
import { PageQuery } from '@forum/core';

const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

export class SearchQuery extends PageQuery {
  @ApiProperty({ example: 'per claimant funding', description: 'words (all must match), "quoted phrases", -excluded; the last word also matches as a prefix' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q: string;

  @ApiPropertyOptional({ description: `comma-separated: ${SEARCH_TYPES.join(', ')}` })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(SEARCH_TYPES.length)
  @IsIn(SEARCH_TYPES, { each: true })
  types?: SearchType[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;
}
