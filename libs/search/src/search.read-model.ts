import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { searchQuery, type SearchAccess, type SearchRequest, type SearchRow } from './search.sql';

export type { SearchAccess, SearchRequest, SearchRow };

/**
 * The forum's search as one query: every source's hits (found through its GIN indexes), only what the caller may
 * read, ranked (title above text, recent above old), counted, and a highlighted snippet for the page shown.
 */
@Injectable()
export class SearchReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  search(request: SearchRequest, access: SearchAccess): Promise<SearchRow[]> {
    const [text, values] = searchQuery(request, access);
    return this.dataSource.query(text, values);
  }
}
