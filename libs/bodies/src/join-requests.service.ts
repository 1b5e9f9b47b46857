import { BodyReason } from '@forum/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, conflict, EventRecorder, forbidden, isSecretariat, notFound, bilingual, contentFor, readBilingual, writeBilingual } from '@forum/core';
import type { NotificationIntent, Page } from '@forum/contracts';
import type { Body } from './body.entity';
import { GovernmentRepository } from '@forum/governments';
import { BodyAccess } from './body-access.service';
import { requireOpenBody } from './body-closing.rule';
import { JoinRequestRepository, MembershipRepository } from './body.repository';
import { JoinRequestView, toJoinRequestView } from './body.view';
import type { CreateJoinRequestDto, JoinRequestDecisionDto } from './body.dto';
import type { JoinRequest } from './join-request.entity';
import { MembershipsService } from './memberships.service';

const MAX_REJECTIONS = 3;
const REJECTION_WINDOW_MS = 30 * 24 * 3600_000;

/** The requesting government's officials are told the decision, with the reason given. */
export function joinDecisionNotice(body: Body, requestId: string, governmentId: string, approved: boolean, reason: string | null): NotificationIntent {
  const name = contentFor(body.name, 'en');
  const nameFr = contentFor(body.name, 'fr');
  const why = reason ? { en: ` Reason: ${reason}`, fr: ` Motif : ${reason}` } : { en: '', fr: '' };
  return {
    category: 'membership',
    key: `join-request:${requestId}:decided`,
    recipients: { governmentIds: [governmentId] },
    subject: approved
      ? { en: `Request to join approved: ${name}`, fr: `Demande d’adhésion acceptée : ${nameFr}` }
      : { en: `Request to join declined: ${name}`, fr: `Demande d’adhésion refusée : ${nameFr}` },
    body: approved
      ? { en: `Your government is now a member of ${name}.${why.en}`, fr: `Votre gouvernement est désormais membre de ${nameFr}.${why.fr}` }
      : {
          en: `Your government's request to join ${name} was declined.${why.en}`,
          fr: `La demande d’adhésion de votre gouvernement à ${nameFr} a été refusée.${why.fr}`,
        },
    link: `/bodies/${body.id}`,
  };
}

@Injectable()
export class JoinRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: JoinRequestRepository,
    private readonly memberships: MembershipRepository,
    private readonly membershipsService: MembershipsService,
    private readonly governments: GovernmentRepository,
    private readonly access: BodyAccess,
    private readonly events: EventRecorder,
  ) {}

  async create(caller: Caller, bodyId: string, dto: CreateJoinRequestDto = {}): Promise<JoinRequestView> {
    return this.dataSource.transaction(async (em) => {
      const body = await this.access.requireBody(bodyId, em);
      const government = caller.governmentId ? await this.governments.findById(caller.governmentId, em) : null;
      if (!government || (government.level !== 'municipal' && government.level !== 'association')) {
        throw forbidden('Only officials of a municipality or of an association of municipalities ask to join');
      }
      requireOpenBody(body);
      if (await this.memberships.findActive(bodyId, government.id, em))
        throw conflict(BodyReason.AlreadyMember, `${government.nameEn} is already a member of this body`);
      if (await this.requests.findPending(bodyId, government.id, em))
        throw conflict(BodyReason.RequestPending, `${government.nameEn} already has a pending request to join this body`);
      // A refusal is not answered by asking again and again: at most 3 rejected requests per 30 days.
      const rejected = await this.requests.countRejectedSince(bodyId, government.id, new Date(Date.now() - REJECTION_WINDOW_MS), em);
      if (rejected >= MAX_REJECTIONS)
        throw conflict(BodyReason.RequestRejectedRecently, `${government.nameEn} was refused ${rejected} times in the last 30 days; ask the secretariat`);
      const texts = { message: bilingual(null, null), reason: bilingual(null, null), sourceLang: caller.locale } as Pick<
        JoinRequest,
        'message' | 'reason' | 'sourceLang'
      >;
      writeBilingual(texts, dto, ['message'], caller.locale, { create: true });
      const request = await this.requests.insert({ bodyId, governmentId: government.id, requestedByUserId: caller.userId, ...texts, status: 'pending' }, em);
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: 'join-request.created',
          entityType: 'join_request',
          entityId: request.id,
          changes: { bodyId, message: request.message },
        },
        [{ name: 'join-request.created', payload: { id: request.id, bodyId, governmentId: government.id }, audience: { kind: 'body', bodyId } }],
      );
      return toJoinRequestView(request, caller.locale);
    });
  }

  async listForBody(caller: Caller, bodyId: string, status: string | undefined, limit: number, offset: number): Promise<Page<JoinRequestView>> {
    await this.access.requireBody(bodyId);
    await this.requireDecider(caller, bodyId);
    const [rows, total] = await this.requests.page({ bodyId, status }, limit, offset);
    return { items: rows.map((r) => toJoinRequestView(r, caller.locale)), total };
  }

  /** The requests of the caller's own government, so a municipality can follow what it asked. */
  async listMine(caller: Caller, status: string | undefined, limit: number, offset: number): Promise<Page<JoinRequestView>> {
    if (!caller.governmentId) return { items: [], total: 0 };
    const [rows, total] = await this.requests.page({ governmentId: caller.governmentId, status }, limit, offset);
    return { items: rows.map((r) => toJoinRequestView(r, caller.locale)), total };
  }

  /**
   * The requests the caller decides, across bodies, oldest first (the longest waiting at the top): every body's for the
   * secretariat, those of the bodies its government co-chairs for an official, none for anyone else.
   */
  async listToDecide(caller: Caller, status: string | undefined, limit: number, offset: number): Promise<Page<JoinRequestView>> {
    if (!isSecretariat(caller) && !caller.governmentId) return { items: [], total: 0 };
    const scope = isSecretariat(caller) ? {} : { coChairedBy: caller.governmentId! };
    const [rows, total] = await this.requests.page({ ...scope, status }, limit, offset, 'oldest');
    return { items: rows.map((r) => toJoinRequestView(r, caller.locale)), total };
  }

  async decide(caller: Caller, bodyId: string, requestId: string, dto: JoinRequestDecisionDto): Promise<JoinRequestView> {
    const approve = dto.approve;
    return this.dataSource.transaction(async (em) => {
      const body = await this.access.requireBody(bodyId, em);
      await this.requireDecider(caller, bodyId, em);
      const request = await this.requests.findInBody(bodyId, requestId, em, true);
      if (!request) throw notFound('Join request');
      if (request.status !== 'pending') throw conflict(BodyReason.AlreadyDecided, `This request was already ${request.status}`);
      request.status = approve ? 'approved' : 'rejected';
      request.decidedByUserId = caller.userId;
      request.decidedAt = new Date();
      // the reason is the decider's, in their language; the request's own message keeps its pair
      const read = readBilingual(dto, 'reason', caller.locale);
      request.reason = read?.text ?? bilingual(null, null);
      if (read && !request.message.en && !request.message.fr) request.sourceLang = read.sourceLang;
      await this.requests.save(request, em);
      if (approve) {
        await this.membershipsService.addInTransaction(em, caller.userId, bodyId, request.governmentId, 'member', request.decidedAt);
      }
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: 'join-request.decided',
          entityType: 'join_request',
          entityId: request.id,
          changes: { approve, reason: request.reason },
        },
        [
          {
            name: 'join-request.decided',
            payload: { id: request.id, bodyId, governmentId: request.governmentId, approved: approve },
            audience: { kind: 'body', bodyId },
            context: { requestedByUserId: request.requestedByUserId, reason: request.reason },
            notify: [joinDecisionNotice(body, request.id, request.governmentId, approve, request.reason ? contentFor(request.reason, 'en') : null)],
          },
        ],
      );
      return toJoinRequestView(request, caller.locale);
    });
  }

  /** The secretariat or an official of a co-chair government decides; a member sees 403, so does anyone else (the directory is open). */
  private async requireDecider(caller: Caller, bodyId: string, em?: EntityManager): Promise<void> {
    if (isSecretariat(caller)) return;
    const membership = caller.governmentId ? await this.memberships.findActive(bodyId, caller.governmentId, em) : null;
    if (membership?.role !== 'co_chair') throw forbidden('Only the secretariat or a co-chair decides join requests');
  }
}
