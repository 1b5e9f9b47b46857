import { Column } from 'typeorm';

/**
 * The search's vectors stored on a searched record: `@Column(() => SearchVectors) search` gives `search_en`,
 * `search_fr` (what the search matches, GIN-indexed) and `search_rank_en`, `search_rank_fr` (the weighted vectors it
 * ranks by). A trigger computes them from the record's texts (the SearchVectors migration): the app never reads
 * nor writes them.
 */
export class SearchVectors {
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  en?: string | null;

  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  fr?: string | null;

  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  rankEn?: string | null;

  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  rankFr?: string | null;
}
