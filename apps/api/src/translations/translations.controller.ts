import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Permission } from '@forum/contracts';
import { Authorize, Caller, CurrentCaller, PageQuery, TranslationsService } from '@forum/core';

class TranslationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending'], default: 'pending', description: 'the texts awaiting their other language' })
  @IsOptional()
  @IsIn(['pending'])
  status?: 'pending';
}

@ApiTags('translations')
@ApiBearerAuth()
@Controller('translations')
export class TranslationsController {
  constructor(private readonly translations: TranslationsService) {}

  /** One item per text awaiting translation, oldest first: `{ items: [{ type, id, field, sourceLang, sourceText, createdAt, createdBy }], total }`. */
  @Get()
  @Authorize(Permission.TranslationRead)
  list(@CurrentCaller() caller: Caller, @Query() query: TranslationQuery) {
    return this.translations.pending(caller, query.limit, query.offset);
  }
}
