import type { BodyView, JoinRequestView, MembershipView } from '@forum/contracts';
import type { Body } from './body.entity';
import type { JoinRequest } from './join-request.entity';
import type { Membership } from './membership.entity';

export type { BodyView, JoinRequestView, MembershipView };

export const toBodyView = (b: Body, memberCount?: number): BodyView => ({
  id: b.id,
  name: b.name,
  nameFr: b.nameFr,
  kind: b.kind,
  parentId: b.parentId,
  permanent: b.permanent,
  startsOn: b.startsOn,
  endsOn: b.endsOn,
  mandate: b.mandate,
  quorumPercent: b.quorumPercent,
  ...(memberCount === undefined ? {} : { memberCount }),
  createdAt: b.createdAt.toISOString(),
});

export const toMembershipView = (m: Membership): MembershipView => ({
  id: m.id,
  bodyId: m.bodyId,
  governmentId: m.governmentId,
  government: m.government
    ? { id: m.government.id, code: m.government.code, nameEn: m.government.nameEn, nameFr: m.government.nameFr, level: m.government.level, timeZone: m.government.timeZone }
    : null,
  role: m.role,
  startedAt: m.startedAt.toISOString(),
  endedAt: m.endedAt ? m.endedAt.toISOString() : null,
});

export const toJoinRequestView = (r: JoinRequest): JoinRequestView => ({
  id: r.id,
  bodyId: r.bodyId,
  governmentId: r.governmentId,
  requestedByUserId: r.requestedByUserId,
  message: r.message,
  status: r.status,
  decidedByUserId: r.decidedByUserId,
  decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
  reason: r.reason,
  createdAt: r.createdAt.toISOString(),
});
