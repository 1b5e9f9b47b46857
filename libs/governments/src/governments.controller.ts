import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Authorize, Caller, CurrentCaller, IdParam, PageQuery } from '@forum/core';
import { GOVERNMENT_LEVELS, Permission } from '@forum/contracts';
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

  @Authorize(Permission.GovernmentRead)
  @Get()
  list(@Query() query: GovernmentListQuery) {
    return this.governments.list({ level: query.level }, query.limit, query.offset);
  }

  @Authorize(Permission.GovernmentRead)
  @Get(':id')
  get(@IdParam() id: string) {
    return this.governments.get(id);
  }

  @Authorize(Permission.GovernmentCreate)
  @Post()
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateGovernmentDto) {
    return this.governments.create(caller, dto);
  }
}
