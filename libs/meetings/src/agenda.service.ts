import { MeetingReason, RecordReason, type Locale } from '@forum/contracts';
import { AgendaTranslation } from './agenda-translation.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BodyRepository } from '@forum/bodies';
import { bilingual, Caller, conflict, EventRecorder, invalid, isSecretariat, notFound, writeBilingual } from '@forum/core';
import type { DomainEvent, JobIntent } from '@forum/contracts';
import { REVISED_AGENDA_DELAY_MS, revisedAgendaJob } from './meeting-jobs.service';
import { reorder } from './agenda-order.rule';
import type { AgendaItem } from './agenda-item.entity';
import type { AgendaPaper } from './agenda-paper.entity';
import { AddPaperDto, CreateAgendaItemDto, PAPER_MAX_BYTES, PublishAgendaDto, UpdateAgendaItemDto } from './meeting.dto';
import { AgendaItemRepository, AgendaPaperRepository, MeetingRepository } from './meeting.repository';
import { MeetingAccess } from './meeting-access.service';
import { MeetingInvitees } from './meeting-invitees.service';
import { agendaPublishedNotice } from './meeting-notifications';
import { isClosed, isOver } from './meeting-status.rule';
import type { Meeting } from './meeting.entity';
import { AgendaItemView, MeetingWarning, PaperView, toAgendaItemView, toPaperView } from './meeting.view';
import type { AgendaView } from '@forum/contracts';
export type { AgendaView } from '@forum/contracts';

const minutesOf = (m: Meeting) => Math.round((m.endsAt.getTime() - m.startsAt.getTime()) / 60000);

/**
 * The agenda of a meeting. Every write locks the meeting row first and rewrites positions 1..n in
 * one statement, so two reorders at once queue up and never leave a gap or a duplicate.
 */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: AgendaItemRepository,
    private readonly papers: AgendaPaperRepository,
    private readonly meetings: MeetingRepository,
    private readonly meetingAccess: MeetingAccess,
    private readonly invitees: MeetingInvitees,
    private readonly bodies: BodyRepository,
    private readonly events: EventRecorder,
    private readonly translation: AgendaTranslation,
  ) {}

  async list(caller: Caller, meetingId: string): Promise<AgendaView> {
    const meeting = await this.meetingAccess.readable(caller, meetingId);
    if (!meeting.agendaPublishedAt && !isSecretariat(caller)) {
      return {
        items: [],
        total: 0,
        publishedAt: null,
        translationToFollow: false,
        revision: meeting.agendaRevision,
        totalMinutes: 0,
        meetingMinutes: minutesOf(meeting),
        warnings: [],
      };
    }
    return this.agendaOf(meeting, undefined, caller.locale);
  }

  async create(caller: Caller, meetingId: string, dto: CreateAgendaItemDto): Promise<AgendaItemView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.openForAgenda(caller, meetingId, em);
      if (dto.presenterGovernmentId) await this.checkPresenter(meeting, dto.presenterGovernmentId, em);
      const existing = await this.items.ofMeeting(meeting.id, em);
      const texts = { title: bilingual(null, null), sourceLang: caller.locale } as Pick<AgendaItem, 'title' | 'sourceLang'>;
      writeBilingual(texts, dto, ['title'], caller.locale, { create: true, required: ['title'] });
      const item = await this.items.insert(
        {
          meetingId: meeting.id,
          position: existing.length + 1,
          ...texts,
          purpose: dto.purpose,
          durationMinutes: dto.durationMinutes,
          presenterGovernmentId: dto.presenterGovernmentId ?? null,
        },
        em,
      );
      await this.items.renumber(
        reorder(
          existing.map((i) => i.id),
          item.id,
          dto.position,
        ),
        em,
      );
      await this.changed(em, caller, meeting, 'agenda-item.created', item.id, { ...dto });
      return this.itemView(meeting, item.id, em, caller.locale);
    });
  }

  async update(caller: Caller, meetingId: string, itemId: string, dto: UpdateAgendaItemDto): Promise<AgendaItemView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.openForAgenda(caller, meetingId, em);
      const item = await this.items.findInMeeting(meeting.id, itemId, em);
      if (!item) throw notFound('Agenda item');
      if (dto.presenterGovernmentId) await this.checkPresenter(meeting, dto.presenterGovernmentId, em);
      const titleSent = writeBilingual(item, dto, ['title'], caller.locale).length > 0;
      if (dto.purpose !== undefined) item.purpose = dto.purpose;
      if (dto.durationMinutes !== undefined) item.durationMinutes = dto.durationMinutes;
      if (dto.presenterGovernmentId !== undefined) item.presenterGovernmentId = dto.presenterGovernmentId;
      await this.items.save(item, em);
      if (dto.position !== undefined) {
        const ids = (await this.items.ofMeeting(meeting.id, em)).map((i) => i.id);
        await this.items.renumber(reorder(ids, item.id, dto.position), em);
      }
      await this.changed(em, caller, meeting, 'agenda-item.updated', item.id, { ...dto });
      if (titleSent) await this.translation.arrived(caller, meeting, em);
      return this.itemView(meeting, item.id, em, caller.locale);
    });
  }

  async remove(caller: Caller, meetingId: string, itemId: string): Promise<AgendaView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.openForAgenda(caller, meetingId, em);
      const item = await this.items.findInMeeting(meeting.id, itemId, em);
      if (!item) throw notFound('Agenda item');
      const detachedPapers = await this.papers.detachOfItem(item.id, em);
      await this.items.remove(item.id, em);
      await this.items.renumber(
        (await this.items.ofMeeting(meeting.id, em)).map((i) => i.id),
        em,
      );
      await this.changed(em, caller, meeting, 'agenda-item.deleted', item.id, { title: item.title, detachedPapers });
      // removing the one item still awaiting its translation completes the agenda
      await this.translation.arrived(caller, meeting, em);
      return this.agendaOf(meeting, em, caller.locale);
    });
  }

  /** Publishing shows the agenda to every invitee and tells them; republishing after changes tells them again. */
  async publish(caller: Caller, meetingId: string, dto: PublishAgendaDto = {}): Promise<AgendaView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.openForAgenda(caller, meetingId, em);
      if (meeting.status !== 'scheduled')
        throw conflict(MeetingReason.MeetingClosed, 'Only the agenda of a scheduled meeting is published', { status: meeting.status });
      const items = await this.items.ofMeeting(meeting.id, em);
      if (!items.length) throw conflict(MeetingReason.AgendaEmpty, 'An empty agenda is not published');
      // Parity: the agenda goes out in both languages, or says its translation is to follow.
      const pending = await this.translation.pending(meeting, em);
      if (pending.length && !dto.translationToFollow) {
        throw conflict(
          RecordReason.TranslationPending,
          `${pending.length} text${pending.length === 1 ? '' : 's'} of this agenda await${pending.length === 1 ? 's' : ''} translation; translate ${pending.length === 1 ? 'it' : 'them'}, or publish with translationToFollow: true`,
          { pending },
        );
      }
      meeting.agendaTranslationToFollow = pending.length > 0;
      meeting.agendaPublishedAt = new Date();
      meeting.agendaRevision += 1;
      // publishing tells everyone about the agenda as it stands: a revised-agenda notice pending is superseded
      meeting.agendaNoticeDueAt = null;
      await this.meetings.save(meeting, em);
      const recipients = await this.invitees.recipientsOf(meeting, em);
      const body = (await this.bodies.findById(meeting.bodyId, em))!;
      const event: DomainEvent<'agenda.updated'> = {
        name: 'agenda.updated',
        payload: { meetingId: meeting.id, bodyId: meeting.bodyId },
        audience: { kind: 'body', bodyId: meeting.bodyId },
        context: { published: true, revision: meeting.agendaRevision },
        notify: isOver(meeting) ? [] : [agendaPublishedNotice(meeting, body.name, recipients)],
      };
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: 'agenda.published',
          entityType: 'meeting',
          entityId: meeting.id,
          changes: { revision: meeting.agendaRevision, translationToFollow: meeting.agendaTranslationToFollow },
        },
        [event],
      );
      return this.agendaOf(meeting, em, caller.locale);
    });
  }

  async addPaper(caller: Caller, meetingId: string, itemId: string, dto: AddPaperDto): Promise<PaperView> {
    const hasFile = dto.contentBase64 !== undefined;
    if (!!dto.url === hasFile) throw invalid(['give either url or contentBase64 (with fileName and contentType)']);
    let content: Buffer | null = null;
    if (hasFile) {
      const missing = (['fileName', 'contentType'] as const).filter((k) => !dto[k]);
      if (missing.length) throw invalid(missing.map((k) => `${k} is required with contentBase64`));
      content = Buffer.from(dto.contentBase64!, 'base64');
      if (content.length > PAPER_MAX_BYTES) throw invalid([`contentBase64 holds ${content.length} bytes; a paper may hold at most ${PAPER_MAX_BYTES}`]);
    }
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.openForAgenda(caller, meetingId, em);
      const item = await this.items.findInMeeting(meeting.id, itemId, em);
      if (!item) throw notFound('Agenda item');
      const texts = { title: bilingual(null, null), sourceLang: caller.locale } as Pick<AgendaPaper, 'title' | 'sourceLang'>;
      writeBilingual(texts, dto, ['title'], caller.locale, { create: true, required: ['title'] });
      const paper = await this.papers.insert(
        {
          agendaItemId: item.id,
          meetingId: meeting.id,
          ...texts,
          url: dto.url ?? null,
          fileName: dto.fileName ?? null,
          contentType: dto.contentType ?? null,
          sizeBytes: content ? content.length : null,
          content,
          uploadedByUserId: caller.userId,
        },
        em,
      );
      await this.changed(em, caller, meeting, 'agenda-paper.added', item.id, {
        paperId: paper.id,
        title: paper.title,
        url: paper.url,
        fileName: paper.fileName,
        sizeBytes: paper.sizeBytes,
      });
      return toPaperView(paper, caller.locale);
    });
  }

  /**
   * Takes a paper off an agenda item (its file goes with it). Like adding one, it is an agenda change: other
   * clients get agenda.updated, and on a published agenda it opens (or joins) the revised-agenda notice.
   * Answers with the item as it stands after the removal.
   */
  async removePaper(caller: Caller, meetingId: string, itemId: string, paperId: string): Promise<AgendaItemView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.openForAgenda(caller, meetingId, em);
      const item = await this.items.findInMeeting(meeting.id, itemId, em);
      if (!item) throw notFound('Agenda item');
      const paper = (await this.papers.ofItems([item.id], em)).find((p) => p.id === paperId);
      if (!paper) throw notFound('Paper');
      await this.papers.removeFromItem(meeting.id, item.id, paper.id, em);
      await this.changed(em, caller, meeting, 'agenda-paper.removed', item.id, {
        paperId: paper.id,
        title: paper.title,
        url: paper.url,
        fileName: paper.fileName,
      });
      return this.itemView(meeting, item.id, em, caller.locale);
    });
  }

  async paperContent(caller: Caller, meetingId: string, itemId: string, paperId: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    const meeting = await this.meetingAccess.readable(caller, meetingId);
    if (!meeting.agendaPublishedAt && !isSecretariat(caller)) throw notFound('Paper');
    const paper = await this.papers.findWithContent(meeting.id, itemId, paperId);
    if (!paper?.content) throw notFound('Paper');
    return { fileName: paper.fileName ?? 'paper', contentType: paper.contentType ?? 'application/octet-stream', content: paper.content };
  }

  private async openForAgenda(caller: Caller, meetingId: string, em: EntityManager): Promise<Meeting> {
    const meeting = await this.meetingAccess.writable(caller, meetingId, em);
    if (isClosed(meeting.status))
      throw conflict(MeetingReason.MeetingClosed, `The agenda of a ${meeting.status} meeting no longer changes`, { status: meeting.status });
    return meeting;
  }

  private async checkPresenter(meeting: Meeting, governmentId: string, em: EntityManager): Promise<void> {
    const seats = await this.invitees.at(meeting.bodyId, meeting.startsAt, em);
    if (!seats.some((s) => s.governmentId === governmentId)) throw invalid(['presenterGovernmentId must name a government invited to the meeting']);
  }

  /**
   * A change to a published agenda opens a burst: the first change schedules one revised-agenda notice
   * REVISED_AGENDA_DELAY_MS later (a delayed job whose id names the meeting and the burst); the changes that
   * follow before it goes are in the same notice.
   */
  private async changed(em: EntityManager, caller: Caller, meeting: Meeting, action: string, itemId: string, changes: Record<string, unknown>): Promise<void> {
    const jobs: JobIntent[] = [];
    if (meeting.agendaPublishedAt && !meeting.agendaNoticeDueAt && meeting.status === 'scheduled' && !isOver(meeting)) {
      meeting.agendaNoticeDueAt = new Date(Date.now() + REVISED_AGENDA_DELAY_MS);
      await this.meetings.save(meeting, em);
      jobs.push(revisedAgendaJob(meeting.id, meeting.agendaNoticeDueAt));
    }
    await this.events.record(em, { actorUserId: caller.userId, action, entityType: 'meeting', entityId: meeting.id, changes: { itemId, ...changes } }, [
      {
        name: 'agenda.updated',
        payload: { meetingId: meeting.id, bodyId: meeting.bodyId },
        audience: { kind: 'body', bodyId: meeting.bodyId },
        context: { action, itemId },
        jobs,
      },
    ]);
  }

  private async itemView(meeting: Meeting, itemId: string, em: EntityManager, reader: Locale): Promise<AgendaItemView> {
    const items = await this.items.ofMeeting(meeting.id, em);
    const item = items.find((i) => i.id === itemId)!;
    const papers = await this.papers.ofItems([item.id], em);
    return toAgendaItemView(item, papers, this.overrun(meeting, items), reader);
  }

  private async agendaOf(meeting: Meeting, em?: EntityManager, reader: Locale = 'en'): Promise<AgendaView> {
    const items = await this.items.ofMeeting(meeting.id, em);
    const papers = await this.papers.ofItems(
      items.map((i) => i.id),
      em,
    );
    return {
      items: items.map((i) =>
        toAgendaItemView(
          i,
          papers.filter((p) => p.agendaItemId === i.id),
          undefined,
          reader,
        ),
      ),
      total: items.length,
      publishedAt: meeting.agendaPublishedAt ? meeting.agendaPublishedAt.toISOString() : null,
      translationToFollow: meeting.agendaTranslationToFollow,
      revision: meeting.agendaRevision,
      totalMinutes: items.reduce((sum, i) => sum + i.durationMinutes, 0),
      meetingMinutes: minutesOf(meeting),
      warnings: this.overrun(meeting, items),
    };
  }

  private overrun(meeting: Meeting, items: AgendaItem[]): MeetingWarning[] {
    const total = items.reduce((sum, i) => sum + i.durationMinutes, 0);
    const available = minutesOf(meeting);
    return total > available ? [{ code: 'agenda_overrun', message: `The agenda takes ${total} minutes; the meeting lasts ${available}` }] : [];
  }
}
