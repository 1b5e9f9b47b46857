import type { Caller, DemoContext } from '@forum/core';
import { IndicatorsService } from './indicators.service';

const ASYLUM_WG = 'Working Group on Asylum and Irregular Migration';

/** Spreads a yearly total over months by weight, largest remainder first, so the months add up exactly. */
function spread(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  const missing = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) parts[order[k][1]] += 1;
  return parts;
}

const SEASON = {
  2017: [2, 3, 5, 6, 7, 8, 12, 14, 11, 11, 10, 11],
  2018: [10, 10, 12, 13, 10, 8, 9, 9, 8, 8, 6, 7],
  2019: [7, 5, 7, 8, 8, 9, 11, 10, 9, 9, 9, 8],
  2020: [30, 28, 27, 4, 3, 4, 4],
} as const;

/**
 * RCMP interceptions between ports of entry, by province, from the study's Table 1 (2017–2020, January to July
 * 2020): Quebec's months follow the figures the study gives (just over 780 in June 2017, just under 3,000 in
 * July, just over 5,500 in August; in 2019 a low of about 800 in February and a high of about 1,800 in July),
 * the other provinces' yearly totals are spread over the months by season.
 */
const QUEBEC: Record<number, number[]> = {
  2017: [245, 452, 654, 672, 576, 781, 2996, 5530, 1720, 1755, 1539, 1916],
  2018: [1458, 1486, 1884, 2479, 1775, 1179, 1552, 1666, 1485, 1334, 1066, 1154],
  2019: [1000, 780, 1030, 1190, 1340, 1530, 1780, 1660, 1520, 1510, 1430, 1366],
  2020: [1086, 1000, 960, 7, 4, 4, 6],
};
const YEARLY: Record<string, Record<number, number>> = {
  MB: { 2017: 1018, 2018: 410, 2019: 180, 2020: 19 },
  BC: { 2017: 718, 2018: 479, 2019: 180, 2020: 56 },
  AB: { 2017: 6, 2018: 12, 2019: 1, 2020: 0 },
  ON: { 2017: 0, 2018: 0, 2019: 0, 2020: 0 },
};

/** Recent months, as the working group reports them now: November crosses the warning line. */
const RECENT: Record<string, Record<string, number>> = {
  QC: { '2026-06': 610, '2026-07': 742, '2026-08': 905, '2026-09': 1088, '2026-10': 1264, '2026-11': 1502 },
  MB: { '2026-06': 18, '2026-07': 22, '2026-08': 31, '2026-09': 35, '2026-10': 41, '2026-11': 56 },
  BC: { '2026-06': 24, '2026-07': 27, '2026-08': 33, '2026-09': 38, '2026-10': 47, '2026-11': 62 },
};

/** Asylum claimants in municipal shelter systems (illustrative month-end counts; the study gives no monthly series). */
const SHELTERS: Record<string, Record<string, number>> = {
  TOR: {
    '2017-09': 540,
    '2017-12': 820,
    '2018-03': 1490,
    '2018-05': 2530,
    '2018-06': 3120,
    '2018-09': 2940,
    '2018-12': 2610,
    '2019-06': 2380,
    '2019-12': 2210,
  },
  MTL: {
    '2017-07': 1210,
    '2017-08': 3320,
    '2017-09': 2480,
    '2017-12': 1630,
    '2018-03': 1850,
    '2018-06': 1410,
    '2018-12': 1120,
    '2019-06': 1060,
    '2019-12': 990,
  },
};

const month = (year: number, index: number) => `${year}-${String(index + 1).padStart(2, '0')}`;

export async function seedIndicators(demo: DemoContext): Promise<void> {
  await demo.once('indicators', async () => {
    const service = demo.app.get(IndicatorsService);
    const bodyId = demo.bodyId(ASYLUM_WG);
    const reporter = (code: string): Caller => {
      try {
        return demo.caller(`official.${code.toLowerCase()}@forum.demo`);
      } catch {
        return demo.secretariat;
      }
    };

    const interceptions = await service.create(demo.secretariat, {
      bodyId,
      code: 'rcmp-interceptions',
      nameEn: 'RCMP interceptions between ports of entry',
      nameFr: 'Interceptions de la GRC entre les points d’entrée',
      definitionEn: 'People intercepted by the RCMP after crossing the Canada–US border outside a port of entry, by province of interception.',
      definitionFr:
        'Personnes interceptées par la GRC après avoir franchi la frontière canado-américaine hors d’un point d’entrée, par province d’interception.',
      unit: 'people',
      source: 'RCMP / IRCC, asylum claimants processed by the RCMP',
      warningAt: 1500,
      surgeAt: 2500,
    });
    const reports: { code: string; period: string; value: number }[] = [];
    for (const year of [2017, 2018, 2019, 2020] as const) {
      QUEBEC[year].forEach((value, i) => reports.push({ code: 'QC', period: month(year, i), value }));
      for (const [code, totals] of Object.entries(YEARLY)) {
        spread(totals[year], [...SEASON[year]]).forEach((value, i) => reports.push({ code, period: month(year, i), value }));
      }
    }
    for (const [code, months] of Object.entries(RECENT)) for (const [period, value] of Object.entries(months)) reports.push({ code, period, value });
    reports.sort((a, b) => a.period.localeCompare(b.period));
    for (const r of reports) {
      await service.report(reporter(r.code), interceptions.id, demo.governmentId(r.code), r.period, { value: r.value });
    }

    const shelters = await service.create(demo.secretariat, {
      bodyId,
      code: 'shelter-claimants',
      nameEn: 'Asylum claimants in municipal shelters',
      nameFr: 'Demandeurs d’asile dans les refuges municipaux',
      definitionEn: 'Asylum claimants staying in the municipal shelter system at the end of the month.',
      definitionFr: 'Demandeurs d’asile hébergés dans le réseau municipal de refuges à la fin du mois.',
      unit: 'people',
      source: 'City of Toronto Shelter, Support and Housing Administration; Ville de Montréal / PRAIDA',
      warningAt: 4000,
      surgeAt: 5500,
    });
    const shelterReports = Object.entries(SHELTERS)
      .flatMap(([code, months]) => Object.entries(months).map(([period, value]) => ({ code, period, value })))
      .sort((a, b) => a.period.localeCompare(b.period));
    for (const r of shelterReports) {
      await service.report(reporter(r.code), shelters.id, demo.governmentId(r.code), r.period, { value: r.value });
    }
  });
}
