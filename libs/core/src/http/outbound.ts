import { lookup } from 'node:dns/promises';
import * as ipaddr from 'ipaddr.js';

/** Why an outbound URL was refused (SSRF rules), or null when it may be called. */
export class OutboundRefused extends Error {}

/** Only `unicast` public addresses: no private, loopback, link-local, CGNAT, multicast, reserved or unspecified ranges. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/**
 * Checks a URL the server is about to call (webhooks, identity providers): HTTPS to a host whose every resolved
 * address is public, unless the host is listed in FORUM_ALLOW_HTTP_HOSTS. Called at registration and again at each
 * call (the DNS answer may have changed). Answers the address to connect to.
 */
export async function checkOutboundUrl(raw: string, allowHttpHosts: string[]): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused('is not a valid URL');
  }
  if (url.username || url.password) throw new OutboundRefused('must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowed = allowHttpHosts.includes(host) || allowHttpHosts.includes(url.host.toLowerCase());
  if (allowed) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRefused('must be an http(s) URL');
    return url;
  }
  if (url.protocol !== 'https:') throw new OutboundRefused('must use https');
  let addresses: string[];
  if (ipaddr.isValid(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new OutboundRefused(`names a host that does not resolve (${host})`);
    }
  }
  if (!addresses.length || addresses.some((a) => !isPublicAddress(a))) throw new OutboundRefused('must resolve to a public address');
  return url;
}

/** fetch to a checked URL, never following a redirect, with a time limit. */
export async function outboundFetch(url: string, init: RequestInit & { timeoutMs?: number }, allowHttpHosts: string[]): Promise<Response> {
  await checkOutboundUrl(url, allowHttpHosts);
  const { timeoutMs = 10_000, ...rest } = init;
  return fetch(url, { ...rest, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
}
