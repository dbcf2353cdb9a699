import { isIP } from 'node:net';
import type { Middleware } from 'koa';
import type { AppState } from '../context';

export interface ProxyTrust {
  /** Proxies that append to X-Forwarded-For in front of us (0 = none). */
  hops: number;
  /** Or the proxies' own addresses. */
  proxies: readonly string[];
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one address; so are bracketed and bare IPv6. */
export function normalizeAddress(raw: string): string {
  let a = raw.trim();
  if (a.startsWith('[') && a.includes(']')) a = a.slice(1, a.indexOf(']'));
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  if (a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4) a = a.slice(7);
  return a.toLowerCase();
}

/**
 * The caller's address. Every proxy appends the address it received from, so only the rightmost
 * entries were written by proxies we run; anything further left came from the client and is
 * ignored. Without configured proxies the header is ignored altogether.
 */
export function clientAddress(socketAddress: string, forwardedFor: string | undefined, trust: ProxyTrust): string {
  const peer = normalizeAddress(socketAddress);
  if (!forwardedFor || (trust.hops === 0 && trust.proxies.length === 0)) return peer;
  const chain = [...forwardedFor.split(',').map(normalizeAddress).filter((a) => a !== ''), peer];
  if (trust.proxies.length > 0) {
    const proxies = new Set(trust.proxies.map(normalizeAddress));
    if (!proxies.has(peer)) return peer; // not sent through our proxy: the header is the client's own
    for (let i = chain.length - 1; i >= 0; i -= 1) if (!proxies.has(chain[i]!)) return valid(chain[i]!, peer);
    return chain[0]!;
  }
  // hops proxies wrote the last `hops` entries of the chain (the peer is the last of them).
  const index = chain.length - 1 - trust.hops;
  return index >= 0 ? valid(chain[index]!, peer) : chain[0]!;
}

/** A proxy writes addresses; anything else in that place means a misconfigured chain. */
function valid(candidate: string, fallback: string): string {
  return isIP(candidate) ? candidate : fallback;
}

/** Sets ctx.ip once per request, for the allowlist, rate limits and logs. */
export function clientAddressMiddleware(trust: ProxyTrust): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.request.ip = clientAddress(ctx.req.socket.remoteAddress ?? '', ctx.get('x-forwarded-for') || undefined, trust);
    await next();
  };
}
