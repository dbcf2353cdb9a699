import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The one way XML from outside becomes data. Every reply is untrusted: size first, then any
 * DTD refused outright (no entity expansion, no external fetch), then well-formedness, then a
 * parse that keeps every value as the exact string the sender wrote.
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
// One left-to-right pass, so `&amp;#x41;` stays `&#x41;` (never decoded twice).
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g;
const CDATA_OR_COMMENT = /(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/;
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// Characters that must stay references so the parser still sees markup where the sender meant text.
const KEEP_ESCAPED: Record<string, string> = { '<': '&lt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

const parsers = new Map<boolean, XMLParser>();
function parserFor(stripNamespaces: boolean): XMLParser {
  let p = parsers.get(stripNamespaces);
  if (!p) {
    p = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      trimValues: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      removeNSPrefix: stripNamespaces,
      // Only the five predefined entities can occur (any DOCTYPE is refused before parsing), and each
      // shortens the text, so fxp 4.5's expansion counters (1000 by default) only get in the way of
      // large replies such as a SOAP envelope carrying a whole escaped document.
      processEntities: { enabled: true, maxTotalExpansions: Number.MAX_SAFE_INTEGER, maxExpandedLength: Number.MAX_SAFE_INTEGER },
      htmlEntities: false,
    });
    parsers.set(stripNamespaces, p);
  }
  return p;
}

/** XML 1.0 Char production: what a character reference may name. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * fast-xml-parser decodes only the five predefined entities (its htmlEntities option would also
 * accept HTML names like &nbsp;, which XML does not have). So numeric references are resolved here,
 * outside CDATA and comments, and undeclared named entities are refused as XML requires.
 */
function resolveCharRefs(text: string): string {
  return text
    .split(CDATA_OR_COMMENT)
    .map((part) => {
      if (part.startsWith('<![CDATA[') || part.startsWith('<!--')) return part;
      return part.replace(ENTITY, (whole, ref: string) => {
        if (!ref.startsWith('#')) {
          if (PREDEFINED.has(ref)) return whole;
          throw new XmlDecodeError('malformed', `undeclared entity &${ref};`);
        }
        const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (!Number.isSafeInteger(cp) || !isXmlChar(cp)) throw new XmlDecodeError('malformed', 'invalid character reference');
        const ch = String.fromCodePoint(cp);
        return KEEP_ESCAPED[ch] ?? ch;
      });
    })
    .join('');
}

/** Trims leaf text (the parser leaves CDATA untrimmed) and drops nothing else. */
function normalize(value: unknown): XmlValue {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out: XmlObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalize(v);
    return out;
  }
  return '';
}

export function decodeXml(input: string | Buffer, opts: DecodeOptions): DecodedXml {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (bytes > opts.maxBytes) throw new XmlDecodeError('too_large', `${bytes} bytes > ${opts.maxBytes}`);
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new XmlDecodeError('malformed', 'not valid UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (DTD.test(text)) throw new XmlDecodeError('doctype', 'DOCTYPE/ENTITY declarations are refused');
  // The parser alone accepts `<a>1</b>`; the validator does not.
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlDecodeError('malformed', valid.err.msg);
  const resolved = resolveCharRefs(text);
  let parsed: unknown;
  try {
    parsed = parserFor(opts.stripNamespaces ?? false).parse(resolved);
  } catch (err) {
    throw new XmlDecodeError('malformed', err instanceof Error ? err.message : 'parse failed');
  }
  const doc = normalize(parsed);
  const roots = typeof doc === 'object' && !Array.isArray(doc) ? Object.keys(doc) : [];
  if (roots.length !== 1 || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new XmlDecodeError('malformed', 'expected exactly one root element');
  }
  const root = roots[0]!;
  return { root, value: doc[root]! };
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
