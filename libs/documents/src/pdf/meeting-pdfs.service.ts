import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { Locale } from '@forum/contracts';
import { BodyRepository } from '@forum/bodies';
import { Caller, contentFor } from '@forum/core';
import { CommuniquesService, PublicCommuniquesService } from '@forum/communiques';
import { AgendaService, MeetingRecordService, MeetingsService, type AgendaItemView } from '@forum/meetings';
import { DOCUMENT_STORAGE, PACKET_PREFIX, type DocumentStorage } from '../document-storage';
import type { Document, DocumentVersion } from '../document.entity';
import { DocumentsService } from '../documents.service';
import { PacketBuilds, type PacketSpec } from './packet-builder';
import { L, localTime } from './pdf-labels';
import { markdownToParagraphs, PdfWriter } from './pdf-writer';

/** bump when the layout changes: cached packets of the old layout are then rebuilt */
const PACKET_LAYOUT = 1;

export interface PdfResult {
  stream: Readable;
  fileName: string;
  size: number;
  /** a packet answered from the cache */
  cached?: boolean;
  /** who built a packet that was not in the cache */
  builtBy?: 'worker' | 'api';
}

interface PacketPaper {
  document: Document;
  version: DocumentVersion;
  itemId: string | null;
  title: string;
}

/** the text of a bilingual or plain field in the language asked (the other one while it awaits translation) */
const inLang = (view: Record<string, unknown>, field: string, lang: Locale): string => {
  const own = view[`${field}${lang === 'fr' ? 'Fr' : 'En'}`];
  const other = view[`${field}${lang === 'fr' ? 'En' : 'Fr'}`];
  const plain = view[field];
  return String((typeof own === 'string' && own) || (typeof plain === 'string' && plain) || (typeof other === 'string' && other) || '');
};

/**
 * The PDFs officials brief from: the agenda package of a meeting (cover, agenda, then every PDF paper in agenda
 * order, merged with bookmarks), the record of a meeting, and communiqués. Packets are cached in the document
 * storage under a key made of everything they show (the documents by their SHA-256), so a request for an
 * unchanged packet streams the stored file.
 */
@Injectable()
export class MeetingPdfs {
  constructor(
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly documents: DocumentsService,
    private readonly meetings: MeetingsService,
    private readonly agenda: AgendaService,
    private readonly record: MeetingRecordService,
    private readonly bodies: BodyRepository,
    private readonly communiques: CommuniquesService,
    private readonly publicCommuniques: PublicCommuniquesService,
    private readonly packets: PacketBuilds,
  ) {}

  async packet(caller: Caller, meetingId: string, lang: Locale): Promise<PdfResult> {
    const reader: Caller = { ...caller, locale: lang };
    const meeting = await this.meetings.get(reader, meetingId);
    const agenda = await this.agenda.list(reader, meetingId);
    const body = await this.bodies.findById(meeting.bodyId);
    const { documents, versions } = await this.documents.ofMeeting(caller, meetingId);
    const papers = this.papersInOrder(agenda.items, documents, versions, lang);
    const bodyName = contentFor(body?.name, lang);
    const key = createHash('sha256')
      .update(
        JSON.stringify({
          layout: PACKET_LAYOUT,
          lang,
          bodyName,
          meeting: [
            meeting.title,
            meeting.startsAt,
            meeting.endsAt,
            meeting.location,
            meeting.status,
            meeting.invitees.map((i) => [i.governmentId, i.timeZone]),
          ],
          agenda: [agenda.publishedAt, agenda.items.map((i) => [i.id, i.position, i.title, i.purpose, i.durationMinutes])],
          papers: papers.map((p) => [p.document.id, p.version.sha256, p.version.contentType, p.version.fileName, p.document.marking, p.title, p.itemId]),
        }),
      )
      .digest('hex');
    const fileName = `${lang === 'fr' ? 'trousse' : 'package'}-${meeting.startsAt.slice(0, 10)}.pdf`;
    const cacheKey = `${PACKET_PREFIX}${key}.pdf`;
    const cached = await this.storage.stat(cacheKey);
    if (cached) return { stream: await this.storage.read(cacheKey), fileName, size: cached.size, cached: true };

    const spec: PacketSpec = {
      key,
      lang,
      bodyName,
      meeting: {
        title: meeting.title,
        startsAt: meeting.startsAt,
        location: meeting.location,
        invitees: meeting.invitees.map((i) => ({ nameEn: i.nameEn, nameFr: i.nameFr, timeZone: i.timeZone })),
      },
      agenda: {
        publishedAt: agenda.publishedAt,
        items: agenda.items.map((i) => ({
          id: i.id,
          position: i.position,
          title: i.title,
          purpose: i.purpose,
          durationMinutes: i.durationMinutes,
          links: i.papers.filter((p) => p.url).map((p) => ({ title: p.title, url: p.url! })),
        })),
      },
      papers: papers.map((p) => ({
        title: p.title,
        itemId: p.itemId,
        marking: p.document.marking,
        sha256: p.version.sha256,
        contentType: p.version.contentType,
        fileName: p.version.fileName,
      })),
    };
    const built = await this.packets.obtain(spec);
    return { stream: await this.storage.read(cacheKey), fileName, size: built.size, cached: false, builtBy: built.by };
  }

  /** papers in agenda order, then those of the meeting itself; of a language pair, the one in the language asked */
  private papersInOrder(items: AgendaItemView[], documents: Document[], versions: DocumentVersion[], lang: Locale): PacketPaper[] {
    const visible = new Set(documents.map((d) => d.id));
    const chosen = documents.filter((d) => {
      if (d.language === 'bilingual' || d.language === lang) return true;
      // the other language's document stands in only when its counterpart in this language is not here
      return !(d.counterpartId && visible.has(d.counterpartId) && documents.find((c) => c.id === d.counterpartId)?.language !== d.language);
    });
    const latest = (d: Document) => versions.find((v) => v.documentId === d.id && v.number === d.latestVersion)!;
    const title = (d: Document) => (lang === 'fr' ? (d.title.fr ?? d.title.en) : (d.title.en ?? d.title.fr)) ?? '';
    const out: PacketPaper[] = [];
    const itemIds = new Set(items.map((i) => i.id));
    for (const item of items) {
      for (const d of chosen.filter((c) => c.agendaItemId === item.id)) out.push({ document: d, version: latest(d), itemId: item.id, title: title(d) });
    }
    for (const d of chosen.filter((c) => !c.agendaItemId || !itemIds.has(c.agendaItemId)))
      out.push({ document: d, version: latest(d), itemId: null, title: title(d) });
    return out.filter((p) => p.version);
  }

  async meetingRecord(caller: Caller, meetingId: string, lang: Locale): Promise<PdfResult> {
    const l = L[lang];
    const reader: Caller = { ...caller, locale: lang };
    const meeting = await this.meetings.get(reader, meetingId);
    const body = await this.bodies.findById(meeting.bodyId);
    const attendance = await this.record.attendanceOf(reader, meetingId);
    const decisions = await this.record.decisionsOf(reader, meetingId);
    const bodyName = contentFor(body?.name, lang);
    const w = new PdfWriter(lang, `${l.record} — ${meeting.title}`, 'unclassified', bodyName);
    w.heading(1, l.record);
    w.heading(2, bodyName);
    w.heading(2, meeting.title);
    w.paragraph(localTime(meeting.startsAt, 'America/Toronto', lang) + ' (America/Toronto)');
    w.heading(2, l.attendance);
    w.list(
      attendance.items.map(
        (a) => `${a.nameEn} — ${l.status[String(a.status)] ?? a.status}${a.delegates.length ? ` (${a.delegates.map((d) => d.displayName).join(', ')})` : ''}`,
      ),
    );
    w.paragraph(l.quorum(attendance.quorum.met));
    w.heading(2, l.decisions);
    if (!decisions.items.length) w.paragraph(l.noDecisions);
    for (const d of decisions.items) {
      w.heading(3, `${l.decision} ${d.number}`);
      w.paragraph(inLang(d as unknown as Record<string, unknown>, 'text', lang));
      // Seam for the positions the record work adds to decisions: listed when the view carries them.
      const positions = (d as unknown as { positions?: { governmentId: string; position: string; comment?: string | null }[] }).positions;
      if (positions?.length) {
        const names = new Map(attendance.items.map((a) => [a.governmentId, a.nameEn]));
        w.list(positions.map((p) => `${names.get(p.governmentId) ?? p.governmentId} — ${p.position.replace(/_/g, ' ')}${p.comment ? ` : ${p.comment}` : ''}`));
      }
    }
    w.heading(2, l.minutes);
    const minutes = inLang(meeting as unknown as Record<string, unknown>, 'minutes', lang);
    if (minutes) for (const p of markdownToParagraphs(minutes)) w.paragraph(p);
    else w.paragraph(l.noMinutes);
    const bytes = await w.finish();
    return {
      stream: Readable.from([bytes]),
      size: bytes.length,
      fileName: `${lang === 'fr' ? 'compte-rendu' : 'record'}-${meeting.startsAt.slice(0, 10)}.pdf`,
    };
  }

  /** a communiqué as its members read it (any status), with its footnotes once published */
  async communique(caller: Caller, id: string, lang: Locale): Promise<PdfResult> {
    const c = await this.communiques.get({ ...caller, locale: lang }, id);
    const published = c.publishedAt ? await this.publicCommuniques.get(id, lang).catch(() => null) : null;
    return this.communiquePdf(lang, lang === 'fr' ? c.titleFr : c.titleEn, lang === 'fr' ? c.bodyFr : c.bodyEn, published?.footnotes ?? [], id);
  }

  /** a published communiqué, for anyone */
  async publicCommunique(id: string, lang: Locale): Promise<PdfResult> {
    const c = await this.publicCommuniques.get(id, lang);
    return this.communiquePdf(lang, c.title, lang === 'fr' ? c.bodyFr : c.bodyEn, c.footnotes, id);
  }

  private async communiquePdf(lang: Locale, title: string, markdown: string, footnotes: string[], id: string): Promise<PdfResult> {
    const l = L[lang];
    const w = new PdfWriter(lang, title, 'unclassified', l.communique);
    w.paragraph(l.communique, { italic: true });
    w.heading(1, title);
    for (const p of markdownToParagraphs(markdown)) w.paragraph(p);
    if (footnotes.length) {
      w.heading(2, l.footnotes);
      footnotes.forEach((f, i) => w.paragraph(`${i + 1}. ${f}`, { size: 9.5 }));
    }
    const bytes = await w.finish();
    return { stream: Readable.from([bytes]), size: bytes.length, fileName: `${lang === 'fr' ? 'communique' : 'communique'}-${id.slice(0, 8)}.pdf` };
  }
}
