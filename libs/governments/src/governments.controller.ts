import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Caller, CurrentCaller, IdParam, PageQuery } from '@forum/core';
import { GOVERNMENT_LEVELS } from '@forum/contracts';
import { CreateGovernmentDto } from './create-government.dto';
import { GovernmentsService } from './governments.service';

class GovernmentListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: GOVERNMENT_LEVELS })
  @IsOptional()
  @IsIn(GOVERNMENT_LEVELS)
  level?: string;
}

@ApiTags('governments')
@ApiBearerAuth()
@Controller('governments')
export class GovernmentsController {
  constructor(private readonly governments: GovernmentsService) {}

  @Get()
  list(@Query() query: GovernmentListQuery) {
    return this.governments.list({ level: query.level }, query.limit, query.offset);
  }

  @Get(':id')
  get(@IdParam() id: string) {
    return this.governments.get(id);
  }

  @Post()
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateGovernmentDto) {
    return this.governments.create(caller, dto);
  }
}
