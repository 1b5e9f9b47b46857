import { DateTime } from 'luxon';
import type { Caller, DemoContext } from '@forum/core';
import type { ActionItemStatus } from './action-item-status.rule';
import type { CreateActionItemDto } from './action-item.dto';
import { ActionItemsService } from './action-items.service';

const TASK_FORCE = 'Ad Hoc Intergovernmental Task Force on Irregular Migration';
const ASYLUM_WG = 'Working Group on Asylum and Irregular Migration';
const DM_TABLE = "Deputy Ministers' Table";

/** Millions of dollars in cents, exactly. */
const millions = (m: number) => m * 100_000_000;

interface DemoItem {
  body: string;
  title: string;
  description: string;
  lead: string;
  supporting?: string[];
  responsible?: string[];
  /** a fixed date for the 2017–2018 history, or days from today for the live items */
  due: string | number;
  priority?: CreateActionItemDto['priority'];
  estimatedMillions?: number;
  actualMillions?: number;
  fundingSource?: string;
  shares?: Record<string, number>;
  /** the statuses it went through, each with when (ISO date or days from today) */
  path?: [ActionItemStatus, string | number, number?][];
  reports?: { by: string; note: string; progress?: number }[];
}

/**
 * Demo data for action items, from the study (see ../shared/DOMAIN.md): the task force's 2018 history
 * (the June 2018 $50M, triage in Quebec, the relocation pilot ended when Ontario disengaged) and the
 * working group's live items (IHAP's $324M, work-permit processing, data sharing, Ontario's $200M cost recovery),
 * with due dates around today so that the due-soon, overdue and escalated states show. Idempotent through once().
 */
export async function seedActionItems(demo: DemoContext): Promise<void> {
  await demo.once('action-items', async () => {
    const service = demo.app.get(ActionItemsService);
    const today = DateTime.now().setZone('America/Toronto').startOf('day');
    const day = (when: string | number) => (typeof when === 'number' ? today.plus({ days: when }).toISODate()! : when);
    const instant = (when: string | number) => DateTime.fromISO(`${day(when)}T15:00:00`, { zone: 'America/Toronto' }).toJSDate();
    const gov = (code: string) => demo.governmentId(code);
    const official = (code: string): Caller => demo.caller(`official.${code.toLowerCase()}@forum.demo`);

    for (const spec of DEMO_ITEMS) {
      const created = await service.create(demo.secretariat, {
        bodyId: demo.bodyId(spec.body),
        title: spec.title,
        description: spec.description,
        leadGovernmentId: gov(spec.lead),
        supportingGovernmentIds: spec.supporting?.map(gov),
        responsibleUserIds: spec.responsible?.map((code) => official(code).userId),
        dueOn: day(spec.due),
        priority: spec.priority,
        estimatedCostCents: spec.estimatedMillions === undefined ? undefined : millions(spec.estimatedMillions),
        fundingSource: spec.fundingSource,
        costShares: spec.shares ? Object.entries(spec.shares).map(([code, basisPoints]) => ({ governmentId: gov(code), basisPoints })) : undefined,
      });
      let version = created.version;
      for (const [status, when, progress] of spec.path ?? []) {
        const reason = status === 'cancelled' ? 'Overtaken by events' : undefined;
        version = (await service.update(demo.secretariat, created.id, { version, status, progress, reason }, instant(when))).version;
      }
      if (spec.actualMillions !== undefined) {
        version = (await service.update(demo.secretariat, created.id, { version, actualCostCents: millions(spec.actualMillions) })).version;
      }
      for (const report of spec.reports ?? []) {
        version = (await service.report(official(report.by), created.id, { note: report.note, progress: report.progress })).item.version;
      }
    }
  });
}

const DEMO_ITEMS: DemoItem[] = [
  {
    body: TASK_FORCE,
    title: 'Transfer the June 2018 federal funding for temporary housing of asylum claimants',
    description:
      'Federal funding announced in June 2018: $50M in total, Quebec $36M, Ontario $11M and Manitoba $3M, for the temporary housing costs of asylum claimants.',
    lead: 'CA',
    supporting: ['QC', 'TOR'],
    due: '2018-08-31',
    priority: 'urgent',
    estimatedMillions: 50,
    actualMillions: 50,
    fundingSource: 'Government of Canada, June 2018 announcement',
    shares: { CA: 10000 },
    path: [
      ['in_progress', '2018-06-20', 30],
      ['done', '2018-08-24'],
    ],
  },
  {
    body: TASK_FORCE,
    title: 'Triage asylum claimants at Lacolle and refer them to housing outside Montréal',
    description:
      'With nearly 95% of irregular crossings in Quebec (Roxham Road), set up triage at the border and referral to available housing across the province.',
    lead: 'QC',
    supporting: ['CA'],
    due: '2018-05-31',
    priority: 'high',
    path: [
      ['in_progress', '2018-03-01', 20],
      ['done', '2018-06-20'],
    ],
  },
  {
    body: TASK_FORCE,
    title: 'Relocate asylum claimants from Toronto shelters through the Chatham-Kent pilot',
    description: 'The 2018 relocation pilot with Chatham-Kent; ended when Ontario disengaged from the task force in August 2018.',
    lead: 'TOR',
    supporting: ['CA'],
    due: '2018-09-30',
    path: [
      ['in_progress', '2018-06-01', 25],
      ['cancelled', '2018-08-15'],
    ],
  },
  {
    body: ASYLUM_WG,
    title: 'Reimburse 2017–2018 claimant housing costs under the Interim Housing Assistance Program',
    description: 'IHAP (2019), $324M: Toronto $62M, Manitoba $5M, Quebec $250M for 2017–2018 costs. Track payments against the amounts announced.',
    lead: 'CA',
    // Quebec is paid under the program but sits as an observer: observers support no action item
    supporting: ['TOR', 'MB'],
    due: 60,
    priority: 'high',
    estimatedMillions: 324,
    fundingSource: 'Interim Housing Assistance Program (IHAP), 2019',
    shares: { CA: 10000 },
    path: [['in_progress', -30, 40]],
    actualMillions: 317,
    reports: [{ by: 'CA', note: 'Payments made to Quebec ($250M), Toronto ($62M) and Manitoba ($5M); the balance awaits claims.', progress: 65 }],
  },
  {
    body: ASYLUM_WG,
    title: 'Bring work-permit processing for asylum claimants down to 30 days',
    description: 'Claimants who can work leave shelters and social assistance sooner; provinces and cities asked for faster work permits.',
    lead: 'CA',
    supporting: ['ON'],
    due: 20,
    path: [
      ['in_progress', -40, 35],
      ['blocked', -3],
    ],
  },
  {
    body: ASYLUM_WG,
    title: 'Agree a data-sharing protocol on arrivals and shelter occupancy',
    description:
      'Weekly figures on interceptions between ports of entry and on shelter occupancy, shared between IRCC, the provinces and the cities, so that no one plans blind.',
    lead: 'MB',
    supporting: ['CA', 'TOR', 'MTL'],
    responsible: ['MB'],
    due: 2,
    priority: 'high',
    path: [['in_progress', -20, 50]],
    reports: [{ by: 'MB', note: 'Draft protocol circulated; Toronto and Montréal have sent comments.', progress: 70 }],
  },
  {
    body: ASYLUM_WG,
    title: "Settle cost recovery for Ontario's request of July 2018",
    description: 'Ontario asked for $200M in July 2018: $89M for housing, $90M for social assistance and $20M for education. Agree what is shared and how.',
    lead: 'ON',
    supporting: ['CA', 'TOR'],
    due: -20,
    priority: 'urgent',
    estimatedMillions: 200,
    fundingSource: 'To be agreed: federal-provincial cost sharing',
    shares: { CA: 5000, ON: 5000 },
    path: [['in_progress', -60, 10]],
  },
  {
    body: ASYLUM_WG,
    title: 'Document Toronto’s claimant housing costs for reimbursement',
    description: 'Toronto’s share of IHAP ($62M) is paid against documented shelter and hotel costs.',
    lead: 'TOR',
    supporting: ['CA'],
    due: -40,
    estimatedMillions: 62,
    actualMillions: 62,
    fundingSource: 'Interim Housing Assistance Program (IHAP)',
    shares: { CA: 10000 },
    path: [
      ['in_progress', -90, 30],
      ['done', -45],
    ],
  },
  {
    body: ASYLUM_WG,
    title: 'Plan reception capacity in Winnipeg for claimants crossing at Emerson',
    description: 'Manitoba saw 1,018 interceptions in 2017; plan reception and housing capacity should crossings rise again.',
    lead: 'MB',
    supporting: ['CA'],
    due: -5,
    estimatedMillions: 5,
    fundingSource: 'Interim Housing Assistance Program (IHAP)',
    shares: { CA: 10000 },
  },
  {
    body: ASYLUM_WG,
    title: 'Agree a predictable cost-sharing formula for future surges in asylum claims',
    description: 'The study’s fourth best practice: predictable cost sharing, agreed before the next surge rather than improvised during it.',
    lead: 'CA',
    supporting: ['MB', 'ON', 'FCM'],
    due: 120,
    priority: 'high',
  },
  {
    body: ASYLUM_WG,
    title: 'Survey municipal housing capacity through FCM',
    description: 'Superseded by the data-sharing protocol, which reports shelter occupancy directly.',
    lead: 'FCM',
    supporting: ['TOR', 'MTL'],
    due: 30,
    path: [['cancelled', -10]],
  },
  {
    body: DM_TABLE,
    title: 'Report to ministers on the accountability framework for asylum costs',
    description:
      'Roles, actions and progress of key actors and resource allocations, set against an accountability framework, with cost-sharing arrangements regularly monitored.',
    lead: 'CA',
    due: 45,
  },
];
