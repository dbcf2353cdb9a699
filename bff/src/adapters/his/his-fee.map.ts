import { MAX_FEN } from '@hosp/shared';
import { z } from 'zod';

/**
 * Field rules for fee lines (sections 8.2 and 9.2): unit prices and counts are decimals HIS writes
 * its own way (`250.00`, `0.0350`, `0.5`, `-1` for a returned item), so they are read exactly as
 * decimals (BigInt, never floating point) and turned into fen only where that is exact.
 */

/** value = units / 10^scale */
export interface Decimal {
  units: bigint;
  scale: number;
  text: string;
}

const DECIMAL = /^(-)?(\d{1,12})(?:\.(\d{1,6}))?$/;

export function parseDecimal(raw: string, signed: boolean): Decimal | null {
  const text = raw.trim();
  const m = DECIMAL.exec(text);
  if (!m || (m[1] && !signed)) return null;
  const frac = m[3] ?? '';
  const units = BigInt(`${m[2]}${frac}`) * (m[1] ? -1n : 1n);
  return { units, scale: frac.length, text };
}

const MAX = BigInt(MAX_FEN);
const inFenRange = (fen: bigint) => fen <= MAX && fen >= -MAX;
// 10^scale for every scale a product of two parsed decimals can have (6 + 6 digits).
const POW10 = Array.from({ length: 13 }, (_, i) => 10n ** BigInt(i));

/** units × 100 / 10^scale when that is a whole number of fen, else null. */
function exactFen(units: bigint, scale: number): number | null {
  const scaled = units * 100n;
  const div = POW10[scale] ?? 10n ** BigInt(scale);
  if (scaled % div !== 0n) return null;
  const fen = scaled / div;
  return inFenRange(fen) ? Number(fen) : null;
}

/** A yuan decimal in fen, when exact (`1.5000` → 150; `0.035` → null). */
export const decimalFen = (d: Decimal): number | null => exactFen(d.units, d.scale);

/** price × count in fen, when exact. */
export const productFen = (price: Decimal, count: Decimal): number | null => exactFen(price.units * count.units, price.scale + count.scale);

export const decimalNumber = (d: Decimal): number => Number(d.units) / 10 ** d.scale;

function decimalField(signed: boolean) {
  return z.string({ error: 'required' }).transform((v, ctx) => {
    const d = parseDecimal(v, signed);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: signed ? 'not a decimal' : 'not a non-negative decimal' });
      return z.NEVER;
    }
    return d;
  });
}

/**
 * The same rule as `unsignedDecimal`, checked without a transform (zod pipes cost ~4× a plain check
 * per field, and an outpatient bill has 600 lines): read it with `readDecimal(text, false)`.
 */
export const unsignedDecimalText = z
  .string({ error: 'required' })
  .refine((v) => {
    const m = DECIMAL.exec(v.trim());
    return m !== null && !m[1];
  }, 'not a non-negative decimal');

/** A decimal a schema above has already checked. */
export function readDecimal(text: string, signed: boolean): Decimal {
  const d = parseDecimal(text, signed);
  if (!d) throw new TypeError('decimal read before it was checked');
  return d;
}

/** Unit prices and counts of prescriptions: never negative. */
export const unsignedDecimal = decimalField(false);
/** Daily bill counts: a returned item is a negative line. */
export const signedDecimal = decimalField(true);

/** A money amount that must be whole fen (a line total, a prescription's fee); negative when `signed`. */
export function fenAmount(signed: boolean) {
  return decimalField(signed).transform((d, ctx) => {
    const fen = decimalFen(d);
    if (fen === null) {
      ctx.addIssue({ code: 'custom', message: 'not a whole fen amount' });
      return z.NEVER;
    }
    return fen;
  });
}

const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2015-03-09 14:32:54` (Beijing) → the instant; a bare date is Beijing midnight. */
export function beijingInstant(raw: string): Date | null {
  const m = DATE_TIME.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as number[];
  const utc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const back = new Date(utc);
  // Date.UTC rolls 2024-02-30 over to March: refuse instead.
  if (back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59) return null;
  return new Date(utc - BEIJING_OFFSET_MS);
}

export const hisInstant = z.string({ error: 'required' }).transform((v, ctx) => {
  const at = beijingInstant(v);
  if (!at) {
    ctx.addIssue({ code: 'custom', message: 'not a yyyy-MM-dd HH:mm:ss time' });
    return z.NEVER;
  }
  return at;
});
