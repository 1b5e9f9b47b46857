import { Logger, type INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRecord, type Caller, type DemoContext } from '@forum/core';
import type { BodyKind, MembershipRole } from '@forum/contracts';
import { seedActionItems } from '@forum/action-items';
import { BodiesService, BodyRepository, MembershipsService } from '@forum/bodies';
import { seedCommuniques } from '@forum/communiques';
import { seedFunding } from '@forum/funding';
import { GovernmentRepository, GovernmentsService } from '@forum/governments';
import { UserRepository, UsersService } from '@forum/identity';
import { seedMeetings } from '@forum/meetings';
import { seedIndicators } from '@forum/indicators';
import { DEMO_ACCOUNTS, DEMO_GOVERNMENTS, DEMO_PASSWORD, FPT_CODES } from './demo-governments';

const DEMO_LOCK = 72_010_003;

interface DemoBody {
  name: string;
  nameFr: string;
  kind: BodyKind;
  parent?: string;
  permanent?: boolean;
  startsOn?: string;
  endsOn?: string;
  mandate: string;
  /** code → role; FMRI bodies default to every FPT government with Quebec as observer */
  members?: Record<string, MembershipRole>;
  coChairs?: [string, string];
}

const DM = "Deputy Ministers' Table";
const ADM = "Assistant Deputy Ministers' Table";
export const TASK_FORCE = 'Ad Hoc Intergovernmental Task Force on Irregular Migration';
export const ASYLUM_WG = 'Working Group on Asylum and Irregular Migration';
export const FPM_TABLE = 'Federal-Provincial-Municipal Table on Asylum';

/** The structure of the Forum of Ministers Responsible for Immigration, plus the study's recommended additions. */
export const DEMO_BODIES: DemoBody[] = [
  {
    name: 'FMRI Secretariat',
    nameFr: 'Secrétariat du FMRI',
    kind: 'secretariat',
    mandate: 'Combined federal, provincial and territorial secretariat coordinating the forum.',
  },
  { name: DM, nameFr: 'Table des sous-ministres', kind: 'table', mandate: 'Deputy ministers steer the forum and refer matters to ministers.' },
  { name: ADM, nameFr: 'Table des sous-ministres adjoints', kind: 'table', parent: DM, mandate: 'Assistant deputy ministers oversee the working groups.' },
  {
    name: 'Policy and Planning Table',
    nameFr: 'Table des politiques et de la planification',
    kind: 'table',
    parent: ADM,
    mandate: 'Shared policy analysis and multi-year planning.',
  },
  {
    name: 'Economic Operations Working Group',
    nameFr: 'Groupe de travail sur les opérations économiques',
    kind: 'working_group',
    parent: ADM,
    mandate: 'Economic immigration programs and operations.',
    coChairs: ['CA', 'BC'],
  },
  {
    name: 'Anti-Fraud Subgroup',
    nameFr: 'Sous-groupe sur la lutte contre la fraude',
    kind: 'subgroup',
    parent: 'Economic Operations Working Group',
    mandate: 'Program integrity and fraud prevention.',
    coChairs: ['CA', 'AB'],
  },
  {
    name: 'Francophone Immigration Working Group',
    nameFr: "Groupe de travail sur l'immigration francophone",
    kind: 'working_group',
    parent: ADM,
    mandate: 'Francophone immigration outside Quebec.',
    coChairs: ['CA', 'NB'],
  },
  {
    name: 'Settlement and Integration Working Group',
    nameFr: "Groupe de travail sur l'établissement et l'intégration",
    kind: 'working_group',
    parent: ADM,
    mandate: 'Settlement services and integration outcomes.',
    coChairs: ['CA', 'ON'],
  },
  {
    name: 'Levels Working Group',
    nameFr: 'Groupe de travail sur les niveaux',
    kind: 'working_group',
    parent: ADM,
    mandate: 'Immigration levels planning.',
    coChairs: ['CA', 'SK'],
  },
  {
    name: 'Language Forum',
    nameFr: 'Forum sur la langue',
    kind: 'working_group',
    parent: ADM,
    mandate: 'Language training for newcomers.',
    coChairs: ['CA', 'NS'],
  },
  {
    name: TASK_FORCE,
    nameFr: 'Groupe de travail intergouvernemental spécial sur la migration irrégulière',
    kind: 'task_force',
    permanent: false,
    startsOn: '2017-08-09',
    endsOn: '2018-08-31',
    mandate:
      'Coordinate the response to irregular border crossings (federal ministers, Quebec and Ontario; the Mayor of Toronto was later invited). Twelve meetings, August 2017 to August 2018.',
    members: { CA: 'co_chair', QC: 'member', ON: 'member' },
  },
  {
    name: ASYLUM_WG,
    nameFr: "Groupe de travail sur l'asile et la migration irrégulière",
    kind: 'working_group',
    parent: ADM,
    mandate:
      'A permanent venue for asylum and irregular migration: shared understanding, written roles and responsibilities, actions and resources tracked against an accountability framework, predictable cost sharing.',
    members: { CA: 'co_chair', MB: 'co_chair', ON: 'member', QC: 'observer', BC: 'member', AB: 'member', TOR: 'member', MTL: 'member', FCM: 'member' },
  },
  {
    name: FPM_TABLE,
    nameFr: "Table fédérale-provinciale-municipale sur l'asile",
    kind: 'table',
    parent: DM,
    mandate: 'A dedicated federal-provincial-municipal venue including the Federation of Canadian Municipalities and large cities.',
    members: { CA: 'co_chair', ON: 'member', QC: 'observer', MB: 'member', TOR: 'member', MTL: 'member', CK: 'member', FCM: 'member' },
  },
];

/**
 * Loads the demo data once: governments, accounts, the FMRI bodies and memberships, then each
 * capability's own scenario. Safe to run at every start and from several processes at once.
 */
export async function loadDemoData(app: INestApplicationContext): Promise<void> {
  const logger = new Logger('DemoData');
  const dataSource = app.get(DataSource);
  const governments = app.get(GovernmentRepository);
  const users = app.get(UserRepository);
  const bodies = app.get(BodyRepository);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [DEMO_LOCK]);
    const once = async (step: string, run: () => Promise<void>) => {
      const done = await dataSource.getRepository(AuditRecord).existsBy({ action: 'demo.loaded', entityId: step });
      if (done) return;
      await run();
      await dataSource.getRepository(AuditRecord).insert({ actorUserId: null, action: 'demo.loaded', entityType: 'demo', entityId: step, changes: null });
      logger.log(`Demo data: ${step}`);
    };

    await once('accounts-and-governments', () => loadGovernmentsAndAccounts(app));
    const secretariatUser = await users.findByEmail('secretariat@forum.demo');
    if (!secretariatUser) throw new Error('the demo secretariat account is missing');
    const secretariat: Caller = {
      userId: secretariatUser.id,
      email: secretariatUser.email,
      role: 'secretariat',
      governmentId: null,
      locale: secretariatUser.locale,
    };
    await once('fmri-bodies', () => loadBodies(app, secretariat));

    const governmentIds = new Map((await governments.findAllInPrecedence({}, 1000, 0))[0].map((g) => [g.code, g.id]));
    const bodyIds = new Map((await bodies.page({}, 200, 0))[0].map((b) => [b.name.en ?? '', b.id]));
    const callers = new Map<string, Caller>();
    for (const account of DEMO_ACCOUNTS) {
      const user = await users.findByEmail(account.email);
      if (user) callers.set(account.email, { userId: user.id, email: user.email, role: user.role, governmentId: user.governmentId, locale: user.locale });
    }
    const demo: DemoContext = {
      app,
      dataSource,
      secretariat,
      governmentId: (code) => required(governmentIds.get(code), `government ${code}`),
      bodyId: (name) => required(bodyIds.get(name), `body ${name}`),
      caller: (email) => required(callers.get(email), `account ${email}`),
      once,
    };
    // A closed body takes nothing new: the ad hoc bodies' history is loaded while they are open (the seeds are
    // idempotent, so this is a no-op once loaded), then they close at their end date.
    const adHoc = DEMO_BODIES.filter((b) => b.endsOn);
    await dataSource.query('UPDATE body SET ends_on = NULL WHERE id = ANY($1)', [adHoc.map((b) => demo.bodyId(b.name))]);
    try {
      await seedMeetings(demo);
      await seedActionItems(demo);
      await seedCommuniques(demo);
    } finally {
      for (const spec of adHoc) await dataSource.query('UPDATE body SET ends_on = $2 WHERE id = $1', [demo.bodyId(spec.name), spec.endsOn]);
    }
    await seedFunding(demo);
    await seedIndicators(demo);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [DEMO_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo data: ${what} is missing`);
  return value;
}

async function loadGovernmentsAndAccounts(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const usersService = app.get(UsersService);
  const governmentsService = app.get(GovernmentsService);
  const [secretariatAccount, ...officials] = DEMO_ACCOUNTS;
  const secretariatUser = await dataSource.transaction((em) => usersService.createInTransaction(em, { ...secretariatAccount, password: DEMO_PASSWORD }, null));
  const caller: Caller = { userId: secretariatUser.id, email: secretariatUser.email, role: 'secretariat', governmentId: null, locale: secretariatUser.locale };
  const ids = new Map<string, string>();
  for (const government of DEMO_GOVERNMENTS) {
    ids.set(government.code, (await governmentsService.create(caller, government)).id);
  }
  for (const official of officials) {
    await dataSource.transaction((em) =>
      usersService.createInTransaction(
        em,
        {
          email: official.email,
          displayName: official.displayName,
          role: 'official',
          governmentId: ids.get(official.governmentCode!),
          password: DEMO_PASSWORD,
          locale: official.locale,
        },
        caller.userId,
      ),
    );
  }
}

async function loadBodies(app: INestApplicationContext, secretariat: Caller): Promise<void> {
  const bodiesService = app.get(BodiesService);
  const memberships = app.get(MembershipsService);
  const governments = app.get(GovernmentRepository);
  const governmentId = async (code: string) => required((await governments.findByCode(code))?.id, `government ${code}`);
  const created = new Map<string, string>();
  for (const spec of DEMO_BODIES) {
    const body = await bodiesService.create(secretariat, {
      name: spec.name,
      nameFr: spec.nameFr,
      kind: spec.kind,
      parentId: spec.parent ? created.get(spec.parent) : undefined,
      permanent: spec.permanent ?? true,
      startsOn: spec.startsOn,
      endsOn: spec.endsOn,
      mandate: spec.mandate,
    });
    created.set(spec.name, body.id);
    // a closed body takes nothing new: its history is loaded while it is open, and it closes once loaded (see loadDemoData)
    if (spec.endsOn) await app.get(DataSource).query('UPDATE body SET ends_on = NULL WHERE id = $1', [body.id]);
    const seats: Record<string, MembershipRole> =
      spec.members ?? Object.fromEntries(FPT_CODES.map((code) => [code, code === 'QC' ? 'observer' : spec.coChairs?.includes(code) ? 'co_chair' : 'member']));
    const startedAt = spec.startsOn ?? '2016-04-01';
    for (const [code, role] of Object.entries(seats)) {
      await memberships.add(secretariat, body.id, await governmentId(code), role, `${startedAt}T12:00:00Z`);
    }
  }
  // The task force's history: Toronto was invited in 2018; Ontario disengaged in August 2018.
  const taskForce = required(created.get(TASK_FORCE), 'task force');
  await memberships.add(secretariat, taskForce, await governmentId('TOR'), 'member', '2018-01-15T15:00:00Z');
  await memberships.end(secretariat, taskForce, await governmentId('ON'), new Date('2018-08-10T16:00:00Z'));
}
