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
    expect(notes.fr).toEqual(['Gouvernement du Québec a participé à titre d’observateur et n’est pas partie au présent communiqué.']);
  });

  it('lists several observers in the order of precedence, whatever order they come in', () => {
    const notes = communiqueFootnotes({ observers: [toronto, quebec], reservations: [] });
    expect(notes.en[0]).toBe('Government of Quebec and City of Toronto took part as observers and are not party to this communiqué.');
    expect(notes.fr[0]).toMatch(/^Gouvernement du Québec et Ville de Toronto ont participé/);
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
    expect(notes.fr[3]).toBe('Ville de Toronto y souscrit avec réserve : Shelter costs must be shared.');
  });
});
