import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '@forum/core';

export class DocumentListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only the documents attached to this meeting (or its agenda items)' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ description: 'only the documents attached to this agenda item' })
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;
}

export class DocumentContentQuery {
  @ApiPropertyOptional({ description: 'the version number; the latest by default' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;

  @ApiPropertyOptional({ enum: ['0', '1'], description: '1: Content-Disposition inline (preview in the browser)' })
  @IsOptional()
  @IsIn(['0', '1', 'true', 'false'])
  inline?: string;
}

export class PdfLanguageQuery {
  @ApiPropertyOptional({ enum: ['en', 'fr'], description: "the language of the PDF; the reader's by default" })
  @IsOptional()
  @IsIn(['en', 'fr'])
  lang?: 'en' | 'fr';
}
