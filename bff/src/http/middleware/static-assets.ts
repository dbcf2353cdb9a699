import { createHash } from 'node:crypto';
import { stat, readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { Middleware } from 'koa';

/**
 * Serves the H5 build compressed (brotli, else gzip) and cached the way hashed builds allow:
 * files whose name carries a content hash (`js/app.706816b3.js`) are immutable for a year; the rest
 * (index.html) are revalidated every time with their ETag, so a new build is picked up at once.
 * Each file is compressed once (highest quality, off the main thread) and kept while it is unchanged.
 */
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.map', '.xml']);
/** Webpack's [hash:8] / [chunkhash:8] and longer, just before the extension. */
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i;
const YEAR = 'public, max-age=31536000, immutable';
const MIN_COMPRESS_BYTES = 1024;

interface Entry {
  mtimeMs: number;
  size: number;
  raw: Buffer;
  etag: string;
  br?: Buffer;
  gzip?: Buffer;
}

/** Picks the encoding the client accepts, brotli first; q=0 refuses. */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

export function staticAssets(root: string, opts: { index?: string } = {}): Middleware {
  const base = resolve(root);
  const index = opts.index ?? 'index.html';
  const cache = new Map<string, Promise<Entry | null>>();

  async function load(file: string): Promise<Entry | null> {
    const s = await stat(file).catch(() => null);
    if (!s || !s.isFile()) return null;
    const raw = await readFile(file);
    const entry: Entry = { mtimeMs: s.mtimeMs, size: s.size, raw, etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"` };
    if (COMPRESSIBLE.has(extname(file).toLowerCase()) && raw.length >= MIN_COMPRESS_BYTES) {
      [entry.br, entry.gzip] = await Promise.all([
        brotli(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        gz(raw, { level: 9 }),
      ]);
    }
    return entry;
  }

  async function entryFor(file: string): Promise<Entry | null> {
    const cached = cache.get(file);
    if (cached) {
      const entry = await cached;
      const s = await stat(file).catch(() => null);
      if (entry && s && s.mtimeMs === entry.mtimeMs && s.size === entry.size) return entry;
      if (!entry && !s) return null;
    }
    const fresh = load(file);
    cache.set(file, fresh);
    fresh.catch(() => cache.delete(file));
    return fresh;
  }

  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(ctx.path);
    } catch {
      return next();
    }
    if (path.includes('\0')) return next();
    if (path.endsWith('/')) path += index;
    const file = resolve(base, `.${path}`);
    if (file !== base && !file.startsWith(base + sep)) return next();
    const entry = await entryFor(file);
    if (!entry) return next();

    ctx.type = extname(file);
    ctx.set('Cache-Control', HASHED.test(file) ? YEAR : 'no-cache');
    ctx.set('ETag', entry.etag);
    ctx.vary('Accept-Encoding');
    if (ctx.get('If-None-Match') === entry.etag) {
      ctx.status = 304;
      return;
    }
    const encoding = entry.br ? pickEncoding(ctx.get('Accept-Encoding')) : null;
    const body = encoding === 'br' ? entry.br! : encoding === 'gzip' ? entry.gzip! : entry.raw;
    if (encoding) ctx.set('Content-Encoding', encoding);
    ctx.status = 200;
    ctx.length = body.length;
    ctx.body = body; // Koa sends headers only for HEAD
  };
}
