import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Section 17 signature: non-empty params sorted by name (ASCII, case-sensitive), `k=v&…`, then
 * `&key=SECRET`, MD5, uppercase hex. `sign` never signs itself; revisions V2.5.5 and V2.5.7 take
 * `realName` out (vendors differ in how they encode Chinese names, so the name is not signed).
 */

export type SignParams = Record<string, string | number | null | undefined>;

export const UNSIGNED_FIELDS: readonly string[] = ['sign', 'realName'];

export interface SignOptions {
  /** Names left out of the signature; defaults to UNSIGNED_FIELDS. */
  exclude?: readonly string[];
  /** The bytes that are hashed (default UTF-8); null when the text cannot be encoded so. */
  encode?: (text: string) => Buffer | null;
}

/** The exact string that is hashed (without the key) — handy when a vendor disputes a signature. */
export function hisSignBase(params: SignParams, opts: SignOptions = {}): string {
  const exclude = new Set(opts.exclude ?? UNSIGNED_FIELDS);
  return Object.keys(params)
    .filter((k) => !exclude.has(k))
    .map((k) => [k, params[k]] as const)
    .filter((kv): kv is readonly [string, string | number] => kv[1] !== null && kv[1] !== undefined && String(kv[1]) !== '')
    // ASCII order: compare code units, not locale.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');
}

export function hisSign(params: SignParams, key: string, opts: SignOptions = {}): string {
  const base = hisSignBase(params, opts);
  const text = base === '' ? `key=${key}` : `${base}&key=${key}`;
  const bytes = opts.encode ? opts.encode(text) : Buffer.from(text, 'utf8');
  // Text the encoding cannot carry cannot have been signed in it: a sign that never matches.
  if (bytes === null) return '';
  return createHash('md5').update(bytes).digest('hex').toUpperCase();
}

/** Constant-time comparison; a lowercase hex signature from the other side is accepted. */
export function verifyHisSign(params: SignParams, sign: string | null | undefined, key: string, opts: SignOptions = {}): boolean {
  if (typeof sign !== 'string' || sign.length === 0) return false;
  const signed = hisSign(params, key, opts);
  if (signed === '') return false;
  const expected = Buffer.from(signed, 'utf8');
  const given = Buffer.from(sign.trim().toUpperCase(), 'utf8');
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
