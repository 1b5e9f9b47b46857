import type { Caller, DemoContext } from '@forum/core';
import { FundingService } from './funding.service';

const ASYLUM_WG = 'Working Group on Asylum and Irregular Migration';

/** Millions of dollars in cents, exactly. */
const millions = (m: number) => m * 100_000_000;

interface DemoClaim {
  by: string;
  from: string;
  to: string;
  requestedMillions: number;
  descriptionEn: string;
  descriptionFr: string;
  decision?: { status: 'approved' | 'rejected'; approvedMillions?: number; commentEn?: string; commentFr?: string };
  payments?: [number, string][];
  reconciled?: boolean;
}

interface DemoProgram {
  nameEn: string;
  nameFr: string;
  termsEn: string;
  termsFr: string;
  budgetMillions: number;
  eligibleFrom: string;
  eligibleTo: string;
  /** the title of the action item (of the same body) the program carries out */
  actionItem?: string;
  claims: DemoClaim[];
}

/** The study's funding episodes (see ../shared/DOMAIN.md, "facts"), as programs with their claims, decisions and payments. */
const PROGRAMS: DemoProgram[] = [
  {
    nameEn: 'Federal support for the response to irregular border crossings (June 2018)',
    nameFr: 'Soutien fédéral à la réponse aux passages irréguliers à la frontière (juin 2018)',
    termsEn:
      'Announced in June 2018: $50 million for the three provinces most affected (Quebec $36 million, Ontario $11 million, Manitoba $3 million) for temporary housing and services to asylum claimants.',
    termsFr:
      'Annoncé en juin 2018 : 50 millions de dollars pour les trois provinces les plus touchées (Québec 36 millions, Ontario 11 millions, Manitoba 3 millions) pour l’hébergement temporaire et les services aux demandeurs d’asile.',
    budgetMillions: 50,
    eligibleFrom: '2017-01-01',
    eligibleTo: '2018-12-31',
    claims: [
      {
        by: 'QC',
        from: '2017-01-01',
        to: '2018-03-31',
        requestedMillions: 36,
        descriptionEn: 'Temporary housing (including the Olympic Stadium and other sites) and services to asylum claimants who crossed irregularly.',
        descriptionFr: 'Hébergement temporaire (dont le Stade olympique et d’autres sites) et services aux demandeurs d’asile entrés de façon irrégulière.',
        decision: { status: 'approved', commentEn: 'Quebec’s share of the June 2018 announcement.', commentFr: 'Part du Québec dans l’annonce de juin 2018.' },
        payments: [[36, '2018-08-15']],
        reconciled: true,
      },
      {
        by: 'ON',
        from: '2017-04-01',
        to: '2018-06-30',
        requestedMillions: 11,
        descriptionEn: 'Shelter and social assistance for asylum claimants in Ontario.',
        descriptionFr: 'Hébergement et aide sociale pour les demandeurs d’asile en Ontario.',
        decision: {
          status: 'approved',
          commentEn: 'Ontario’s share of the June 2018 announcement.',
          commentFr: 'Part de l’Ontario dans l’annonce de juin 2018.',
        },
        payments: [[11, '2018-08-15']],
      },
      {
        by: 'MB',
        from: '2017-01-01',
        to: '2018-06-30',
        requestedMillions: 3,
        descriptionEn: 'Reception and temporary housing for claimants arriving near Emerson.',
        descriptionFr: 'Accueil et hébergement temporaire des demandeurs arrivant près d’Emerson.',
        decision: {
          status: 'approved',
          commentEn: 'Manitoba’s share of the June 2018 announcement.',
          commentFr: 'Part du Manitoba dans l’annonce de juin 2018.',
        },
        payments: [[3, '2018-08-15']],
      },
      // Ontario's July 2018 request for $200 million more, with its three heads; Ottawa did not accept it.
      ...(
        [
          [89, 'housing', 'hébergement'],
          [90, 'social assistance', 'aide sociale'],
          [20, 'education', 'éducation'],
        ] as const
      ).map(([amount, en, fr]): DemoClaim => ({
        by: 'ON',
        from: '2017-04-01',
        to: '2018-06-30',
        requestedMillions: amount,
        descriptionEn: `Ontario's July 2018 request for an additional $200 million: the ${en} head ($${amount} million).`,
        descriptionFr: `Demande de l’Ontario de juillet 2018 pour 200 millions de dollars de plus : le volet ${fr} (${amount} millions).`,
        decision: {
          status: 'rejected',
          commentEn: 'Not accepted: existing federal transfers and the June 2018 announcement cover these costs.',
          commentFr: 'Non retenue : les transferts fédéraux existants et l’annonce de juin 2018 couvrent ces coûts.',
        },
      })),
    ],
  },
  {
    nameEn: 'Interim Housing Assistance Program (2019)',
    nameFr: 'Programme d’aide au logement provisoire (2019)',
    termsEn:
      '$324 million in 2019 to support jurisdictions providing housing to asylum claimants, distributed on a negotiated, case-by-case basis with provinces and, where no cost-sharing agreement is reached, with municipalities.',
    termsFr:
      '324 millions de dollars en 2019 pour soutenir les administrations qui hébergent des demandeurs d’asile, répartis au cas par cas après négociation avec les provinces et, faute d’entente de partage des coûts, avec les municipalités.',
    budgetMillions: 324,
    eligibleFrom: '2017-04-01',
    eligibleTo: '2019-12-31',
    actionItem: 'Reimburse 2017–2018 claimant housing costs under the Interim Housing Assistance Program',
    claims: [
      {
        by: 'TOR',
        from: '2018-01-01',
        to: '2019-12-31',
        requestedMillions: 62,
        descriptionEn: 'Shelter and motel programs for refugee claimants in Toronto, supplementing earlier federal funds.',
        descriptionFr: 'Hébergement en refuges et en motels des demandeurs d’asile à Toronto, en complément des fonds fédéraux antérieurs.',
        decision: { status: 'approved' },
        payments: [
          [25, '2019-03-29'],
          [20, '2019-07-31'],
          [17, '2019-11-29'],
        ],
      },
      {
        by: 'MB',
        from: '2018-04-01',
        to: '2019-03-31',
        requestedMillions: 5,
        descriptionEn: 'Interim housing for asylum claimants in Winnipeg.',
        descriptionFr: 'Logement provisoire des demandeurs d’asile à Winnipeg.',
        decision: { status: 'approved' },
        payments: [[5, '2019-06-28']],
      },
      {
        by: 'QC',
        from: '2017-04-01',
        to: '2018-03-31',
        requestedMillions: 300,
        descriptionEn: 'Quebec’s January 2019 request ($300 million) to recover the costs of 2017-18.',
        descriptionFr: 'Demande du Québec de janvier 2019 (300 millions de dollars) pour recouvrer les coûts de 2017-2018.',
        decision: {
          status: 'approved',
          approvedMillions: 250,
          commentEn: 'Agreed in August 2019 after three months of negotiations: $250 million for 2017-18 costs.',
          commentFr: 'Convenu en août 2019 après trois mois de négociations : 250 millions de dollars pour les coûts de 2017-2018.',
        },
        payments: [[250, '2019-08-30']],
        reconciled: true,
      },
    ],
  },
];

/** Demo data for funding, through the service (the same rules as users meet). Idempotent through once(). */
export async function seedFunding(demo: DemoContext): Promise<void> {
  await demo.once('funding', async () => {
    const service = demo.app.get(FundingService);
    const official = (code: string): Caller => demo.caller(`official.${code.toLowerCase()}@forum.demo`);
    const federal = official('CA');
    const bodyId = demo.bodyId(ASYLUM_WG);
    const actionItemId = async (title: string | undefined): Promise<string | undefined> => {
      if (!title) return undefined;
      const rows: { id: string }[] = await demo.dataSource.query(`SELECT id FROM action_item WHERE body_id = $1 AND title_en = $2 LIMIT 1`, [bodyId, title]);
      return rows[0]?.id;
    };
    for (const spec of PROGRAMS) {
      const program = await service.createProgram(demo.secretariat, {
        bodyId,
        actionItemId: await actionItemId(spec.actionItem),
        fundingGovernmentId: demo.governmentId('CA'),
        nameEn: spec.nameEn,
        nameFr: spec.nameFr,
        termsEn: spec.termsEn,
        termsFr: spec.termsFr,
        budgetCents: millions(spec.budgetMillions),
        eligibleFrom: spec.eligibleFrom,
        eligibleTo: spec.eligibleTo,
      });
      for (const c of spec.claims) {
        const claim = await service.createClaim(official(c.by), program.id, {
          claimantGovernmentId: demo.governmentId(c.by),
          periodFrom: c.from,
          periodTo: c.to,
          requestedCents: millions(c.requestedMillions),
          descriptionEn: c.descriptionEn,
          descriptionFr: c.descriptionFr,
          evidenceDocumentIds: [],
        });
        if (c.decision) {
          await service.decide(federal, claim.id, {
            status: c.decision.status,
            approvedCents: c.decision.approvedMillions === undefined ? undefined : millions(c.decision.approvedMillions),
            commentEn: c.decision.commentEn,
            commentFr: c.decision.commentFr,
          });
        }
        for (const [amount, paidOn] of c.payments ?? []) await service.pay(federal, claim.id, { amountCents: millions(amount), paidOn });
        if (c.reconciled) await service.reconcile(official(c.by), claim.id);
      }
    }
  });
}
