import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, type ForumConfig } from '@forum/core';

export const SESSION_COOKIE = 'forum_session';
export const DEVICE_COOKIE = 'forum_device';
/** the cookies go only to the auth routes: no other request carries them */
export const AUTH_COOKIE_PATH = '/api/v1/auth';
const DEVICE_COOKIE_SECONDS = 365 * 24 * 3600;

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Secure whenever the public address is HTTPS, and always in production (a TLS-terminating proxy in front). */
export const secureCookies = (config: ForumConfig): boolean => config.env === 'production' || config.publicBaseUrl.startsWith('https:');

function cookie(config: ForumConfig, name: string, value: string, maxAgeSeconds: number): string {
  // SameSite=Lax, not Strict: the single sign-on callback arrives as a top-level redirect from another site.
  const attributes = [`${name}=${encodeURIComponent(value)}`, `Path=${AUTH_COOKIE_PATH}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (secureCookies(config)) attributes.push('Secure');
  return attributes.join('; ');
}

export function setSessionCookie(reply: FastifyReply, config: ForumConfig, refreshToken: string): void {
  void reply.header('set-cookie', cookie(config, SESSION_COOKIE, refreshToken, config.sessionTtlSeconds));
}

export function clearSessionCookie(reply: FastifyReply, config: ForumConfig): void {
  void reply.header('set-cookie', cookie(config, SESSION_COOKIE, '', 0));
}

/**
 * OWASP's device cookie: a browser that signed in to an account before carries a signed proof of it, and
 * failures from elsewhere (someone guessing that account's password) never lock it out.
 */
const deviceSignature = (secret: string, email: string, nonce: string) =>
  createHmac('sha256', `forum-device:${secret}`).update(`${email}\n${nonce}`).digest('base64url');

export function setDeviceCookie(reply: FastifyReply, config: ForumConfig, email: string): void {
  const nonce = randomBytes(12).toString('base64url');
  const value = `${Buffer.from(email).toString('base64url')}.${nonce}.${deviceSignature(config.jwtSecret, email, nonce)}`;
  void reply.header('set-cookie', cookie(config, DEVICE_COOKIE, value, DEVICE_COOKIE_SECONDS));
}

/** The device id (its nonce) when the request carries a valid device cookie for this email, else null. */
export function deviceOf(request: FastifyRequest, config: ForumConfig, email: string): string | null {
  const value = readCookie(request.headers.cookie, DEVICE_COOKIE);
  const [encodedEmail, nonce, signature] = (value ?? '').split('.');
  if (!encodedEmail || !nonce || !signature) return null;
  if (Buffer.from(encodedEmail, 'base64url').toString() !== email) return null;
  const expected = Buffer.from(deviceSignature(config.jwtSecret, email, nonce));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? nonce : null;
}

/**
 * Refresh and logout act on the cookie alone, so a page of another site must not be able to call them
 * (CSRF): a browser's Origin (or Sec-Fetch-Site) must be this site's. Clients that are not browsers send neither.
 */
export function requireSameOrigin(request: FastifyRequest, config: ForumConfig): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') throw forbidden('Only this site may use the session cookie');
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const allowed = new Set([new URL(config.publicBaseUrl).origin]);
  if (request.headers.host) allowed.add(`${request.protocol}://${request.headers.host}`);
  if (!allowed.has(origin)) throw forbidden('Only this site may use the session cookie');
}
