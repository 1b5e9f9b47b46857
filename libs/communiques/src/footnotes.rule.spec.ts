import { communiqueFootnotes } from './footnotes.rule';

const canada = { nameEn: 'Government of Canada', nameFr: 'Gouvernement du Canada', precedence: 0 };
const ontario = { nameEn: 'Government of Ontario', nameFr: "Gouvernement de l'Ontario", precedence: 10 };
const quebec = { nameEn: 'Government of Quebec', nameFr: 'Gouvernement du Québec', precedence: 20 };
const toronto = { nameEn: 'City of Toronto', nameFr: 'Ville de Toronto', precedence: 1000 };

describe('communiqueFootnotes', () => {
  it('says nothing when every member concurred without reservation', () => {
    expect(communiqueFootnotes({ observers: [], reservations: [] })).toEqual({ en: [], fr: [] });
  });

  it('names a single observer as not party, in both languages', () => {
    const notes = communiqueFootnotes({ observers: [quebec], reservations: [] });
    expect(notes.en).toEqual(['Government of Quebec took part as an observer and is not party to this communiqué.']);
    expect(notes.fr).toEqual(['Le gouvernement du Québec a participé à titre d’observateur et n’est pas partie au présent communiqué.']);
  });

  it('lists several observers in the order of precedence, whatever order they come in', () => {
    const notes = communiqueFootnotes({ observers: [toronto, quebec], reservations: [] });
    expect(notes.en[0]).toBe('Government of Quebec and City of Toronto took part as observers and are not party to this communiqué.');
    expect(notes.fr[0]).toMatch(/^Le gouvernement du Québec et la Ville de Toronto ont participé à titre d’observateurs/);
  });

  it('adds one note per reservation, by precedence, after the observers', () => {
    const notes = communiqueFootnotes({
      observers: [quebec],
      reservations: [
        { ...toronto, comment: 'Shelter costs must be shared.' },
        { ...ontario, comment: null },
        { ...canada, comment: '  ' },
      ],
    });
    expect(notes.en).toEqual([
      'Government of Quebec took part as an observer and is not party to this communiqué.',
      'Government of Canada concurs with a reservation.',
      'Government of Ontario concurs with a reservation.',
      'City of Toronto concurs with a reservation: Shelter costs must be shared.',
    ]);
    expect(notes.fr[3]).toBe('La Ville de Toronto y souscrit avec réserve\u00a0: Shelter costs must be shared. (en anglais seulement)');
  });

  it('gives the French comment of a reservation in the French footnote, and marks a comment in one language only', () => {
    const bc = { nameEn: 'Government of British Columbia', nameFr: 'Gouvernement de la Colombie-Britannique', precedence: 60 };
    const both = communiqueFootnotes({
      observers: [],
      reservations: [
        {
          ...bc,
          comment: {
            en: 'British Columbia reserves its position on cost sharing.',
            fr: 'La Colombie-Britannique réserve sa position sur le partage des coûts.',
          },
        },
      ],
    });
    expect(both.en).toEqual(['Government of British Columbia concurs with a reservation: British Columbia reserves its position on cost sharing.']);
    expect(both.fr).toEqual([
      'Le gouvernement de la Colombie-Britannique y souscrit avec réserve\u00a0: La Colombie-Britannique réserve sa position sur le partage des coûts.',
    ]);
    const frenchOnly = communiqueFootnotes({
      observers: [],
      reservations: [{ ...quebec, comment: { en: null, fr: 'Sous réserve des compétences du Québec.' } }],
    });
    expect(frenchOnly.en[0]).toBe('Government of Quebec concurs with a reservation: Sous réserve des compétences du Québec. (French only)');
    expect(frenchOnly.fr[0]).toBe('Le gouvernement du Québec y souscrit avec réserve\u00a0: Sous réserve des compétences du Québec.');
  });

  it('uses the stored French name with its article when there is one', () => {
    const fcm = {
      nameEn: 'Federation of Canadian Municipalities',
      nameFr: 'Fédération canadienne des municipalités',
      nameFrWithArticle: 'la Fédération canadienne des municipalités',
      precedence: 2000,
    };
    expect(communiqueFootnotes({ observers: [fcm], reservations: [] }).fr[0]).toMatch(/^La Fédération canadienne des municipalités a participé/);
  });
});
