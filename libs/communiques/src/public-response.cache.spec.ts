import { negotiateEncoding } from './public-response.cache';

describe('negotiateEncoding', () => {
  it('prefers br, then gzip, and always ends with identity', () => {
    expect(negotiateEncoding('gzip, deflate, br')).toEqual(['br', 'gzip', 'identity']);
    expect(negotiateEncoding('gzip')).toEqual(['gzip', 'identity']);
    expect(negotiateEncoding('br')).toEqual(['br', 'identity']);
    expect(negotiateEncoding(undefined)).toEqual(['identity']);
    expect(negotiateEncoding('')).toEqual(['identity']);
    expect(negotiateEncoding('deflate')).toEqual(['identity']);
  });

  it('honours q-values: q=0 refuses a coding, a higher q comes first, * stands for the others', () => {
    expect(negotiateEncoding('br;q=0, gzip')).toEqual(['gzip', 'identity']);
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.8')).toEqual(['gzip', 'br', 'identity']);
    expect(negotiateEncoding('*')).toEqual(['br', 'gzip', 'identity']);
    expect(negotiateEncoding('gzip;q=0, *')).toEqual(['br', 'identity']);
    expect(negotiateEncoding('identity')).toEqual(['identity']);
    expect(negotiateEncoding(['gzip', 'BR'])).toEqual(['br', 'gzip', 'identity']);
    expect(negotiateEncoding('br;q=nonsense, gzip')).toEqual(['gzip', 'identity']);
  });
});
