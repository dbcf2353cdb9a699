import { yuanToFen } from '@hosp/shared';
import { z } from 'zod';
import { hisBadReply } from '../../domain/his-errors';
import { flatFields } from './his-reply.map';
import { childCi, isXmlObject, type XmlObject, type XmlValue } from './xml-codec';

/**
 * List replies (sections 2 and 3): `<content><data>…</data><data>…</data></content>`, read the way
 * real HIS write them — one `<data>` (an object, not a list), `<content/>` or no `<content>` at all
 * (an empty list), `<data>` directly under `<response>`, an empty `<data/>` standing for "nothing".
 */

/** Where a row logger writes: method, counts and field names only — never values. */
export interface HisRowLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** A thing in the list that is not a row at all (text where `<data>` should hold elements). */
const NOT_A_ROW = Symbol('not a row');
export type RawRow = XmlObject | typeof NOT_A_ROW;

function rowsOf(v: XmlValue | undefined): RawRow[] {
  if (v === undefined || v === '') return [];
  if (Array.isArray(v)) return v.flatMap(rowsOf);
  return isXmlObject(v) ? [v] : [NOT_A_ROW];
}

export function replyRows(method: string, body: XmlObject): RawRow[] {
  const content = childCi(body, 'content');
  if (content === undefined) return rowsOf(childCi(body, 'data'));
  const contents = Array.isArray(content) ? content : [content];
  return contents.flatMap((c) => {
    if (c === '') return [];
    if (!isXmlObject(c)) throw hisBadReply(method, 'content is not a list of <data>');
    return rowsOf(childCi(c, 'data'));
  });
}

/** One row read: its value, or what is wrong with it (field names only, never values). */
export type RowRead<T> = { ok: true; value: T } | { ok: false; issue: string };

export const zodIssues = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ');

/**
 * Parses every row. Policy for a row we cannot read (missing key, unreadable fee or count): it is
 * left out and logged, and the rest of the list is served — one bad schedule in HIS must not take
 * booking down for the whole hospital, and a row left out can never be booked or charged. If NO
 * row of a non-empty list is readable, the reply as a whole is HIS_BAD_REPLY: that is a format
 * change, not a bad row, and must not look like "no schedules".
 */
export function parseRows<S extends z.ZodType>(method: string, schema: S, rows: RawRow[], logger?: HisRowLogger): Array<z.output<S>> {
  return parseRowsWith(method, rows, (row) => {
    const r = schema.safeParse(flatFields(row));
    return r.success ? { ok: true, value: r.data } : { ok: false, issue: zodIssues(r.error) };
  }, logger);
}

/**
 * parseRows with a reader of the whole row element (nested lists included). `strict`: any row we
 * cannot read makes the reply HIS_BAD_REPLY — for lists whose rows add up to a figure (a bill),
 * where leaving a line out would show a wrong total.
 */
export function parseRowsWith<T>(method: string, rows: RawRow[], read: (row: XmlObject) => RowRead<T>, logger?: HisRowLogger, strict = false): T[] {
  const good: T[] = [];
  const issues: string[] = [];
  rows.forEach((row, index) => {
    if (row === NOT_A_ROW) {
      issues.push(`row ${index}: not an element list`);
      return;
    }
    const r = read(row);
    if (r.ok) good.push(r.value);
    else issues.push(`row ${index}: ${r.issue}`);
  });
  if (issues.length === 0) return good;
  if (strict) throw hisBadReply(method, `unreadable row; ${issues.slice(0, 5).join(' | ')}`);
  if (good.length === 0) throw hisBadReply(method, `no readable row; ${issues.slice(0, 5).join(' | ')}`);
  logger?.warn({ his: method, rows: rows.length, skipped: issues.length, issues: issues.slice(0, 20) }, 'his rows skipped');
  return good;
}

// ---- field rules for list rows ---------------------------------------------------------------

const nullish = z.string().nullish();

/** `2015-03-26`, `2014-1-30`, `2015-03-26 00:00:00` → `2015-03-26`. */
export const hisDate = z.string({ error: 'required' }).transform((v, ctx) => {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(v.trim());
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > 31) {
    ctx.addIssue({ code: 'custom', message: 'not a yyyy-MM-dd date' });
    return z.NEVER;
  }
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
});

/** A count of numbers (`5`, `0`); empty or absent → null (HIS does not say). */
export const count = nullish.transform((v, ctx) => {
  if (v === null || v === undefined) return null;
  if (!/^\d{1,9}$/.test(v.trim())) {
    ctx.addIssue({ code: 'custom', message: 'not a whole count' });
    return z.NEVER;
  }
  return Number(v.trim());
});

/** A yuan amount that must be there: `15`, `15.0`, `13.50` → fen. */
export const requiredFen = z.string({ error: 'required' }).transform((v, ctx) => {
  try {
    return yuanToFen(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a yuan amount' });
    return z.NEVER;
  }
});

/** `status`: 1 or empty = open, 0 = stopped → `stopped`. */
export const stoppedFlag = nullish.transform((v, ctx) => {
  const s = (v ?? '').trim();
  if (s === '' || s === '1') return false;
  if (s === '0') return true;
  ctx.addIssue({ code: 'custom', message: 'expected 0, 1 or empty' });
  return z.NEVER;
});
