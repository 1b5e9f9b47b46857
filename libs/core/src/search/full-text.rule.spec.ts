import { parseSearch, snippetHtml } from './full-text.rule';

describe('search query', () => {
  it('matches the word being typed as a prefix, the rest as words that must all appear', () => {
    expect(parseSearch('per claim')).toEqual({ head: 'per', prefix: 'claim' });
    expect(parseSearch('housing')).toEqual({ head: '', prefix: 'housing' });
    expect(parseSearch('housing ')).toEqual({ head: 'housing', prefix: null });
  });

  it('leaves quotes and exclusions to websearch syntax', () => {
    expect(parseSearch('"interim housing"')).toEqual({ head: '"interim housing"', prefix: null });
    expect(parseSearch('housing -toronto')).toEqual({ head: 'housing -toronto', prefix: null });
    expect(parseSearch('"interim hous')).toEqual({ head: '"interim hous', prefix: null });
    expect(parseSearch('   ')).toEqual({ head: '', prefix: null });
  });

  it('keeps only letters and digits in the prefix, whatever is typed', () => {
    expect(parseSearch('aujourd’hui')).toEqual({ head: 'aujourd', prefix: 'hui' });
    expect(parseSearch("capacité d'accueil")).toEqual({ head: 'capacité d', prefix: 'accueil' });
  });

  it('escapes everything in a snippet but the marks around the hits', () => {
    expect(snippetHtml('&lt;script&gt;alert(1) ⟦housing⟧ &amp; <b>')).toBe('&lt;script&gt;alert(1) <mark>housing</mark> &amp; &lt;b&gt;');
    expect(snippetHtml(null)).toBe('');
  });
});
