import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { BodyAccess, BodyRepository, MembershipRepository } from '@forum/bodies';
import type { AccountabilityOverviewView, GovernmentLevel, MembershipRole } from '@forum/contracts';
import { Caller, notFound, textFor } from '@forum/core';
import { Government, GovernmentRepository } from '@forum/governments';
import { accountabilityOf, type AccountabilityFigures, type AccountableItem } from './accountability.rule';
import { toCsv } from '@forum/core';
import type { ActionItem } from './action-item.entity';
import { ActionItemRepository, ActionItemUpdateRepository, type FundingPositionFigures } from './action-item.repository';
import { itemAsOf } from './as-of.rule';
import { centsToDollars } from './cost-share.rule';

export interface GovernmentAccountability extends AccountabilityFigures {
  governmentId: string;
  code: string;
  nameEn: string;
  nameFr: string;
  level: GovernmentLevel;
  /** the government's seat at the body (body reports); null when it no longer sits there */
  role: MembershipRole | null;
}

export interface BodyAccountability extends AccountabilityFigures {
  bodyId: string;
  bodyName: string;
}

export interface EscalatedItem {
  id: string;
  bodyId: string;
  title: string;
  leadGovernmentId: string;
  dueOn: string;
  escalatedAt: string | null;
}

export interface BodyAccountabilityReport {
  body: { id: string; name: string };
  asOf: string;
  governments: GovernmentAccountability[];
  totals: {
    items: number;
    open: number;
    overdue: number;
    dueSoon: number;
    doneOnTime: number;
    doneLate: number;
    cancelled: number;
    estimatedCostCents: number;
    actualCostCents: number;
  };
  /** open items of this body's groups more than 14 days overdue, escalated here */
  escalated: EscalatedItem[];
}

export interface GovernmentAccountabilityReport {
  government: { id: string; code: string; nameEn: string; nameFr: string; level: GovernmentLevel };
  asOf: string;
  /** one row: the government across every body the caller may see */
  governments: GovernmentAccountability[];
  bodies: BodyAccountability[];
  /** its funding position in those bodies: the claims it made, and the claims against the programs it funds */
  funding: { asClaimant: FundingPositionFigures; asFunder: FundingPositionFigures };
}

const FIGURE_COLUMNS = [
  'led',
  'open',
  'overdue',
  'dueSoon',
  'doneOnTime',
  'doneLate',
  'cancelled',
  'averageProgress',
  'committedCostCents',
  'actualCostCents',
  'committedCostCad',
  'actualCostCad',
] as const;

const figureCells = (f: AccountabilityFigures) => [
  f.led,
  f.open,
  f.overdue,
  f.dueSoon,
  f.doneOnTime,
  f.doneLate,
  f.cancelled,
  f.averageProgress,
  f.committedCostCents,
  f.actualCostCents,
  centsToDollars(f.committedCostCents),
  centsToDollars(f.actualCostCents),
];

/** Who answers for what: per-government figures for a body, and per-body figures for a government. */
@Injectable()
export class AccountabilityService {
  constructor(
    private readonly items: ActionItemRepository,
    private readonly bodies: BodyRepository,
    private readonly memberships: MembershipRepository,
    private readonly governments: GovernmentRepository,
    private readonly access: BodyAccess,
    private readonly updates: ActionItemUpdateRepository,
  ) {}

  /** The items as they stood at `asOf`, rebuilt from their kept updates (now: as they are). */
  private async asOf(items: ActionItem[], asOf: Date | undefined): Promise<ActionItem[]> {
    if (!asOf || asOf.getTime() >= Date.now()) return items;
    const updates = await this.updates.ofItems(items.map((i) => i.id));
    return items
      .map((i) =>
        itemAsOf(
          i,
          updates.filter((u) => u.actionItemId === i.id),
          asOf,
        ),
      )
      .filter((i): i is ActionItem => !!i);
  }

  async ofBody(caller: Caller, bodyId: string, asked?: Date): Promise<BodyAccountabilityReport> {
    const asOf = asked ?? new Date();
    const body = await this.access.requireBody(bodyId);
    await this.access.requireInsideBody(caller, bodyId, 'Body');
    const [current, seats, escalated] = await Promise.all([
      this.items.findInBodies([bodyId]),
      this.memberships.listOfBody(bodyId, false),
      this.items.findEscalatedTo(bodyId),
    ]);
    const items = await this.asOf(current, asked);
    const known = new Map<string, Government>(seats.map((m) => [m.governmentId, m.government!]));
    const others = new Set<string>();
    for (const item of items) {
      if (!known.has(item.leadGovernmentId)) others.add(item.leadGovernmentId);
      for (const share of item.costShares) if (!known.has(share.governmentId)) others.add(share.governmentId);
    }
    const former = (await this.governments.findByIds([...others])).sort((a, b) => a.precedence - b.precedence);
    for (const g of former) known.set(g.id, g);
    const accountable = this.accountable(items, known);
    const roles = new Map(seats.map((m) => [m.governmentId, m.role]));
    const governments = [...seats.map((m) => m.government!), ...former].map((g) => ({
      ...row(g, roles.get(g.id) ?? null),
      ...accountabilityOf(g.id, g.level, accountable, todayIn(g.timeZone, asOf)),
    }));
    const sum = (key: 'open' | 'overdue' | 'dueSoon' | 'doneOnTime' | 'doneLate' | 'cancelled') => governments.reduce((n, g) => n + g[key], 0);
    const live = items.filter((i) => i.status !== 'cancelled');
    return {
      body: { id: body.id, name: textFor(body.name, caller.locale).text ?? '' },
      asOf: asOf.toISOString(),
      governments,
      totals: {
        items: items.length,
        open: sum('open'),
        overdue: sum('overdue'),
        dueSoon: sum('dueSoon'),
        doneOnTime: sum('doneOnTime'),
        doneLate: sum('doneLate'),
        cancelled: sum('cancelled'),
        estimatedCostCents: live.reduce((n, i) => n + (i.estimatedCostCents ?? 0), 0),
        actualCostCents: live.reduce((n, i) => n + (i.actualCostCents ?? 0), 0),
      },
      escalated: escalated.map((i) => ({
        id: i.id,
        bodyId: i.bodyId,
        title: textFor(i.title, caller.locale).text ?? '',
        leadGovernmentId: i.leadGovernmentId,
        dueOn: i.dueOn,
        escalatedAt: i.escalatedAt?.toISOString() ?? null,
      })),
    };
  }

  async ofGovernment(caller: Caller, governmentId: string, asked?: Date): Promise<GovernmentAccountabilityReport> {
    const asOf = asked ?? new Date();
    const government = await this.governments.findById(governmentId);
    if (!government) throw notFound('Government');
    const scope = await this.access.scopeOf(caller);
    const items = await this.asOf(await this.items.findInvolving(governmentId, scope.kind === 'all' ? null : scope.bodyIds), asked);
    const leads = await this.governments.findByIds([...new Set(items.map((i) => i.leadGovernmentId))]);
    const accountable = this.accountable(items, new Map(leads.map((g) => [g.id, g])));
    const today = todayIn(government.timeZone, asOf);
    const bodies = (await this.bodies.findByIds([...new Set(items.map((i) => i.bodyId))])).sort((a, b) =>
      (a.name.en ?? a.name.fr ?? '').localeCompare(b.name.en ?? b.name.fr ?? ''),
    );
    const indexOf = new Map(items.map((item, index) => [item, index]));
    const funding = await this.items.fundingPositionOf(government.id, scope.kind === 'all' ? null : scope.bodyIds);
    return {
      government: { id: government.id, code: government.code, nameEn: government.nameEn, nameFr: government.nameFr, level: government.level },
      asOf: asOf.toISOString(),
      governments: [{ ...row(government, null), ...accountabilityOf(government.id, government.level, accountable, today) }],
      bodies: bodies.map((b) => ({
        bodyId: b.id,
        bodyName: textFor(b.name, caller.locale).text ?? '',
        ...accountabilityOf(
          government.id,
          government.level,
          items.filter((i) => i.bodyId === b.id).map((i) => accountable[indexOf.get(i)!]),
          today,
        ),
      })),
      funding,
    };
  }

  /**
   * Every body the caller may see and every government leading items there, from one read of their items: what the
   * per-body and per-government reports would give one by one (today, as each lead government's calendar reads it).
   */
  async overview(caller: Caller): Promise<AccountabilityOverviewView> {
    const asOf = new Date();
    const scope = await this.access.scopeOf(caller);
    const items = await this.items.findInScope(scope.kind === 'all' ? null : scope.bodyIds);
    const leads = new Map((await this.governments.findByIds([...new Set(items.map((i) => i.leadGovernmentId))])).map((g) => [g.id, g]));
    const accountable = this.accountable(items, leads);
    const figuresOf = (subset: AccountableItem[]) => {
      const total = { open: 0, overdue: 0, doneOnTime: 0, doneLate: 0 };
      for (const leadId of new Set(subset.map((i) => i.leadGovernmentId))) {
        const lead = leads.get(leadId);
        if (!lead) continue;
        const f = accountabilityOf(lead.id, lead.level, subset, todayIn(lead.timeZone, asOf));
        total.open += f.open;
        total.overdue += f.overdue;
        total.doneOnTime += f.doneOnTime;
        total.doneLate += f.doneLate;
      }
      return total;
    };
    const byBody = new Map<string, AccountableItem[]>();
    items.forEach((item, index) => {
      const subset = byBody.get(item.bodyId) ?? [];
      subset.push(accountable[index]);
      byBody.set(item.bodyId, subset);
    });
    const governments = [...leads.values()].sort((a, b) => a.precedence - b.precedence);
    return {
      asOf: asOf.toISOString(),
      bodies: [...byBody].map(([bodyId, subset]) => ({ bodyId, ...figuresOf(subset) })),
      governments: governments.map((g) => ({ governmentId: g.id, ...figuresOf(accountable.filter((i) => i.leadGovernmentId === g.id)) })),
    };
  }

  bodyCsv(report: BodyAccountabilityReport): string {
    return toCsv([
      ['governmentCode', 'governmentName', 'role', ...FIGURE_COLUMNS],
      ...report.governments.map((g) => [g.code, g.nameEn, g.role, ...figureCells(g)]),
    ]);
  }

  governmentCsv(report: GovernmentAccountabilityReport): string {
    const total = report.governments[0];
    return toCsv([
      ['governmentCode', 'bodyId', 'bodyName', ...FIGURE_COLUMNS],
      ...report.bodies.map((b) => [report.government.code, b.bodyId, b.bodyName, ...figureCells(b)]),
      [report.government.code, null, 'All bodies', ...figureCells(total)],
    ]);
  }

  /** Dates read in the lead government's zone: "done on the due date" means that day where the work was done. */
  private accountable(items: ActionItem[], governments: Map<string, Government>): AccountableItem[] {
    return items.map((i) => ({
      leadGovernmentId: i.leadGovernmentId,
      status: i.status,
      progress: i.progress,
      dueOn: i.dueOn,
      completedOn: i.completedAt ? todayIn(governments.get(i.leadGovernmentId)?.timeZone ?? 'America/Toronto', i.completedAt) : null,
      estimatedCostCents: i.estimatedCostCents,
      actualCostCents: i.actualCostCents,
      costShares: i.costShares,
    }));
  }
}

const row = (g: Government, role: MembershipRole | null) => ({ governmentId: g.id, code: g.code, nameEn: g.nameEn, nameFr: g.nameFr, level: g.level, role });

/** The calendar day an instant falls on in a zone. */
export const todayIn = (timeZone: string, at: Date): string => DateTime.fromJSDate(at, { zone: timeZone }).toISODate() ?? at.toISOString().slice(0, 10);
