import type { BodyView, JoinRequestView, Locale, MembershipView } from '@forum/contracts';
import { bilingualRecordView, textFor } from '@forum/core';
import type { Body } from './body.entity';
import type { JoinRequest } from './join-request.entity';
import type { Membership } from './membership.entity';

export type { BodyView, JoinRequestView, MembershipView };

export const toBodyView = (b: Body, memberCount?: number, reader: Locale = 'en'): BodyView => ({
  id: b.id,
  ...bilingualRecordView(reader, b.sourceLang, { name: b.name, mandate: b.mandate }),
  name: textFor(b.name, reader).text ?? '',
  kind: b.kind,
  parentId: b.parentId,
  permanent: b.permanent,
  startsOn: b.startsOn,
  endsOn: b.endsOn,
  quorumPercent: b.quorumPercent,
  ...(memberCount === undefined ? {} : { memberCount }),
  createdAt: b.createdAt.toISOString(),
});

export const toMembershipView = (m: Membership): MembershipView => ({
  id: m.id,
  bodyId: m.bodyId,
  governmentId: m.governmentId,
  government: m.government
    ? {
        id: m.government.id,
        code: m.government.code,
        nameEn: m.government.nameEn,
        nameFr: m.government.nameFr,
        level: m.government.level,
        timeZone: m.government.timeZone,
      }
    : null,
  role: m.role,
  startedAt: m.startedAt.toISOString(),
  endedAt: m.endedAt ? m.endedAt.toISOString() : null,
});

export const toJoinRequestView = (r: JoinRequest, reader: Locale = 'en'): JoinRequestView => ({
  id: r.id,
  bodyId: r.bodyId,
  governmentId: r.governmentId,
  requestedByUserId: r.requestedByUserId,
  ...bilingualRecordView(reader, r.sourceLang, { message: r.message, reason: r.reason }),
  status: r.status,
  decidedByUserId: r.decidedByUserId,
  decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
  createdAt: r.createdAt.toISOString(),
});
