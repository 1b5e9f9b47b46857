import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Queue, QueueEvents } from 'bullmq';
import { PDFDocument } from 'pdf-lib';
import { QUEUES, type DocumentMarking, type Locale } from '@forum/contracts';
import { FORUM_CONFIG, type ForumConfig, redisConnectionOptions } from '@forum/core';
import { blobKey, DOCUMENT_STORAGE, PACKET_PREFIX, shaOfBlobKey, type DocumentStorage } from '../document-storage';
import { LegacyBlobs } from '../legacy-blobs.service';
import { L, localTime } from './pdf-labels';
import { appendPdf, setOutline, type Bookmark } from './pdf-merge';
import { highestMarking, MARKING_LABEL, PdfWriter } from './pdf-writer';

export const PACKET_JOB = 'build-packet';
/** how long a request waits for the worker's build before building the packet itself */
export const PACKET_WAIT_MS = 60_000;

/** Everything an agenda package shows, as the API read it for one reader; the worker builds from this alone. */
export interface PacketSpec {
  /** SHA-256 of what it shows (the documents by their hashes): the cache key */
  key: string;
  lang: Locale;
  bodyName: string;
  meeting: { title: string; startsAt: string; location: string | null; invitees: { nameEn: string; nameFr: string; timeZone: string }[] };
  agenda: {
    publishedAt: string | null;
    items: { id: string; position: number; title: string; purpose: string; durationMinutes: number; links: { title: string; url: string }[] }[];
  };
  papers: { title: string; itemId: string | null; marking: DocumentMarking; sha256: string; contentType: string; fileName: string }[];
}

export const packetKey = (key: string) => `${PACKET_PREFIX}${key}.pdf`;

/**
 * Lays out and merges one agenda package and stores it under its key. Memory: the laid-out pages plus the
 * papers, read one at a time from storage; the worker builds one packet at a time.
 */
@Injectable()
export class PacketBuilder {
  constructor(
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly legacy: LegacyBlobs,
  ) {}

  async build(spec: PacketSpec): Promise<{ size: number }> {
    const existing = await this.storage.stat(packetKey(spec.key));
    if (existing) return { size: existing.size };
    const bytes = await this.layout(spec);
    const staged = await this.storage.stage(Readable.from([bytes]));
    await this.storage.commit(staged, packetKey(spec.key));
    return { size: bytes.length };
  }

  private async layout(spec: PacketSpec): Promise<Uint8Array> {
    const { lang, meeting, papers } = spec;
    const l = L[lang];
    const marking = highestMarking(papers.map((p) => p.marking));
    const title = `${l.packet} — ${meeting.title}`;
    const w = new PdfWriter(lang, title, marking, spec.bodyName);
    w.heading(1, l.packet);
    w.heading(2, spec.bodyName);
    w.heading(2, meeting.title);
    if (meeting.location) w.paragraph(`${l.location}${lang === 'fr' ? ' : ' : ': '}${meeting.location}`);
    w.heading(3, l.localTimes);
    w.list(meeting.invitees.map((i) => `${lang === 'fr' ? i.nameFr : i.nameEn} — ${localTime(meeting.startsAt, i.timeZone, lang)} (${i.timeZone})`));
    w.heading(3, l.marking);
    w.paragraph(MARKING_LABEL[marking][lang]);

    w.newPage();
    const agendaPage = w.pageCount - 1;
    w.heading(1, l.agenda);
    const items = spec.agenda.items;
    if (!spec.agenda.publishedAt && !items.length) w.paragraph(l.noItems);
    const isPdf = (p: PacketSpec['papers'][number]) => p.contentType === 'application/pdf';
    for (const item of items) {
      w.heading(2, `${item.position}. ${item.title}`);
      w.paragraph(`${l.purpose[item.purpose] ?? item.purpose} · ${item.durationMinutes} ${l.minutesShort}`, { italic: true });
      const ofItem = papers.filter((p) => p.itemId === item.id);
      if (ofItem.length) w.list(ofItem.map((p) => `${p.title} (${p.fileName}) — ${isPdf(p) ? l.included : l.notIncluded}`));
      if (item.links.length) w.list(item.links.map((p) => `${p.title} — ${p.url}`));
    }
    const others = papers.filter((p) => p.itemId === null);
    if (others.length) {
      w.heading(2, l.otherDocs);
      w.list(others.map((p) => `${p.title} (${p.fileName}) — ${isPdf(p) ? l.included : l.notIncluded}`));
    }
    const laidOut = await w.finish();

    // the laid-out pages (tagged, with their language and title) are the base; the papers are appended to them
    const pdf = await PDFDocument.load(laidOut, { updateMetadata: false });
    const bookmarks: Bookmark[] = [
      { title: l.cover, pageIndex: 0 },
      { title: l.agenda, pageIndex: agendaPage },
    ];
    for (const paper of papers.filter(isPdf)) {
      const first = await appendPdf(pdf, await this.readAll(blobKey(paper.sha256)), MARKING_LABEL[paper.marking][lang]);
      if (first !== null) bookmarks.push({ title: paper.title, pageIndex: first });
    }
    setOutline(pdf, bookmarks);
    pdf.setTitle(title, { showInWindowTitleBar: true });
    pdf.setLanguage(lang === 'fr' ? 'fr-CA' : 'en-CA');
    pdf.setProducer('Forum');
    return pdf.save({ useObjectStreams: false });
  }

  private async readAll(key: string): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    const sha = shaOfBlobKey(key);
    const source = !(await this.storage.stat(key)) && sha ? ((await this.legacy.read(sha)) ?? (await this.storage.read(key))) : await this.storage.read(key);
    for await (const chunk of source) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}

/**
 * The API's side: a packet not in the cache is a job for the worker (job id = its key, so concurrent requests
 * share one build); the request waits for it up to PACKET_WAIT_MS. With no worker listening, or when the
 * worker does not finish in time, the API builds it itself: a request is never refused for want of a worker.
 */
@Injectable()
export class PacketBuilds implements OnApplicationShutdown {
  private readonly logger = new Logger('PacketBuilds');
  private events: QueueEvents | null = null;

  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    @InjectQueue(QUEUES.packets) private readonly queue: Queue,
    private readonly builder: PacketBuilder,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async obtain(spec: PacketSpec): Promise<{ size: number; by: 'worker' | 'api' }> {
    try {
      if ((await this.queue.getWorkersCount()) > 0) {
        this.events ??= new QueueEvents(QUEUES.packets, { connection: redisConnectionOptions(this.config.redisUrl), prefix: this.config.redisPrefix });
        await this.events.waitUntilReady();
        const job = await this.queue.add(PACKET_JOB, spec, {
          jobId: `packet-${spec.key}`,
          attempts: 2,
          removeOnComplete: { age: 600 },
          removeOnFail: { age: 600 },
        });
        await job.waitUntilFinished(this.events, PACKET_WAIT_MS);
        const stored = await this.storage.stat(packetKey(spec.key));
        if (stored) return { size: stored.size, by: 'worker' };
      }
    } catch (error) {
      this.logger.warn(`packet ${spec.key.slice(0, 12)}: the worker did not build it (${(error as Error).message}); building it here`);
    }
    return { ...(await this.builder.build(spec)), by: 'api' };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events?.close();
  }
}
