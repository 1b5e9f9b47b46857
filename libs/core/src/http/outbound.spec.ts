import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from '../crypto/secret-box';
import { checkOutboundUrl, isPublicAddress } from './outbound';

describe('outbound calls (SSRF rules)', () => {
  it('accepts public unicast addresses only', () => {
    for (const a of ['8.8.8.8', '2606:4700::1111']) expect([a, isPublicAddress(a)]).toEqual([a, true]);
    for (const a of [
      '10.0.0.1',
      '172.16.0.1',
      '192.168.1.1',
      '127.0.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '224.0.0.1',
      'nonsense',
    ]) {
      expect([a, isPublicAddress(a)]).toEqual([a, false]);
    }
  });

  it('wants https to a public address, except for listed hosts', async () => {
    await expect(checkOutboundUrl('http://8.8.8.8/x', [])).rejects.toThrow(/https/);
    await expect(checkOutboundUrl('https://10.1.2.3/x', [])).rejects.toThrow(/public/);
    await expect(checkOutboundUrl('https://[::ffff:7f00:1]/x', [])).rejects.toThrow(/public/);
    await expect(checkOutboundUrl('https://user:pw@8.8.8.8/x', [])).rejects.toThrow(/credentials/);
    await expect(checkOutboundUrl('ftp://8.8.8.8/x', ['8.8.8.8'])).rejects.toThrow();
    await expect(checkOutboundUrl('https://8.8.8.8/x', [])).resolves.toBeInstanceOf(URL);
    await expect(checkOutboundUrl('http://127.0.0.1:9999/x', ['127.0.0.1'])).resolves.toBeInstanceOf(URL);
  });
});

describe('secrets at rest', () => {
  it('opens what it sealed, and refuses a tampered value or another key', () => {
    const key = randomBytes(32);
    const sealed = sealSecret(key, 'client-secret');
    expect(sealed).not.toContain('client-secret');
    expect(openSecret(key, sealed)).toBe('client-secret');
    const [v, iv, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => openSecret(key, [v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => openSecret(randomBytes(32), sealed)).toThrow();
  });
});
