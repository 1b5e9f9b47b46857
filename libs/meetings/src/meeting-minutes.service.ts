import { CommonReason, RecordReason } from '@forum/contracts';
import type { BilingualFields, DomainEvent, EventAudience, Locale, NotificationIntent, Page, TranslationState } from '@forum/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { wordDiff, type DiffSegment } from '@forum/communiques';
import {
  bilingual,
  bilingualView,
  Caller,
  conflict,
  EventRecorder,
  forbidden,
  invalid,
  isSecretariat,
  mergeBilingual,
  notFound,
  pendingFields,
  readBilingual,
  renderMarkdown,
  translationState,
  type BilingualText,
  contentFor,
} from '@forum/core';
import { BodyRepository } from '@forum/bodies';
import type { MeetingMinutes, MeetingMinutesComment, MeetingMinutesRevision, MinutesStatus } from './meeting-minutes.entity';
import type { Meeting } from './meeting.entity';
import { AdoptMinutesDto, CirculateMinutesDto, MinutesCommentDto, MinutesDto } from './meeting.dto';
import { MeetingAccess } from './meeting-access.service';
import { MeetingInvitees } from './meeting-invitees.service';
import { MeetingDecisionRepository } from './meeting.repository';
import { MinutesRepository } from './meeting-record.repository';
import { requireTakingPlace } from './meeting-status.rule';

export type MinutesCommentView = BilingualFields<'comment'> & {
  id: string;
  revision: number;
  governmentId: string | null;
  userId: string;
  translation: TranslationState;
  createdAt: string;
};

export type MinutesView = BilingualFields<'text'> & {
  /** the text as sanitized HTML, rendered as the public pages render communiqués (null while that side is missing) */
  htmlEn: string | null;
  htmlFr: string | null;
  meetingId: string;
  bodyId: string;
  status: MinutesStatus;
  revision: number;
  translation: TranslationState;
  translationToFollow: boolean;
  circulatedAt: string | null;
  adoptedAt: string | null;
  adoptedAtMeetingId: string | null;
  adoptionDecisionId: string | null;
  updatedAt: string;
  comments: MinutesCommentView[];
};

export type MinutesRevisionView = BilingualFields<'text'> & {
  number: number;
  status: MinutesStatus;
  authorUserId: string | null;
  createdAt: string;
  /** word diff from the previous revision, in each language */
  diff: { en: DiffSegment[]; fr: DiffSegment[] };
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const formatDay = (d: Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone: 'America/Toronto' }).format(d);

/**
 * The minutes of a meeting: a draft only the secretariat sees; circulated to the members, who comment;
 * adopted (usually at a later meeting, where the adoption is a decision) and then frozen. Every saved text
 * is a numbered revision, diffable word by word.
 */
@Injectable()
export class MeetingMinutesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly minutes: MinutesRepository,
    private readonly decisions: MeetingDecisionRepository,
    private readonly meetingAccess: MeetingAccess,
    private readonly invitees: MeetingInvitees,
    private readonly bodies: BodyRepository,
    private readonly events: EventRecorder,
  ) {}

  async get(caller: Caller, meetingId: string): Promise<MinutesView> {
    const meeting = await this.meetingAccess.readable(caller, meetingId);
    const minutes = await this.visible(caller, meeting);
    return this.view(minutes, caller.locale);
  }

  /** What a reader may see of several meetings' minutes, for the meeting views: text in their language, or nothing. */
  async summariesFor(caller: Caller, meetingIds: string[], em?: EntityManager): Promise<Map<string, { text: string | null; updatedAt: string | null }>> {
    const rows = await this.minutes.ofMeetings(meetingIds, em);
    const out = new Map<string, { text: string | null; updatedAt: string | null }>();
    for (const m of rows) {
      if (m.status === 'draft' && !isSecretariat(caller)) continue;
      out.set(m.meetingId, { text: bilingualView('text', m.text, caller.locale).text, updatedAt: m.updatedAt.toISOString() });
    }
    return out;
  }

  async save(caller: Caller, meetingId: string, dto: MinutesDto): Promise<MinutesView> {
    const read = readBilingual(dto, 'text', caller.locale, { required: true })!;
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.writable(caller, meetingId, em);
      requireTakingPlace(meeting, new Date());
      const current = await this.minutes.findOf(meeting.id, em);
      if (current?.status === 'adopted') throw this.frozen(current);
      const next = current ? mergeBilingual(current.text, read, current.sourceLang) : read;
      const unchanged = current && current.text.en === next.text.en && current.text.fr === next.text.fr;
      if (current && unchanged) return this.view(current, caller.locale, em);
      const revision = (current?.revision ?? 0) + 1;
      const status: MinutesStatus = current?.status ?? 'draft';
      const saved = await this.minutes.save(
        {
          ...(current ?? { meetingId: meeting.id, bodyId: meeting.bodyId, translationToFollow: false }),
          text: next.text,
          sourceLang: next.sourceLang,
          status,
          revision,
          updatedByUserId: caller.userId,
          updatedAt: new Date(),
        },
        em,
      );
      await this.minutes.addRevision(
        { meetingId: meeting.id, number: revision, text: next.text, sourceLang: next.sourceLang, status, authorUserId: caller.userId },
        em,
      );
      await this.record(em, caller, meeting, saved, 'meeting.minutes-saved', { revision, sourceLang: next.sourceLang });
      return this.view(saved, caller.locale, em);
    });
  }

  async circulate(caller: Caller, meetingId: string, dto: CirculateMinutesDto): Promise<MinutesView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.writable(caller, meetingId, em);
      const current = await this.minutes.findOf(meeting.id, em);
      if (!current) throw notFound('Minutes');
      if (current.status === 'adopted') throw this.frozen(current);
      if (current.status !== 'draft') throw conflict(CommonReason.IllegalTransition, `The minutes are already ${current.status}`, { status: current.status });
      const pending = pendingFields({ text: current.text });
      if (pending.length && !dto.translationToFollow) {
        throw conflict(
          RecordReason.TranslationPending,
          'The minutes are distributed in both languages; translate them or circulate with translationToFollow: true',
          {
            pending: [{ type: 'minutes', id: meeting.id, fields: pending }],
          },
        );
      }
      current.status = 'circulated';
      current.circulatedAt = new Date();
      current.translationToFollow = pending.length > 0;
      const saved = await this.minutes.save(current, em);
      const body = await this.bodies.findById(meeting.bodyId, em);
      const notice = await this.notice(meeting, body?.name, 'circulated', em);
      await this.record(
        em,
        caller,
        meeting,
        saved,
        'meeting.minutes-circulated',
        { revision: saved.revision, translationToFollow: saved.translationToFollow },
        [notice],
      );
      return this.view(saved, caller.locale, em);
    });
  }

  async comment(caller: Caller, meetingId: string, dto: MinutesCommentDto): Promise<MinutesView> {
    const read = readBilingual(dto, 'comment', caller.locale, { required: true })!;
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.readable(caller, meetingId, em);
      const current = await this.lockedVisible(caller, meeting, em);
      if (isSecretariat(caller) || !caller.governmentId) throw forbidden('Member governments’ officials comment on circulated minutes');
      if (current.status === 'adopted') throw this.frozen(current);
      if (current.status !== 'circulated')
        throw conflict(CommonReason.IllegalTransition, 'Comments are taken while the minutes are circulated', { status: current.status });
      await this.minutes.addComment(
        {
          meetingId: meeting.id,
          revision: current.revision,
          governmentId: caller.governmentId,
          userId: caller.userId,
          comment: read.text,
          sourceLang: read.sourceLang,
        },
        em,
      );
      await this.record(em, caller, meeting, current, 'meeting.minutes-commented', { revision: current.revision, governmentId: caller.governmentId });
      return this.view(current, caller.locale, em);
    });
  }

  async adopt(caller: Caller, meetingId: string, dto: AdoptMinutesDto): Promise<MinutesView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.writable(caller, meetingId, em);
      const current = await this.minutes.findOf(meeting.id, em);
      if (!current) throw notFound('Minutes');
      if (current.status === 'adopted') throw this.frozen(current);
      if (current.status !== 'circulated')
        throw conflict(CommonReason.IllegalTransition, 'Minutes are circulated to the members before they are adopted', { status: current.status });
      const pending = pendingFields({ text: current.text });
      if (pending.length) {
        throw conflict(RecordReason.TranslationPending, 'Adopted minutes are frozen in both languages: translate them first', {
          pending: [{ type: 'minutes', id: meeting.id, fields: pending }],
        });
      }
      const now = new Date();
      const extra: DomainEvent[] = [];
      if (dto.atMeetingId) {
        if (dto.atMeetingId === meeting.id) throw invalid(['atMeetingId must name a later meeting of the same body']);
        const at = await this.meetingAccess.writable(caller, dto.atMeetingId, em).catch(() => null);
        if (!at || at.bodyId !== meeting.bodyId || at.startsAt.getTime() <= meeting.startsAt.getTime()) {
          throw invalid(['atMeetingId must name a later meeting of the same body']);
        }
        requireTakingPlace(at, now);
        const text = bilingual(
          `The minutes of the meeting of ${formatDay(meeting.startsAt, 'en')} (${meeting.title}) are adopted.`,
          `Le procès-verbal de la réunion du ${formatDay(meeting.startsAt, 'fr')} (${meeting.title}) est adopté.`,
        );
        const decision = await this.decisions.insert(
          {
            meetingId: at.id,
            bodyId: at.bodyId,
            number: await this.decisions.nextNumber(at.id, em),
            agendaItemId: null,
            text,
            sourceLang: 'en',
            originDecisionId: null,
            recordedByUserId: caller.userId,
          },
          em,
        );
        current.adoptedAtMeetingId = at.id;
        current.adoptionDecisionId = decision.id;
        extra.push({
          name: 'decision.updated',
          payload: { id: decision.id, meetingId: at.id, bodyId: at.bodyId },
          audience: { kind: 'body', bodyId: at.bodyId },
          context: { change: 'recorded' },
        });
      } else {
        requireTakingPlace(meeting, now);
      }
      current.status = 'adopted';
      current.adoptedAt = now;
      const saved = await this.minutes.save(current, em);
      const body = await this.bodies.findById(meeting.bodyId, em);
      const notice = await this.notice(meeting, body?.name, 'adopted', em);
      await this.record(
        em,
        caller,
        meeting,
        saved,
        'meeting.minutes-adopted',
        { revision: saved.revision, atMeetingId: saved.adoptedAtMeetingId, decisionId: saved.adoptionDecisionId },
        [notice],
        extra,
      );
      return this.view(saved, caller.locale, em);
    });
  }

  async revisions(caller: Caller, meetingId: string): Promise<Page<MinutesRevisionView>> {
    const meeting = await this.meetingAccess.readable(caller, meetingId);
    await this.visible(caller, meeting);
    const rows = await this.minutes.revisionsOf(meeting.id);
    const items = rows.map((r, i) => this.revisionView(r, rows[i - 1], caller.locale));
    return { items, total: items.length };
  }

  /** Whether the minutes of this meeting are adopted: the record (positions included) is then frozen. */
  async isAdopted(meetingId: string, em?: EntityManager): Promise<boolean> {
    return (await this.minutes.findOf(meetingId, em))?.status === 'adopted';
  }

  private async visible(caller: Caller, meeting: Meeting, em?: EntityManager): Promise<MeetingMinutes> {
    const minutes = await this.minutes.findOf(meeting.id, em);
    if (!minutes || (minutes.status === 'draft' && !isSecretariat(caller))) throw notFound('Minutes');
    return minutes;
  }

  private async lockedVisible(caller: Caller, meeting: Meeting, em: EntityManager): Promise<MeetingMinutes> {
    // comments from several governments queue on the meeting row, like every other write to the meeting
    await em.query('SELECT 1 FROM meeting WHERE id = $1 FOR UPDATE', [meeting.id]);
    return this.visible(caller, meeting, em);
  }

  private frozen(m: MeetingMinutes) {
    return conflict(RecordReason.Frozen, 'Adopted minutes are frozen', { status: m.status, adoptedAt: iso(m.adoptedAt) });
  }

  private async notice(
    meeting: Meeting,
    bodyName: BilingualText | null | undefined,
    what: 'circulated' | 'adopted',
    em: EntityManager,
  ): Promise<NotificationIntent> {
    const seats = await this.invitees.at(meeting.bodyId, meeting.startsAt, em);
    const day = { en: formatDay(meeting.startsAt, 'en'), fr: formatDay(meeting.startsAt, 'fr') };
    const title = { en: contentFor(meeting.title, 'en'), fr: contentFor(meeting.title, 'fr') };
    const body = { en: contentFor(bodyName, 'en'), fr: contentFor(bodyName, 'fr') };
    return {
      category: 'meetings',
      key: `meeting:${meeting.id}:minutes:${what}`,
      recipients: { governmentIds: seats.map((s) => s.governmentId) },
      subject:
        what === 'circulated'
          ? { en: `Minutes for review: ${title.en}`, fr: `Procès-verbal à examiner : ${title.fr}` }
          : { en: `Minutes adopted: ${title.en}`, fr: `Procès-verbal adopté : ${title.fr}` },
      body:
        what === 'circulated'
          ? {
              en: `The draft minutes of the meeting of ${body.en} on ${day.en} are circulated for comment.`,
              fr: `Le projet de procès-verbal de la réunion de ${body.fr} du ${day.fr} est diffusé pour commentaires.`,
            }
          : {
              en: `The minutes of the meeting of ${body.en} on ${day.en} are adopted.`,
              fr: `Le procès-verbal de la réunion de ${body.fr} du ${day.fr} est adopté.`,
            },
      link: `/meetings/${meeting.id}`,
    };
  }

  private async record(
    em: EntityManager,
    caller: Caller,
    meeting: Meeting,
    minutes: MeetingMinutes,
    action: string,
    changes: Record<string, unknown>,
    notify: NotificationIntent[] = [],
    extra: DomainEvent[] = [],
  ): Promise<void> {
    // a draft is the secretariat's only: its events reach its author, never the members
    const audience: EventAudience = minutes.status === 'draft' ? { kind: 'users', userIds: [caller.userId] } : { kind: 'body', bodyId: meeting.bodyId };
    await this.events.record(em, { actorUserId: caller.userId, action, entityType: 'meeting', entityId: meeting.id, changes }, [
      {
        name: 'minutes.updated',
        payload: { meetingId: meeting.id, bodyId: meeting.bodyId, status: minutes.status },
        audience,
        context: { change: action },
        notify,
      },
      ...extra,
    ]);
  }

  private async view(m: MeetingMinutes, reader: Locale, em?: EntityManager): Promise<MinutesView> {
    const comments = await this.minutes.commentsOf(m.meetingId, em);
    return {
      meetingId: m.meetingId,
      bodyId: m.bodyId,
      status: m.status,
      revision: m.revision,
      ...bilingualView('text', m.text, reader),
      htmlEn: m.text?.en ? renderMarkdown(m.text.en) : null,
      htmlFr: m.text?.fr ? renderMarkdown(m.text.fr) : null,
      translation: translationState(m.sourceLang, m.text),
      translationToFollow: m.translationToFollow,
      circulatedAt: iso(m.circulatedAt),
      adoptedAt: iso(m.adoptedAt),
      adoptedAtMeetingId: m.adoptedAtMeetingId,
      adoptionDecisionId: m.adoptionDecisionId,
      updatedAt: m.updatedAt.toISOString(),
      comments: comments.map((c) => this.commentView(c, reader)),
    };
  }

  private commentView(c: MeetingMinutesComment, reader: Locale): MinutesCommentView {
    return {
      id: c.id,
      revision: c.revision,
      governmentId: c.governmentId,
      userId: c.userId,
      ...bilingualView('comment', c.comment, reader),
      translation: translationState(c.sourceLang, c.comment),
      createdAt: c.createdAt.toISOString(),
    };
  }

  private revisionView(r: MeetingMinutesRevision, previous: MeetingMinutesRevision | undefined, reader: Locale): MinutesRevisionView {
    return {
      number: r.number,
      status: r.status,
      ...bilingualView('text', r.text, reader),
      authorUserId: r.authorUserId,
      createdAt: r.createdAt.toISOString(),
      diff: { en: wordDiff(previous?.text.en ?? '', r.text.en ?? ''), fr: wordDiff(previous?.text.fr ?? '', r.text.fr ?? '') },
    };
  }
}
