import { signedYuanToFen, yuanToFen } from '@hosp/shared';
import { z } from 'zod';
import { hisBadReply } from '../../domain/his-errors';
import { firstObject } from './his-client';
import { childCi, type XmlObject } from './xml-codec';

/**
 * Helpers that turn the children of a HIS reply into checked values. Tolerant where real systems
 * vary (empty elements, fields at the top or inside `<data>`, extra elements), strict where a wrong
 * value would mislead a patient (a missing required field or an unreadable amount).
 */

export type FlatFields = Record<string, string | null | string[]>;

/** Scalar children: empty → null; repeated → array (so a required scalar sent twice fails). */
export function flatFields(obj: XmlObject): FlatFields {
  const out: FlatFields = {};
  // Plain loops: this runs once per row of every list reply (600 lines in a big outpatient bill).
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = obj[k];
    if (typeof v === 'string') out[k] = v === '' ? null : v;
    else if (Array.isArray(v) && allStrings(v)) out[k] = v as string[];
  }
  return out;
}

function allStrings(v: readonly unknown[]): boolean {
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

/** The reply's fields, whether they sit directly in `<response>` or inside (the first) `<data>`. */
export function replyFields(body: XmlObject): FlatFields {
  const data = firstObject(childCi(body, 'data'));
  return data ? { ...flatFields(body), ...flatFields(data) } : flatFields(body);
}

export const required = z.string({ error: 'required' });
export const optional = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

function amount(parse: (v: string) => number) {
  return z
    .string()
    .nullish()
    .transform((v, ctx) => {
      if (v === null || v === undefined) return null;
      try {
        return parse(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not a yuan amount' });
        return z.NEVER;
      }
    });
}

/** Yuan amount (`3000`, `15.0`, `2013.61`) → fen; empty or absent → null. */
export const yuanFen = amount(yuanToFen);
/** Same, for balances that may be negative (arrears). */
export const signedYuanFen = amount(signedYuanToFen);

/** Parses or throws HIS_BAD_REPLY naming the fields at fault (never their values). */
export function parseReply<S extends z.ZodType>(method: string, schema: S, fields: FlatFields): z.output<S> {
  const r = schema.safeParse(fields);
  if (r.success) return r.data;
  const where = r.error.issues.map((i) => `${i.path.join('.') || '(reply)'}: ${i.message}`).join('; ');
  throw hisBadReply(method, `reply fields: ${where}`);
}
