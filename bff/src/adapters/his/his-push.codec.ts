import { hisSign, verifyHisSign, type SignOptions } from './his-sign';
import { encodeGbk } from './gbk-encode';
import { scanXml } from './his-push.scan';
import { childCi, decodeXml, encodeXml, isXmlObject, XmlDecodeError, type XmlObject, type XmlValue } from './xml-codec';

/**
 * What HIS sends to us (`POST /his/pushHisData` and friends, section 4.5 and 16): XML
 * `<request><dataType/><data>…</data></request>` or JSON `{dataType, data, sign}` (16.8, 16.9 —
 * the latter flat, with no data wrapper). Only the codec lives here; the route belongs to the BFF.
 */

export interface HisPush {
  /** '' when the shape has none (16.9 pushStopSchedule JSON). */
  dataType: string;
  /** The data fields as sent (vendor names); empty elements are ''. */
  fields: Record<string, string>;
  sign?: string;
}

export type HisPushErrorReason = 'too_large' | 'doctype' | 'malformed' | 'shape' | 'charset';

export class HisPushParseError extends Error {
  constructor(
    readonly reason: HisPushErrorReason,
    detail: string,
  ) {
    super(`his push ${reason}: ${detail}`);
    this.name = 'HisPushParseError';
  }
}

export const DEFAULT_PUSH_MAX_BYTES = 64 * 1024;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Charsets HIS pushes come in (GB2312 is read as its superset GBK). */
const CHARSETS: Record<string, string> = { 'utf-8': 'utf-8', utf8: 'utf-8', gbk: 'gbk', gb2312: 'gbk', gb18030: 'gb18030', cp936: 'gbk' };

function charsetOf(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const known = CHARSETS[label.toLowerCase()];
  if (!known) throw new HisPushParseError('charset', `unsupported charset ${label.slice(0, 20)}`);
  return known;
}

/**
 * The push's text: the Content-Type charset, else the XML declaration's encoding, else UTF-8 —
 * each strictly (a byte that is not valid in the charset refuses the push). When the header and
 * the declaration disagree the header is tried first, then the declaration (HIS often send a
 * generic header over GBK documents).
 */
export function decodePushBody(body: Buffer, contentType: string | undefined): { text: string; charset: string } {
  const header = charsetOf(/charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1]);
  const head = body.subarray(0, 200).toString('latin1');
  const declared = charsetOf(/^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1]);
  const candidates = [...new Set([header, declared].filter((c): c is string => c !== undefined))];
  if (candidates.length === 0) candidates.push('utf-8');
  for (const charset of candidates) {
    try {
      return { text: new TextDecoder(charset, { fatal: true }).decode(body), charset };
    } catch {
      /* try the next */
    }
  }
  throw new HisPushParseError('charset', `not valid ${candidates.join(' or ')}`);
}

function isJsonPush(text: string, contentType: string | undefined): boolean {
  const ct = (contentType ?? '').toLowerCase();
  // Trust the declared type; sniff only when there is none useful (HIS often sends text/plain).
  return ct.includes('json') || (!ct.includes('xml') && text.trimStart().startsWith('{'));
}

export function parseHisPush(body: string | Buffer, contentType: string | undefined, opts: { maxBytes?: number } = {}): HisPush {
  const maxBytes = opts.maxBytes ?? DEFAULT_PUSH_MAX_BYTES;
  const size = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  if (size > maxBytes) throw new HisPushParseError('too_large', `${size} bytes`);
  const text = typeof body === 'string' ? body : decodePushBody(body, contentType).text;
  return isJsonPush(text, contentType) ? parseJsonPush(text) : parseXmlPush(text, Math.max(maxBytes, Buffer.byteLength(text, 'utf8')));
}

/**
 * Reads a push and checks its signature with the cheapest work first: JSON is parsed and checked;
 * XML is first read by a one-pass scanner and its signature checked, and only a push signed with
 * our key goes through the validating parser (whose result is checked again). Throws
 * HisPushParseError for what cannot be read; `signed` says whether the signature holds.
 */
export function readSignedHisPush(body: Buffer, contentType: string | undefined, key: string, opts: { maxBytes?: number } = {}): { push: HisPush; signed: boolean } {
  const maxBytes = opts.maxBytes ?? DEFAULT_PUSH_MAX_BYTES;
  if (body.length > maxBytes) throw new HisPushParseError('too_large', `${body.length} bytes`);
  const { text, charset } = decodePushBody(body, contentType);
  const verify = (push: HisPush) => verifyHisPushSign(push, key) || (charset !== 'utf-8' && verifyHisPushSign(push, key, { encode: encodeGbk }));
  if (isJsonPush(text, contentType)) {
    const push = parseJsonPush(text);
    return { push, signed: verify(push) };
  }
  const scanned = scanXml(text);
  if (!scanned) {
    if (/<!\s*(DOCTYPE|ENTITY)/i.test(text)) throw new HisPushParseError('doctype', 'DOCTYPE/ENTITY declarations are refused');
    throw new HisPushParseError('malformed', 'not a readable XML document');
  }
  const early = pushFromXml(scanned.root, scanned.value);
  if (!verify(early)) return { push: early, signed: false };
  // The GBK text may be longer or shorter in UTF-8: the byte cap was applied to what was received.
  const push = parseXmlPush(text, Number.MAX_SAFE_INTEGER);
  return { push, signed: verify(push) };
}

function parseXmlPush(text: string, maxBytes: number): HisPush {
  let root: string;
  let value;
  try {
    ({ root, value } = decodeXml(text, { maxBytes }));
  } catch (err) {
    if (err instanceof XmlDecodeError) throw new HisPushParseError(err.reason, err.message);
    throw err;
  }
  return pushFromXml(root, value);
}

function pushFromXml(root: string, value: XmlValue): HisPush {
  if (root.toLowerCase() !== 'request' || !isXmlObject(value)) throw new HisPushParseError('shape', `root <${root}>`);
  const dataType = childCi(value, 'dataType');
  const data = childCi(value, 'data');
  if (data !== undefined && !isXmlObject(data) && data !== '') throw new HisPushParseError('shape', 'data must be one element');
  const source: XmlObject = isXmlObject(data) ? data : data === '' ? {} : value;
  const fields: Record<string, string> = {};
  let sign = scalar(childCi(value, 'sign'));
  for (const [k, v] of Object.entries(source)) {
    if (typeof v !== 'string') continue; // nested lists are not part of any section 4/16 push
    if (k === 'sign') sign = v;
    else if (source !== value || (k.toLowerCase() !== 'datatype' && k.toLowerCase() !== 'sign')) fields[k] = v;
  }
  return withSign({ dataType: scalar(dataType) ?? '', fields }, sign);
}

function parseJsonPush(text: string): HisPush {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    throw new HisPushParseError('malformed', 'invalid JSON');
  }
  if (!isPlainObject(obj)) throw new HisPushParseError('shape', 'expected a JSON object');
  const data = obj.data;
  if (data !== undefined && !isPlainObject(data)) throw new HisPushParseError('shape', 'data must be an object');
  const source = data ?? obj;
  const fields: Record<string, string> = {};
  let sign = typeof obj.sign === 'string' ? obj.sign : undefined;
  for (const [rawKey, v] of Object.entries(source)) {
    // 16.9's sample pads some keys with spaces (" clinicTime "): the name is what counts.
    const k = rawKey.trim();
    if (UNSAFE_KEYS.has(k)) continue;
    if (source === obj && (k === 'dataType' || k === 'data')) continue;
    if (k === 'sign') {
      if (typeof v === 'string') sign = v;
      continue;
    }
    if (typeof v === 'string') fields[k] = v.trim();
    else if (typeof v === 'number' || typeof v === 'boolean') fields[k] = String(v);
    else if (v === null) fields[k] = '';
  }
  const dataType = typeof obj.dataType === 'string' ? obj.dataType.trim() : '';
  return withSign({ dataType, fields }, sign);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalar(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function withSign(push: HisPush, sign: string | undefined): HisPush {
  return sign ? { ...push, sign } : push;
}

/** What the push signature covers: dataType plus the data fields. */
export function hisPushSignParams(push: Pick<HisPush, 'dataType' | 'fields'>): Record<string, string> {
  return push.dataType ? { ...push.fields, dataType: push.dataType } : { ...push.fields };
}

export function verifyHisPushSign(push: HisPush, key: string, opts?: SignOptions): boolean {
  return verifyHisSign(hisPushSignParams(push), push.sign, key, opts);
}

/** A signed section 4.5 style push, as HIS would send it (the simulator and tests use this). */
export function encodeHisPush(dataType: string, fields: Record<string, string>, key: string): string {
  const sign = hisSign(hisPushSignParams({ dataType, fields }), key);
  return encodeXml('request', { dataType, data: fields, sign });
}

/** Our answer to a push: `<response><result>success</result><message>…</message></response>`. */
export function encodeHisReply(result: string, message = ''): string {
  return encodeXml('response', { result, message });
}

/** HIS's result word for our answer to a push, in the letter case its document shows for that call. */
export function hisResultWord(ok: boolean, letterCase: 'lower' | 'upper'): string {
  const word = ok ? 'success' : 'error';
  return letterCase === 'upper' ? word.toUpperCase() : word;
}
