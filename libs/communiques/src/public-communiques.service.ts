import { Inject, Injectable } from '@nestjs/common';
import { Feed } from 'feed';
import { Body, BodyRepository } from '@forum/bodies';
import { escapeHtml, FORUM_CONFIG, notFound, renderMarkdown, type ForumConfig } from '@forum/core';
import type { Locale, Page } from '@forum/contracts';
import { Communique } from './communique.entity';
import type { CommuniqueRevision } from './communique-revision.entity';
import { GovernmentRepository } from '@forum/governments';
import { CommuniqueConcurrenceRepository, CommuniqueRepository, CommuniqueRevisionRepository } from './communique.repository';
import { PublicCommuniqueSummaryView, PublicCommuniqueView } from './communique.view';

export interface PublicFilter {
  bodyId?: string;
  year?: number;
  q?: string;
}

export const pagePath = (lang: Locale, id?: string) => (id ? `/${lang}/communiques/${id}` : `/${lang}/communiques`);

/**
 * What anyone may read without an account: published text only. Drafts, concurrence and unpublished
 * revisions never pass through here: the repository's public queries only see published and withdrawn rows.
 */
@Injectable()
export class PublicCommuniquesService {
  constructor(
    private readonly communiques: CommuniqueRepository,
    private readonly revisions: CommuniqueRevisionRepository,
    private readonly bodies: BodyRepository,
    private readonly concurrences: CommuniqueConcurrenceRepository,
    private readonly governments: GovernmentRepository,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
  ) {}

  async list(filter: PublicFilter, lang: Locale, limit: number, offset: number): Promise<Page<PublicCommuniqueSummaryView>> {
    const [rows, total] = await this.communiques.publicPage(filter, limit, offset);
    // titles from the published revision: the row holds a proposed correction's title while it awaits concurrence
    const [bodyRows, revisions] = await Promise.all([
      this.bodies.findByIds([...new Set(rows.map((c) => c.bodyId))]),
      this.revisions.findPublished(rows.map((c) => ({ communiqueId: c.id, number: c.publishedRevision! }))),
    ]);
    const bodies = new Map(bodyRows.map((b) => [b.id, b]));
    const published = new Map(revisions.map((r) => [r.communiqueId, r]));
    return {
      items: rows.map((c) => ({
        id: c.id,
        bodyId: c.bodyId,
        bodyName: bodies.get(c.bodyId)?.name.en ?? bodies.get(c.bodyId)?.name.fr ?? '',
        bodyNameFr: bodies.get(c.bodyId)?.name.fr ?? null,
        status: c.status as 'published' | 'withdrawn',
        revision: c.publishedRevision!,
        publishedAt: c.publishedAt!.toISOString(),
        lang,
        title: lang === 'fr' ? (published.get(c.id)?.titleFr ?? c.titleFr) : (published.get(c.id)?.titleEn ?? c.titleEn),
        titleEn: published.get(c.id)?.titleEn ?? c.titleEn,
        titleFr: published.get(c.id)?.titleFr ?? c.titleFr,
        url: pagePath(lang, c.id),
      })),
      total,
    };
  }

  async get(id: string, lang: Locale): Promise<PublicCommuniqueView> {
    const c = await this.communiques.findPublic(id);
    if (!c) throw notFound('Communique');
    return (await this.views([c], lang))[0];
  }

  /** The bodies (in the reader's language, by name) and years the public list can be narrowed to. */
  async filters(lang: Locale): Promise<{ bodies: { id: string; name: string }[]; years: number[] }> {
    const { bodyIds, years } = await this.communiques.publicFacets();
    const bodies = (await this.bodies.findByIds(bodyIds))
      .map((b) => ({ id: b.id, name: (lang === 'fr' ? b.name.fr || b.name.en : b.name.en || b.name.fr) ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name, lang));
    return { bodies, years };
  }

  /** The governments that concurred on the published text (with or without a reservation), in the order of precedence. */
  async participants(view: Pick<PublicCommuniqueView, 'id' | 'revision' | 'lang'>): Promise<string[]> {
    const positions = (await this.concurrences.currentOn(view.id, view.revision)).filter((p) => p.position !== 'object');
    const governments = await this.governments.findByIds([...new Set(positions.map((p) => p.governmentId))]);
    return governments.sort((a, b) => a.precedence - b.precedence).map((g) => (view.lang === 'fr' ? g.nameFr : g.nameEn));
  }

  lastChange(id?: string): Promise<Date | null> {
    return this.communiques.lastPublicChange(id);
  }

  /** The Atom feed of published communiqués in one language, newest first, each linking to its permanent page. */
  async feed(lang: Locale): Promise<string> {
    const base = this.config.publicBaseUrl;
    const [rows] = await this.communiques.publicPage({}, 50, 0);
    const views = await this.views(rows, lang);
    const fr = lang === 'fr';
    const feed = new Feed({
      id: `${base}${pagePath(lang)}`,
      link: `${base}${pagePath(lang)}`,
      title: fr ? 'Forum : communiqués conjoints' : 'Forum: joint communiqués',
      description: fr
        ? 'Communiqués conjoints publiés par les gouvernements fédéral, provinciaux, territoriaux et municipaux du Forum'
        : 'Joint communiqués published by the federal, provincial, territorial and municipal governments of the Forum',
      language: lang,
      updated: views.length ? new Date(Math.max(...views.map((v) => Date.parse(v.updatedAt)))) : new Date(0),
      generator: 'Forum',
      copyright: fr ? 'Gouvernements participants' : 'Participating governments',
      feedLinks: { atom: `${base}/api/v1/public/communiques.atom?lang=${lang}` },
    });
    for (const v of views) {
      const notes = v.footnotes.length ? `<aside><ol>${v.footnotes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ol></aside>` : '';
      const withdrawn = v.withdrawal ? `<p><strong>${fr ? 'Retiré' : 'Withdrawn'}</strong></p>` : '';
      feed.addItem({
        id: `${base}${v.url}`,
        link: `${base}${v.url}`,
        // The feed library marks titles type="html": plain text must be escaped or a reader would run it as markup.
        title: escapeHtml(v.title),
        date: new Date(v.updatedAt),
        published: new Date(v.publishedAt),
        content: withdrawn + v.html + notes,
        author: [{ name: fr ? (v.bodyNameFr ?? v.bodyName) : v.bodyName }],
      });
    }
    return feed.atom1();
  }

  /** Public views of several communiqués in three queries, whatever their number (the feed shows fifty). */
  private async views(rows: Communique[], lang: Locale): Promise<PublicCommuniqueView[]> {
    // The public sees the published revision, never a later unpublished one.
    const [revisions, corrections, bodies] = await Promise.all([
      this.revisions.findPublished(rows.map((c) => ({ communiqueId: c.id, number: c.publishedRevision! }))),
      this.revisions.publicCorrectionsOf(rows.map((c) => c.id)),
      this.bodies.findByIds([...new Set(rows.map((c) => c.bodyId))]),
    ]);
    const revisionOf = new Map(revisions.map((r) => [`${r.communiqueId}:${r.number}`, r]));
    const bodyOf = new Map(bodies.map((b) => [b.id, b]));
    return rows.map((c) => {
      const revision = revisionOf.get(`${c.id}:${c.publishedRevision}`);
      if (!revision) throw notFound('Communique');
      return this.view(
        c,
        lang,
        revision,
        corrections.filter((r) => r.communiqueId === c.id),
        bodyOf.get(c.bodyId) ?? null,
      );
    });
  }

  private view(c: Communique, lang: Locale, revision: CommuniqueRevision, corrections: CommuniqueRevision[], body: Body | null): PublicCommuniqueView {
    const htmlEn = renderMarkdown(revision.bodyEn);
    const htmlFr = renderMarkdown(revision.bodyFr);
    const footnotes = revision.footnotes ?? { en: [], fr: [] };
    const lastCorrection = corrections[corrections.length - 1]?.publishedAt ?? null;
    const updated = [c.publishedAt!, lastCorrection, c.withdrawnAt].filter((d): d is Date => !!d);
    return {
      id: c.id,
      bodyId: c.bodyId,
      bodyName: body?.name.en ?? body?.name.fr ?? '',
      bodyNameFr: body?.name.fr ?? null,
      status: c.status as 'published' | 'withdrawn',
      revision: revision.number,
      publishedAt: c.publishedAt!.toISOString(),
      updatedAt: new Date(Math.max(...updated.map((d) => d.getTime()))).toISOString(),
      lang,
      title: lang === 'fr' ? revision.titleFr : revision.titleEn,
      html: lang === 'fr' ? htmlFr : htmlEn,
      footnotes: lang === 'fr' ? footnotes.fr : footnotes.en,
      titleEn: revision.titleEn,
      titleFr: revision.titleFr,
      bodyEn: revision.bodyEn,
      bodyFr: revision.bodyFr,
      htmlEn,
      htmlFr,
      footnotesEn: footnotes.en,
      footnotesFr: footnotes.fr,
      corrections: corrections.map((r) => ({
        revision: r.number,
        noteEn: r.correctionNoteEn,
        noteFr: r.correctionNoteFr,
        correctedAt: r.publishedAt!.toISOString(),
      })),
      withdrawal: c.withdrawnAt ? { withdrawnAt: c.withdrawnAt.toISOString(), reasonEn: c.withdrawalReasonEn, reasonFr: c.withdrawalReasonFr } : null,
      url: pagePath(lang, c.id),
    };
  }
}
