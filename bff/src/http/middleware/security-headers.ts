import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import type { AppState } from '../context';

export interface HeaderOptions {
  /** Origins allowed to frame the H5 page; empty = nobody. */
  frameAncestors: readonly string[];
  /** Extra img-src sources (report images from the hospital's PACS). */
  imgSrc: readonly string[];
  /** Hashes of the page's own inline scripts (Taro's font-size script), from index.html. */
  scriptHashes?: readonly string[];
}

/** CSP hash sources of every inline <script> of a page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (m[1]) hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * What the H5 build needs and nothing more: its own scripts and styles (Taro's runtime sets
 * inline style attributes, hence 'unsafe-inline' for styles only), images from us, data/blob
 * URLs and the configured report-image hosts, API calls to us. Leaving for the cashier is a
 * navigation, which CSP does not restrict.
 */
export function contentSecurityPolicy(opts: HeaderOptions): string {
  const ancestors = opts.frameAncestors.length > 0 ? opts.frameAncestors.join(' ') : "'none'";
  return [
    "default-src 'self'",
    `script-src 'self' ${(opts.scriptHashes ?? []).join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${opts.imgSrc.join(' ')}`.trim(),
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

/** Answers that carry personal or operator data, and callback answers: never cached anywhere. */
const NO_STORE = /^\/(api|admin|his|pay|metrics)(\/|$)/;

export function securityHeaders(opts: HeaderOptions): Middleware<AppState> {
  const csp = contentSecurityPolicy(opts);
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Content-Security-Policy', csp);
    // X-Frame-Options cannot list origins: it is sent only when nobody may frame us.
    if (opts.frameAncestors.length === 0) ctx.set('X-Frame-Options', 'DENY');
    if (NO_STORE.test(ctx.path)) ctx.set('Cache-Control', 'no-store');
    await next();
    // The page itself is revalidated on every load, so a deploy is seen at once (console pages stay no-store).
    if (ctx.status === 200 && ctx.type === 'text/html' && !NO_STORE.test(ctx.path)) ctx.set('Cache-Control', 'no-cache');
  };
}
