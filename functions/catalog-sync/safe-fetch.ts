import { lookup } from 'node:dns/promises';
import { request } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { ShopGuideError } from '../errors/errors';

/**
 * Fetches a store's catalog feed without letting a feed URL reach inside our network (SSRF): HTTPS only;
 * every address the host resolves to must be public; the connection goes to the address that was checked
 * (no second lookup a rebinding DNS server could answer differently); no redirects; a size cap and a timeout.
 */

export class FeedFetchError extends ShopGuideError {
  override name = 'FeedFetchError';
  override readonly status = 400;
}

export interface FeedFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  /**
   * Tests only: also allow loopback addresses, trusting this CA. It is never read from configuration or
   * store settings; only code that constructs the options (a test) can set it.
   */
  testOnlyLoopback?: { ca: string };
  /** Name resolution; the system resolver unless a test injects one. */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
}

export interface FetchedFeed {
  body: Buffer;
  contentType: string;
}

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, including the instance metadata service
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 can reach private IPv4
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** False for private, loopback, link-local and other non-public addresses. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // IPv4-mapped IPv6 (::ffff:10.0.0.1, or ::ffff:a00:1 as URLs normalise it) is the IPv4 address in disguise.
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (dotted) return isPublicAddress(dotted);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return isPublicAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Checks the URL as given (before any lookup): HTTPS, no credentials, not an IP literal of a private range. */
export function checkFeedUrl(raw: string, options: Pick<FeedFetchOptions, 'testOnlyLoopback'> = {}): URL {
  if (!URL.canParse(raw)) throw new FeedFetchError('The feed URL is not a valid URL');
  const url = new URL(raw);
  if (url.protocol !== 'https:') throw new FeedFetchError('The feed URL must use https');
  if (url.username || url.password) throw new FeedFetchError('The feed URL must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !allowed(host, options)) {
    throw new FeedFetchError('The feed URL points to a private, loopback or link-local address');
  }
  return url;
}

function allowed(address: string, options: Pick<FeedFetchOptions, 'testOnlyLoopback'>): boolean {
  if (isPublicAddress(address)) return true;
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  return !!options.testOnlyLoopback && loopback.check(address, family);
}

/** Resolves, checks every address, and returns the one to connect to. */
async function resolvePublic(
  hostname: string,
  options: FeedFetchOptions,
): Promise<{ address: string; family: number }> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await (options.resolve ?? ((h: string) => lookup(h, { all: true, verbatim: true })))(host).catch(() => {
        throw new FeedFetchError(`Cannot resolve the feed host ${host}`);
      });
  if (addresses.length === 0) throw new FeedFetchError(`Cannot resolve the feed host ${host}`);
  // All of them: a host with one public and one private address could be steered to the private one.
  if (!addresses.every((a) => allowed(a.address, options))) {
    throw new FeedFetchError(`The feed host ${host} resolves to a private, loopback or link-local address`);
  }
  return addresses[0];
}

export async function fetchFeed(rawUrl: string, options: FeedFetchOptions): Promise<FetchedFeed> {
  const url = checkFeedUrl(rawUrl, options);
  const target = await resolvePublic(url.hostname, options);
  // The connection uses the checked address; the hostname still drives SNI and certificate checks.
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) callback(null, [target]);
    else callback(null, target.address, target.family);
  };
  return new Promise<FetchedFeed>((resolve, reject) => {
    const fail = (message: string) => {
      req.destroy();
      reject(new FeedFetchError(message));
    };
    const timer = setTimeout(
      () => fail(`The feed did not answer within ${options.timeoutMs} ms`),
      options.timeoutMs,
    );
    const req = request(
      url,
      {
        method: 'GET',
        lookup: pinned,
        ca: options.testOnlyLoopback?.ca,
        headers: { accept: 'application/json, text/csv;q=0.9, */*;q=0.1', 'user-agent': 'ShopGuide-feed/1' },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          res.resume();
          clearTimeout(timer);
          // Redirects are not followed: a redirect could lead anywhere, including inside the network.
          return fail(
            status >= 300 && status < 400
              ? 'The feed URL redirects; give the final URL'
              : `The feed answered HTTP ${status}`,
          );
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          clearTimeout(timer);
          return fail(`The feed is larger than ${options.maxBytes} bytes`);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            clearTimeout(timer);
            fail(`The feed is larger than ${options.maxBytes} bytes`);
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ body: Buffer.concat(chunks), contentType: String(res.headers['content-type'] ?? '') });
        });
        res.on('error', (error) => {
          clearTimeout(timer);
          reject(new FeedFetchError(`The feed download failed: ${error.message}`));
        });
      },
    );
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(new FeedFetchError(`The feed download failed: ${error.message}`));
    });
    req.end();
  });
}
