import { xmlReader, XmlReadError } from './xml-reader';

/**
 * The one way XML from outside becomes data. Every reply is untrusted: size first, then any
 * DTD refused outright (no entity expansion, no external fetch), then one strict pass that checks
 * well-formedness and keeps every value as the exact string the sender wrote.
 */

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

export type XmlDecodeReason = 'doctype' | 'malformed' | 'too_large';

export class XmlDecodeError extends Error {
  constructor(
    readonly reason: XmlDecodeReason,
    detail: string,
  ) {
    super(`xml ${reason}: ${detail}`);
    this.name = 'XmlDecodeError';
  }
}

export interface DecodeOptions {
  maxBytes: number;
  /** SOAP envelopes: `soap:Body` → `Body`. Our own documents have no prefixes. */
  stripNamespaces?: boolean;
}

export interface DecodedXml {
  root: string;
  value: XmlValue;
}

const DTD = /<!\s*(DOCTYPE|ENTITY)/i;
// Characters that must stay references when text is written out.
const KEEP_ESCAPED: Record<string, string> = { '<': '&lt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

export function decodeXml(input: string | Buffer, opts: DecodeOptions): DecodedXml {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: count the bytes only when the limit may be near.
  const bytes = typeof input !== 'string' ? input.length : input.length * 3 <= opts.maxBytes ? 0 : Buffer.byteLength(input, 'utf8');
  if (bytes > opts.maxBytes) throw new XmlDecodeError('too_large', `${bytes} bytes > ${opts.maxBytes}`);
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new XmlDecodeError('malformed', 'not valid UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (DTD.test(text)) throw new XmlDecodeError('doctype', 'DOCTYPE/ENTITY declarations are refused');
  // One strict pass: well-formedness, references and the value tree together (xml-reader.ts).
  try {
    return xmlReader.readXml(text, opts.stripNamespaces ?? false);
  } catch (err) {
    if (err instanceof XmlReadError) throw new XmlDecodeError('malformed', err.message);
    throw err;
  }
}

// ---- encoding -------------------------------------------------------------------------------

/** An array repeats the element once per item (`<data>…</data><data>…</data>`). */
export type XmlField = string | number | null | undefined | XmlFields | XmlFields[];
export interface XmlFields {
  [name: string]: XmlField;
}

const NAME = /^[A-Za-z_][\w.-]*$/;
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Escapes text for element content (and attributes). Refuses characters XML cannot carry. */
export function escapeXml(text: string): string {
  if (NOT_XML_CHAR.test(text)) throw new TypeError('text contains characters XML cannot carry');
  return text.replace(/[&<>"']/g, (c) => KEEP_ESCAPED[c] ?? (c === '>' ? '&gt;' : c));
}

function encodeChildren(fields: XmlFields): string {
  let out = '';
  for (const [name, value] of Object.entries(fields)) {
    if (!NAME.test(name)) throw new TypeError(`invalid element name: ${name}`);
    if (value === undefined) continue;
    if (value === null) out += `<${name}/>`;
    else if (Array.isArray(value)) for (const item of value) out += `<${name}>${encodeChildren(item)}</${name}>`;
    else if (typeof value === 'object') out += `<${name}>${encodeChildren(value)}</${name}>`;
    else out += `<${name}>${escapeXml(String(value))}</${name}>`;
  }
  return out;
}

/** `<root><k>v</k>…</root>`, in the fields' own order; undefined fields are left out. */
export function encodeXml(rootName: string, fields: XmlFields): string {
  if (!NAME.test(rootName)) throw new TypeError(`invalid element name: ${rootName}`);
  return `<${rootName}>${encodeChildren(fields)}</${rootName}>`;
}

// ---- reading decoded values ----------------------------------------------------------------

export function isXmlObject(v: XmlValue | undefined): v is XmlObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own-property lookup (decoded names come from outside; never walk the prototype). */
export function child(obj: XmlObject, name: string): XmlValue | undefined {
  return Object.prototype.hasOwnProperty.call(obj, name) ? obj[name] : undefined;
}

/** Case-insensitive variant for vendors that vary the case of well-known names (result, data). */
export function childCi(obj: XmlObject, name: string): XmlValue | undefined {
  const exact = child(obj, name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}
