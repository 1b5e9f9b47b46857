import { bilingual } from '../bilingual/bilingual-text';
import {
  capitalize,
  contentFor,
  formatClock,
  formatDateTime,
  formatDay,
  frenchNameWithArticle,
  frenchTypography,
  NBSP,
  NNBSP,
  renderTimes,
  timeToken,
  zoneAbbreviation,
  zoneOf,
} from './format';

const at = (iso: string) => new Date(iso);

describe('French typography', () => {
  it('puts a no-break space before the colon and a narrow one before ; ? !', () => {
    expect(frenchTypography('Invitation: réunion')).toBe(`Invitation${NBSP}: réunion`);
    expect(frenchTypography('Invitation : réunion')).toBe(`Invitation${NBSP}: réunion`);
    expect(frenchTypography('Vraiment? Oui! Bien; ensuite')).toBe(`Vraiment${NNBSP}? Oui${NNBSP}! Bien${NNBSP}; ensuite`);
    expect(frenchTypography('Fin?')).toBe(`Fin${NNBSP}?`);
  });

  it('turns straight quotes into « » with no-break spaces inside, and spaces existing guillemets', () => {
    expect(frenchTypography('la mesure "Logement provisoire" est due')).toBe(`la mesure «${NBSP}Logement provisoire${NBSP}» est due`);
    expect(frenchTypography('la mesure « Logement »')).toBe(`la mesure «${NBSP}Logement${NBSP}»`);
    expect(frenchTypography('«Logement»')).toBe(`«${NBSP}Logement${NBSP}»`);
  });

  it('leaves times, URLs and ratios alone', () => {
    expect(frenchTypography('à 12:30, voir https://forum.example/meetings/1 (ratio 2:1)')).toBe('à 12:30, voir https://forum.example/meetings/1 (ratio 2:1)');
  });

  it('is idempotent', () => {
    const once = frenchTypography('Ordre du jour publié: "Réunion"? Oui!');
    expect(frenchTypography(once)).toBe(once);
  });

  it('writes hours the French way: « 13 h 30 », « 9 h »', () => {
    expect(formatClock(at('2026-06-01T17:30:00Z'), 'America/Toronto', 'fr')).toBe(`13${NBSP}h${NBSP}30`);
    expect(formatClock(at('2026-06-01T13:00:00Z'), 'America/Toronto', 'fr')).toBe(`9${NBSP}h`);
    expect(formatClock(at('2026-06-01T17:30:00Z'), 'America/Toronto', 'en')).toBe(`1:30${NBSP}p.m.`);
    expect(formatClock(at('2026-06-01T04:05:00Z'), 'America/Toronto', 'en')).toBe(`12:05${NBSP}a.m.`);
  });
});

describe('times in the reader zone', () => {
  // 2026: daylight time begins on Sunday 8 March
  const before = at('2026-03-06T17:30:00Z');
  const after = at('2026-03-10T17:30:00Z');

  it('gives Newfoundland its half hour, Saskatchewan no daylight saving, BC its PST/PDT', () => {
    expect(formatDateTime(before, 'America/St_Johns', 'en')).toBe(`Friday, March 6, 2026 at 2:00${NBSP}p.m.${NBSP}NST`);
    expect(formatDateTime(after, 'America/St_Johns', 'en')).toBe(`Tuesday, March 10, 2026 at 3:00${NBSP}p.m.${NBSP}NDT`);
    expect(formatDateTime(before, 'America/Regina', 'en')).toBe(`Friday, March 6, 2026 at 11:30${NBSP}a.m.${NBSP}CST`);
    expect(formatDateTime(after, 'America/Regina', 'en')).toBe(`Tuesday, March 10, 2026 at 11:30${NBSP}a.m.${NBSP}CST`);
    expect(formatDateTime(before, 'America/Vancouver', 'en')).toBe(`Friday, March 6, 2026 at 9:30${NBSP}a.m.${NBSP}PST`);
    expect(formatDateTime(after, 'America/Vancouver', 'en')).toBe(`Tuesday, March 10, 2026 at 10:30${NBSP}a.m.${NBSP}PDT`);
  });

  it('in French with the Canadian French abbreviations', () => {
    expect(formatDateTime(before, 'America/St_Johns', 'fr')).toBe(`vendredi 6 mars 2026 à 14${NBSP}h${NBSP}HNT`);
    expect(formatDateTime(after, 'America/St_Johns', 'fr')).toBe(`mardi 10 mars 2026 à 15${NBSP}h${NBSP}HAT`);
    expect(formatDateTime(after, 'America/Regina', 'fr')).toBe(`mardi 10 mars 2026 à 11${NBSP}h${NBSP}30${NBSP}HNC`);
    expect(formatDateTime(after, 'America/Vancouver', 'fr')).toBe(`mardi 10 mars 2026 à 10${NBSP}h${NBSP}30${NBSP}HAP`);
    expect(zoneAbbreviation(before, 'America/Vancouver', 'fr')).toBe('HNP');
  });

  it('renders the time tokens of a text per reader, and picks the reader zone', () => {
    expect(renderTimes(`le ${timeToken(after)}.`, 'en', 'America/Regina')).toBe(`le Tuesday, March 10, 2026 at 11:30${NBSP}a.m.${NBSP}CST.`);
    expect(zoneOf(null, 'America/Regina')).toBe('America/Regina');
    expect(zoneOf('America/Vancouver', 'America/Regina')).toBe('America/Vancouver');
    expect(zoneOf('Not/AZone', null)).toBe('America/Toronto');
    expect(formatDay('2018-09-30', 'fr')).toBe('30 septembre 2018');
    expect(formatDay('2018-09-30', 'en')).toBe('September 30, 2018');
  });
});

describe('content in the reader language', () => {
  it('gives the reader their language, else the other one marked', () => {
    expect(contentFor(bilingual('Housing', 'Logement'), 'fr')).toBe('Logement');
    expect(contentFor(bilingual('Housing', null), 'fr')).toBe('Housing (en anglais seulement)');
    expect(contentFor(bilingual(null, 'Logement'), 'en')).toBe('Logement (French only)');
    expect(contentFor(bilingual(null, null), 'en', '—')).toBe('—');
  });

  it('names governments with their French article', () => {
    const cases: [string, string][] = [
      ['Gouvernement du Québec', 'le gouvernement du Québec'],
      ["Gouvernement de l'Ontario", "le gouvernement de l'Ontario"],
      ['Gouvernement de la Colombie-Britannique', 'le gouvernement de la Colombie-Britannique'],
      ['Gouvernement des Territoires du Nord-Ouest', 'le gouvernement des Territoires du Nord-Ouest'],
      ['Ville de Montréal', 'la Ville de Montréal'],
      ['Municipalité de Chatham-Kent', 'la Municipalité de Chatham-Kent'],
      ['Fédération canadienne des municipalités', 'la Fédération canadienne des municipalités'],
    ];
    for (const [nameFr, expected] of cases) expect(frenchNameWithArticle({ nameFr })).toBe(expected);
    expect(frenchNameWithArticle({ nameFr: 'x', nameFrWithArticle: 'le Canada' })).toBe('le Canada');
    expect(capitalize('le gouvernement du Québec')).toBe('Le gouvernement du Québec');
  });
});
