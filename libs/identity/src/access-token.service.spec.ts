import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { Caller } from '@forum/core';
import { AccessTokenService } from './access-token.service';
import type { SessionCache } from './session/session-cache';

const SESSION = '5b0f6c2e-3f5d-4d6a-9a49-2f1d8c7e0a11';
const USER = '0c7f1e52-8b7e-4d1b-a0a4-6a2a7a3f9e10';
const caller: Caller & { sessionId: string } = { userId: USER, email: 'a@b.c', role: 'official', governmentId: null, locale: 'en', sessionId: SESSION };

/** The verified-token cache saves the signature check only: the session is looked up on every call. */
describe('AccessTokenService', () => {
  const secret = createSecretKey(Buffer.from('a secret of the test, long enough for HS256', 'utf8'));
  const jwt = new JwtService({
    secret,
    signOptions: { algorithm: 'HS256', expiresIn: 60 },
    verifyOptions: { algorithms: ['HS256'], clockTolerance: 30 },
  });
  let live: boolean;
  let lookups: number;
  let tokens: AccessTokenService;
  let signatureChecks: jest.SpyInstance;

  beforeEach(() => {
    live = true;
    lookups = 0;
    const sessions = {
      lookup: async () => {
        lookups++;
        return live ? caller : null;
      },
    } as unknown as SessionCache;
    tokens = new AccessTokenService(jwt, sessions);
    signatureChecks = jest.spyOn(jwt, 'verify');
  });
  afterEach(() => {
    signatureChecks.mockRestore();
    jest.useRealTimers();
  });

  it('checks a token’s signature once, and its session on every call: a revoked session stops a cached token at once', async () => {
    const token = tokens.issue(caller);
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: USER, sessionId: SESSION });
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: USER });
    expect(tokens.peekSubject(token)).toBe(USER);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    expect(lookups).toBe(2);
    live = false;
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(lookups).toBe(3);
  });

  it('knows a token by its whole text: the same claims under another signature are refused', async () => {
    const token = tokens.issue(caller);
    await tokens.verify(token);
    const [header, payload] = token.split('.');
    await expect(tokens.verify(`${header}.${payload}.${'A'.repeat(43)}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(tokens.peekSubject(`${header}.${payload}.`)).toBeNull();
  });

  it('keeps a token only until its exp; after that the signature check decides again, clock tolerance included', async () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const token = tokens.issue(caller);
    await tokens.verify(token);
    jest.setSystemTime(new Date('2030-01-01T00:01:10Z')); // 10 s past exp, within the 30 s tolerance
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: USER });
    expect(signatureChecks).toHaveBeenCalledTimes(2);
    jest.setSystemTime(new Date('2030-01-01T00:01:31Z'));
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(tokens.peekSubject(token)).toBeNull();
  });

  it('refuses a well-signed token without exp, cached or not', async () => {
    const forever = new JwtService({ secret, signOptions: { algorithm: 'HS256' } }).sign({ sub: USER, sid: SESSION });
    await expect(tokens.verify(forever)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(tokens.verify(forever)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('forgets the least recently used token past its bound', async () => {
    const used = tokens.issue(caller);
    const unused = tokens.issue({ ...caller, email: 'unused@b.c' });
    await tokens.verify(used);
    tokens.peekSubject(unused);
    for (let i = 0; i < 9_998; i++) tokens.peekSubject(tokens.issue({ ...caller, email: `${i}@b.c` }));
    await tokens.verify(used); // now the most recent of the 10,000 kept
    tokens.peekSubject(tokens.issue({ ...caller, email: 'one more@b.c' }));
    signatureChecks.mockClear();
    await tokens.verify(used);
    expect(signatureChecks).not.toHaveBeenCalled();
    tokens.peekSubject(unused);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
  });
});
