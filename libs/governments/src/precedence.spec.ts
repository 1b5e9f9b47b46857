import { byPrecedence, precedenceOf } from './precedence';

describe('order of precedence', () => {
  it('puts the federal government first, then provinces by entry into Confederation, then territories, then cities and FCM', () => {
    const governments = [
      { code: 'FCM', level: 'association' as const },
      { code: 'NU', level: 'territorial' as const },
      { code: 'NL', level: 'provincial' as const },
      { code: 'TOR', level: 'municipal' as const },
      { code: 'BC', level: 'provincial' as const },
      { code: 'QC', level: 'provincial' as const },
      { code: 'ON', level: 'provincial' as const },
      { code: 'CA', level: 'federal' as const },
      { code: 'YT', level: 'territorial' as const },
      { code: 'MB', level: 'provincial' as const },
    ].map((g) => ({ ...g, nameEn: g.code, precedence: precedenceOf(g.code, g.level) }));
    expect(governments.sort(byPrecedence).map((g) => g.code)).toEqual(['CA', 'ON', 'QC', 'MB', 'BC', 'NL', 'YT', 'NU', 'TOR', 'FCM']);
  });
});
