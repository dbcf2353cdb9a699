import { fenFromIntegerString } from '@hosp/shared';
import { z } from 'zod';
import { hisBadReply } from '../../domain/his-errors';
import { firstObject } from '../his/his-client';
import { childCi, decodeXml, encodeXml, isXmlObject, XmlDecodeError, type XmlObject, type XmlValue } from '../his/xml-codec';

/**
 * The HIS outpatient deposit dialect (his-outpatient-deposit-api.txt): `<Req><TransactionCode/>
 * <Data>…</Data></Req>` answered by `<Resp><TransactionCode/><RespCode/><RespMessage/><Data/></Resp>`.
 * RespCode 10000 is success and a negative code a failure; the document names no other value, so
 * anything else is a reply we cannot trust. Money is whole fen.
 */

export const DEPOSIT_METHODS = ['OPDRechargeList', 'OPDRechargeFreeze', 'OPDRechargeCancellationFee'] as const;
export type DepositMethod = (typeof DEPOSIT_METHODS)[number];

export const RESP_SUCCESS = 10000;

export type DepositRequestData = Record<string, string | undefined>;

/** The request document; absent fields are left out, the rest keep the caller's (the table's) order. */
export function encodeDepositRequest(transactionCode: string, data: DepositRequestData): string {
  const present: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) if (v !== undefined) present[k] = v;
  return encodeXml('Req', { TransactionCode: transactionCode, Data: present });
}

export interface DepositReply {
  /** 10000, or a negative code: the only two kinds of answer the document defines. */
  code: number;
  ok: boolean;
  message: string;
  /** `<Data>`'s children (empty when HIS sent none). */
  data: XmlObject;
}

export interface DecodeDepositOptions {
  maxBytes: number;
  /** What we sent: a reply naming another transaction is not an answer to ours. */
  transactionCode: string;
}

const text = (v: XmlValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** Decodes a `<Resp>` or throws HIS_BAD_REPLY (which a money step reads as "outcome unknown"). */
export function decodeDepositReply(method: string, xml: string, opts: DecodeDepositOptions): DepositReply {
  let root: string;
  let value: XmlValue;
  try {
    ({ root, value } = decodeXml(xml, { maxBytes: opts.maxBytes }));
  } catch (err) {
    if (err instanceof XmlDecodeError) throw hisBadReply(method, `xml ${err.reason}`);
    throw err;
  }
  if (root.toLowerCase() !== 'resp') throw hisBadReply(method, `unexpected root <${root}>`);
  const body: XmlObject = isXmlObject(value) ? value : {};
  const rawCode = text(childCi(body, 'RespCode'));
  if (rawCode === undefined || !/^[+-]?\d{1,9}$/.test(rawCode)) throw hisBadReply(method, 'RespCode missing or not an integer');
  const code = Number(rawCode);
  if (code !== RESP_SUCCESS && code >= 0) throw hisBadReply(method, `undocumented RespCode ${code}`);
  // Tolerated when absent or empty (the document requires it, some systems leave it blank).
  const echoed = text(childCi(body, 'TransactionCode'));
  if (echoed && echoed !== opts.transactionCode) throw hisBadReply(method, 'reply names another TransactionCode');
  const data = firstObject(childCi(body, 'Data')) ?? {};
  return { code, ok: code === RESP_SUCCESS, message: text(childCi(body, 'RespMessage')) ?? '', data };
}

/** Renames children to the document's spelling when a system varies the case (`orderid`, `ORDERID`). */
export function documentCase(obj: XmlObject, names: readonly string[]): XmlObject {
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const out: XmlObject = {};
  for (const [k, v] of Object.entries(obj)) {
    const name = byLower.get(k.toLowerCase()) ?? k;
    if (name === '__proto__') continue;
    // The document's own spelling wins over a variant of it.
    if (!Object.prototype.hasOwnProperty.call(out, name) || name === k) out[name] = v;
  }
  return out;
}

/**
 * The `<Order>` rows of a list reply: `<Data><Orders><Order>…` once (an object) or many (a list);
 * `<Orders/>`, an empty `<Data/>` or no `<Data>` is no record. `<Order>` directly under `<Data>` is
 * read too. A row that is text where elements belong becomes an empty row (it fails validation).
 */
export function depositOrders(data: XmlObject): XmlObject[] {
  const orders = childCi(data, 'Orders');
  const holders = orders === undefined ? [data] : (Array.isArray(orders) ? orders : [orders]).filter(isXmlObject);
  return holders.flatMap((h) => {
    const rows = childCi(h, 'Order');
    if (rows === undefined || rows === '') return [];
    return (Array.isArray(rows) ? rows : [rows]).map((r) => (isXmlObject(r) ? r : {}));
  });
}

// ---- field rules -------------------------------------------------------------------------------

function fenRule(parse: (v: string) => number) {
  return (v: string, ctx: z.RefinementCtx): number => {
    try {
      return parse(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not whole fen' });
      return z.NEVER;
    }
  };
}

/** Whole fen, never a decimal: `1500` → 1500; `15.00`, `-1`, `1e3` are refused. */
export const fen = z.string({ error: 'required' }).transform(fenRule(fenFromIntegerString));
/** Same, empty or absent → null. */
export const optionalFen = z
  .string()
  .nullish()
  .transform((v, ctx) => (v === null || v === undefined ? null : fenRule(fenFromIntegerString)(v, ctx)));
/** A balance, which a system may show below zero. */
export const signedFen = z
  .string({ error: 'required' })
  .transform(fenRule((v) => (v.trim().startsWith('-') ? -fenFromIntegerString(v.trim().slice(1)) : fenFromIntegerString(v))));

/** A 0/1 flag; empty or absent → null. */
export const flag01 = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    const s = (v ?? '').trim();
    if (s === '') return null;
    if (s === '0' || s === '1') return s === '1';
    ctx.addIssue({ code: 'custom', message: 'expected 0 or 1' });
    return z.NEVER;
  });

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DATE_TIME = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})(?:[ T]?(\d{1,2}):?(\d{2})(?::?(\d{2}))?)?$/;

/**
 * A HIS time (Beijing, no zone): `2024-10-01 09:12:30`, `2024-10-01`, `20241001091230`,
 * `2024/10/01 09:12`. Display only, so anything else is null rather than a failed reply.
 */
export const hisTime = z
  .string()
  .nullish()
  .transform((v): Date | null => {
    const m = DATE_TIME.exec((v ?? '').trim());
    if (!m) return null;
    const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS);
  });
