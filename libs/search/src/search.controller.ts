import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, type SearchResultsView } from '@forum/contracts';
import { Authorize, Caller, CurrentCaller } from '@forum/core';
import { SearchQuery } from './search.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @Authorize(Permission.Search)
  search(@CurrentCaller() caller: Caller, @Query() query: SearchQuery): Promise<SearchResultsView> {
    return this.searchService.search(caller, query);
  }
}
