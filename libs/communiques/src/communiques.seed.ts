import type { DemoContext } from '@forum/core';
import { CommuniquePublicationService } from './communique-publication.service';
import { CommuniquesService } from './communiques.service';

const TASK_FORCE = 'Ad Hoc Intergovernmental Task Force on Irregular Migration';
const ASYLUM_WG = 'Working Group on Asylum and Irregular Migration';

/** Modelled on the task force's joint statements of autumn 2017 (IRCC 2017c, 2017e in the IRPP study). */
const TASK_FORCE_STATEMENT = {
  titleEn: 'Joint statement by the Ad Hoc Intergovernmental Task Force on Irregular Migration',
  titleFr: 'Déclaration conjointe du Groupe de travail intergouvernemental spécial sur la migration irrégulière',
  bodyEn: `Members of the Ad Hoc Intergovernmental Task Force on Irregular Migration met today in Montréal to review the response to asylum claimants crossing the border between ports of entry.

Ministers noted that collaboration between the federal and provincial governments, and with local governments and community partners, has been key. Together they:

- expanded processing capacity in Montréal and deployed a **mobile response unit** near the Roxham Road crossing, reducing delays in the initial screening of claimants;
- accelerated the issuance of **work permits** and Interim Federal Health Program certificates, so that claimants can support themselves while their claims are heard;
- coordinated temporary shelter so that no claimant is left without a place to stay.

Federal departments (CBSA, RCMP, Public Safety, IRCC and the Public Health Agency of Canada) have developed a national plan based on lessons observed at the sites near Roxham Road. Ministers agreed to test this plan with provincial officials across the country so that the response can be scaled to any future increase in irregular crossings.

Ministers also agreed to continue outreach to communities in the United States and in Canada to correct misinformation about Canada's asylum system, and that further collaboration with the United States will be essential.

The task force will meet again in the new year.`,
  bodyFr: `Les membres du Groupe de travail intergouvernemental spécial sur la migration irrégulière se sont réunis aujourd'hui à Montréal pour faire le point sur l'accueil des demandeurs d'asile qui traversent la frontière entre les points d'entrée.

Les ministres ont souligné que la collaboration entre les gouvernements fédéral et provinciaux, ainsi qu'avec les administrations locales et les partenaires communautaires, a été essentielle. Ensemble, ils ont :

- accru la capacité de traitement à Montréal et déployé une **unité d'intervention mobile** près du passage du chemin Roxham, ce qui a réduit les délais du contrôle initial des demandeurs;
- accéléré la délivrance des **permis de travail** et des certificats du Programme fédéral de santé intérimaire, afin que les demandeurs puissent subvenir à leurs besoins pendant l'examen de leur demande;
- coordonné l'hébergement temporaire afin qu'aucun demandeur ne se retrouve sans toit.

Les ministères fédéraux (ASFC, GRC, Sécurité publique, IRCC et Agence de la santé publique du Canada) ont élaboré un plan national fondé sur les leçons tirées aux sites voisins du chemin Roxham. Les ministres ont convenu de mettre ce plan à l'essai avec les fonctionnaires provinciaux de tout le pays, afin que l'intervention puisse être adaptée à toute hausse future des passages irréguliers.

Les ministres ont aussi convenu de poursuivre les activités de sensibilisation auprès des collectivités aux États-Unis et au Canada pour corriger la désinformation sur le système d'asile canadien, et qu'une collaboration accrue avec les États-Unis sera essentielle.

Le groupe de travail se réunira de nouveau au début de la nouvelle année.`,
};

/** A draft of the recommended permanent working group, now awaiting the members' concurrence. */
const WORKING_GROUP_STATEMENT = {
  titleEn: 'Working Group on Asylum and Irregular Migration: predictable cost sharing for interim housing',
  titleFr: "Groupe de travail sur l'asile et la migration irrégulière : un partage prévisible des coûts de l'hébergement provisoire",
  bodyEn: `Federal, provincial and municipal members of the Working Group on Asylum and Irregular Migration met to review interim housing for asylum claimants.

Members took stock of the 2019 Interim Housing Assistance Program ($324 million, including $250 million to Quebec for 2017–2018 costs, $62 million to Toronto and $5 million to Manitoba) and of the $50 million announced in June 2018.

Members agreed to:

1. write down the roles and responsibilities of each order of government for reception, housing, social assistance, health care and education;
2. track actions and resources against a shared accountability framework, reported at each meeting;
3. propose to ministers a **predictable cost-sharing arrangement** for interim housing, monitored regularly, before the next peak in arrivals.`,
  bodyFr: `Les membres fédéraux, provinciaux et municipaux du Groupe de travail sur l'asile et la migration irrégulière se sont réunis pour examiner l'hébergement provisoire des demandeurs d'asile.

Les membres ont fait le bilan du Programme d'aide au logement provisoire de 2019 (324 millions de dollars, dont 250 millions au Québec pour les coûts de 2017-2018, 62 millions à Toronto et 5 millions au Manitoba) et des 50 millions annoncés en juin 2018.

Les membres ont convenu :

1. de consigner par écrit les rôles et responsabilités de chaque ordre de gouvernement en matière d'accueil, de logement, d'aide sociale, de santé et d'éducation;
2. de suivre les mesures et les ressources au regard d'un cadre de responsabilisation commun, dont il sera rendu compte à chaque réunion;
3. de proposer aux ministres un **mécanisme prévisible de partage des coûts** de l'hébergement provisoire, suivi régulièrement, avant la prochaine hausse des arrivées.`,
};

/** Demo data for communiques, from the domain (see ../shared/DOMAIN.md); idempotent through DemoContext.once. */
export async function seedCommuniques(demo: DemoContext): Promise<void> {
  const communiques = demo.app.get(CommuniquesService);
  const publication = demo.app.get(CommuniquePublicationService);
  const officialOf = (code: string) => demo.caller(`official.${code.toLowerCase()}@forum.demo`);

  await demo.once('communiques-task-force-statement', async () => {
    const draft = await communiques.create(demo.secretariat, { bodyId: demo.bodyId(TASK_FORCE), ...TASK_FORCE_STATEMENT });
    const submitted = await communiques.submit(demo.secretariat, draft.id);
    // Every government now seated at the task force concurs, through the same rules as any official.
    for (const government of submitted.concurrence.required) {
      await communiques.concur(officialOf(government.code), draft.id, { revision: submitted.revision, position: 'concur' });
    }
    await publication.publish(demo.secretariat, draft.id);
  });

  await demo.once('communiques-asylum-working-group-in-concurrence', async () => {
    const draft = await communiques.create(demo.secretariat, { bodyId: demo.bodyId(ASYLUM_WG), ...WORKING_GROUP_STATEMENT });
    const submitted = await communiques.submit(demo.secretariat, draft.id);
    await communiques.concur(officialOf('CA'), draft.id, { revision: submitted.revision, position: 'concur' });
    await communiques.concur(officialOf('MB'), draft.id, {
      revision: submitted.revision,
      position: 'concur_with_reservation',
      comment: 'Manitoba concurs on the understanding that cost sharing covers the 2017–2018 costs of Winnipeg reception services.',
    });
  });
}
