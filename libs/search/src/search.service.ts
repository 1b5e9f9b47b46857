import { Injectable } from '@nestjs/common';
import type { SearchResultsView } from '@forum/contracts';
import { Caller, isSecretariat, snippetHtml } from '@forum/core';
import { BodyAccess } from '@forum/bodies';
import type { SearchQuery } from './search.dto';
import { SearchReadModel } from './search.read-model';

/** Search across the forum, in both languages, within what the caller may read (access is part of the query). */
@Injectable()
export class SearchService {
  constructor(
    private readonly readModel: SearchReadModel,
    private readonly access: BodyAccess,
  ) {}

  async search(caller: Caller, query: SearchQuery): Promise<SearchResultsView> {
    const scope = await this.access.scopeOf(caller);
    const rows = await this.readModel.search(
      {
        q: query.q,
        types: query.types?.length ? query.types : null,
        bodyId: query.bodyId ?? null,
        reader: caller.locale,
        limit: query.limit,
        offset: query.offset,
      },
      { scope: scope.kind === 'all' ? null : scope.bodyIds, governmentId: caller.governmentId, secretariat: isSecretariat(caller) },
    );
    return {
      items: rows.map((r) => ({
        type: r.type,
        id: r.id,
        bodyId: r.body_id,
        meetingId: r.meeting_id,
        title: r.title ?? '',
        snippet: snippetHtml(r.headline),
        score: Math.round(Number(r.score) * 1e6) / 1e6,
        at: r.at ? new Date(r.at).toISOString() : null,
      })),
      total: rows.length ? Number(rows[0].total) : 0,
    };
  }
}
