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

/**
 * fetch-like, over node:http(s) with the address checked at connect time: the resolver's answer is the one
 * connected to, so a name that re-resolves to a private address between the check and the call (DNS
 * rebinding) is refused too. No redirect is followed; the answer is buffered (at most `maxBytes`).
 */
export async function guardedFetch(
  raw: string,
  init: {
    method?: string;
    headers?: Record<string, string> | Headers | [string, string][];
    body?: string | Uint8Array | URLSearchParams | null;
    timeoutMs?: number;
    maxBytes?: number;
  },
  allowHttpHosts: string[],
): Promise<Response> {
  const url = await checkOutboundUrl(raw, allowHttpHosts);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowed = allowHttpHosts.includes(host) || allowHttpHosts.includes(url.host.toLowerCase());
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const { lookup: dnsLookup } = await import('node:dns');
  const headers: Record<string, string> = {};
  new Headers(init.headers as HeadersInit | undefined).forEach((value, key) => (headers[key] = value));
  const body = init.body instanceof URLSearchParams ? init.body.toString() : (init.body ?? undefined);
  if (body !== undefined && headers['content-length'] === undefined) headers['content-length'] = String(Buffer.byteLength(body as string | Uint8Array));
  const maxBytes = init.maxBytes ?? 1024 * 1024;
  return new Promise<Response>((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        headers,
        timeout: init.timeoutMs ?? 10_000,
        lookup: (hostname: string, options: object, callback: (...args: any[]) => void) =>
          dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
            if (error) return callback(error);
            const list = addresses as unknown as { address: string; family: number }[];
            if (!allowed && list.some((a) => !isPublicAddress(a.address))) return callback(new OutboundRefused('must resolve to a public address'));
            if ((options as { all?: boolean }).all) return callback(null, list);
            callback(null, list[0].address, list[0].family);
          }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) req.destroy(new Error('answer too large'));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(res.headers))
            if (value !== undefined) responseHeaders.set(key, Array.isArray(value) ? value.join(', ') : value);
          const status = res.statusCode ?? 502;
          const nullBody = status === 204 || status === 304 || (status >= 100 && status < 200);
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
