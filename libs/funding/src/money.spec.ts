import { formatCents } from './money';

describe('money in notifications', () => {
  it('writes cents exactly, in each language', () => {
    expect(formatCents(3_600_000_000, 'en')).toBe('$36,000,000.00');
    expect(formatCents(3_600_000_000, 'fr')).toBe('36\u00a0000\u00a0000,00\u00a0$');
    expect(formatCents(5, 'en')).toBe('$0.05');
    expect(formatCents(999_999_999_999_999, 'en')).toBe('$9,999,999,999,999.99');
    expect(formatCents(-150, 'fr')).toBe('-1,50\u00a0$');
  });
});
