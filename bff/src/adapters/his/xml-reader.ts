/**
 * The codec's parser: one strict pass over the text that checks well-formedness and builds the
 * value tree at once. It replaces fast-xml-parser's XMLValidator + XMLParser (two full passes, a
 * character-by-character text buffer, an intermediate node tree, then our own normalising copy),
 * which cost ~20 ms on a 194 KB outpatient reply. The tree is the one that pipeline produced
 * (parseTagValue off, trimmed text, attributes ignored; differential tests in xml-reader.test.ts).
 *
 * Refused (as XmlReadError, which the codec turns into `malformed`): mismatched, unclosed or
 * stray closing tags; invalid names; unquoted, valueless or repeated attributes; markup other than
 * elements, comments, CDATA and processing instructions; a bare `&` or `<`; undeclared named
 * entities; character references to what XML cannot carry; text or a second element outside the
 * root; an XML declaration anywhere but the start; nesting deeper than fast-xml-parser allowed.
 * DTDs never get here: the codec refuses any `<!DOCTYPE`/`<!ENTITY` before calling this.
 */

export type ReadValue = string | ReadObject | ReadValue[];
export interface ReadObject {
  [name: string]: ReadValue;
}

export class XmlReadError extends Error {}

/** fast-xml-parser's own limit (maxNestedTags 100 below the root). */
const MAX_DEPTH = 101;
const TEXT = '#text';

// XML 1.0 Name, as XMLValidator checks it (':' allowed anywhere, as there).
const NAME_START = ':A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME = new RegExp(`^[${NAME_START}][${NAME_START}\\-.\\d\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*$`);

function isNameStartAscii(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
}
function isNameAscii(c: number): boolean {
  return isNameStartAscii(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}
/** A name char for scanning purposes: anything that ends neither a name nor a tag. */
function endsName(c: number): boolean {
  return isSpace(c) || c === 62 /* > */ || c === 47 /* / */ || c === 61 /* = */ || c === 60 /* < */ || Number.isNaN(c);
}

function checkName(s: string, from: number, to: number): string {
  if (to <= from) throw new XmlReadError('empty name');
  let ascii = isNameStartAscii(s.charCodeAt(from));
  for (let k = from + 1; ascii && k < to; k++) ascii = isNameAscii(s.charCodeAt(k));
  const name = s.slice(from, to);
  if (!ascii && !NAME.test(name)) throw new XmlReadError(`invalid name ${JSON.stringify(name.slice(0, 40))}`);
  return name;
}

/** XML 1.0 Char production: what a character reference may name. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REF = /^(?:#x([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z_][\w.-]*))$/;

/** Resolves every reference in `s` once, left to right (`&amp;#x41;` stays `&#x41;`). */
function decodeRefs(s: string): string {
  let out = '';
  let from = 0;
  let amp = s.indexOf('&');
  while (amp !== -1) {
    const semi = s.indexOf(';', amp + 1);
    const m = semi === -1 ? null : REF.exec(s.slice(amp + 1, semi));
    if (!m) throw new XmlReadError('bare & or malformed reference');
    let ch: string;
    if (m[3] !== undefined) {
      const named = Object.prototype.hasOwnProperty.call(PREDEFINED, m[3]) ? PREDEFINED[m[3]] : undefined;
      if (named === undefined) throw new XmlReadError(`undeclared entity &${m[3]};`);
      ch = named;
    } else {
      const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
      if (!Number.isSafeInteger(cp) || !isXmlChar(cp)) throw new XmlReadError('invalid character reference');
      ch = String.fromCodePoint(cp);
    }
    out += s.slice(from, amp) + ch;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return from === 0 ? s : out + s.slice(from);
}

/** A run of character data: references resolved, line ends normalised, trimmed (as the parser did). */
function textOf(s: string): string {
  let t = s.indexOf('&') === -1 ? s : decodeRefs(s);
  if (t.indexOf('\r') !== -1) t = t.replace(/\r\n?/g, '\n');
  return t.trim();
}

interface Open {
  raw: string;
  name: string;
  obj: ReadObject | null;
  text: string;
}

function addChild(parent: Open, name: string, value: ReadValue): void {
  const obj = (parent.obj ??= {});
  if (Object.prototype.hasOwnProperty.call(obj, name)) {
    const prev = obj[name]!;
    if (Array.isArray(prev)) prev.push(value);
    else obj[name] = [prev, value];
  } else {
    obj[name] = value;
  }
}

function valueOf(el: Open): ReadValue {
  if (el.obj === null) return el.text.trim();
  if (el.text.length > 0) el.obj[TEXT] = el.text.trim();
  return el.obj;
}

/**
 * Reads the text's one root element. Attributes are checked and dropped; comments and processing
 * instructions are dropped; `stripNamespaces` drops an element name's prefix (`soap:Body` → `Body`).
 */
export function readXml(s: string, stripNamespaces: boolean): { root: string; value: ReadValue } {
  const stack: Open[] = [];
  let cur: Open | undefined;
  let root: { root: string; value: ReadValue } | undefined;
  let i = 0;
  const n = s.length;
  // Character data since the last element, CDATA or PI boundary (comments do not split it).
  let pending = '';
  while (i < n) {
    const lt = s.indexOf('<', i);
    const end = lt === -1 ? n : lt;
    if (end > i) {
      if (cur) pending += s.slice(i, end);
      else if (!isBlank(s, i, end)) throw new XmlReadError('text outside the root element');
    }
    if (lt === -1) break;
    const c1 = s.charCodeAt(lt + 1);
    if (c1 === 33 /* ! */) {
      if (s.startsWith('<!--', lt)) {
        const close = s.indexOf('-->', lt + 4);
        if (close === -1) throw new XmlReadError('comment not closed');
        i = close + 3;
        continue;
      }
      if (cur && s.startsWith('<![CDATA[', lt)) {
        const close = s.indexOf(']]>', lt + 9);
        if (close === -1) throw new XmlReadError('CDATA not closed');
        if (pending) cur.text += textOf(pending);
        pending = '';
        const raw = s.slice(lt + 9, close);
        cur.text += raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
        i = close + 2 + 1;
        continue;
      }
      throw new XmlReadError('unexpected markup declaration');
    }
    if (cur && pending) {
      cur.text += textOf(pending);
      pending = '';
    }
    if (c1 === 63 /* ? */) {
      const close = s.indexOf('?>', lt + 2);
      if (close === -1) throw new XmlReadError('processing instruction not closed');
      let t = lt + 2;
      while (t < close && !isSpace(s.charCodeAt(t))) t++;
      const target = checkName(s, lt + 2, t);
      if (target.toLowerCase() === 'xml' && lt !== 0) throw new XmlReadError('XML declaration allowed only at the start');
      i = close + 2;
      continue;
    }
    if (c1 === 47 /* / */) {
      // The only closing tag allowed here is the open element's: compare in place.
      let t = lt + 2 + (cur ? cur.raw.length : 0);
      if (!cur || !s.startsWith(cur.raw, lt + 2) || !endsName(s.charCodeAt(t))) throw new XmlReadError('unexpected closing tag');
      while (isSpace(s.charCodeAt(t))) t++;
      if (s.charCodeAt(t) !== 62) throw new XmlReadError('closing tag not closed');
      const value = valueOf(cur);
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) addChild(parent, cur.name, value);
      else root = { root: cur.name, value };
      cur = parent;
      i = t + 1;
      continue;
    }
    // An element's start tag.
    if (root) throw new XmlReadError('more than one root element');
    let t = lt + 1;
    let ascii = isNameStartAscii(s.charCodeAt(t));
    for (let c = s.charCodeAt(++t); !endsName(c); c = s.charCodeAt(++t)) ascii &&= isNameAscii(c);
    const raw = ascii ? s.slice(lt + 1, t) : checkName(s, lt + 1, t);
    t = skipAttributes(s, t);
    const selfClosing = s.charCodeAt(t) === 47;
    i = t + (selfClosing ? 2 : 1);
    let name = raw;
    if (stripNamespaces) {
      const colon = raw.indexOf(':');
      if (colon !== -1) name = raw.slice(colon + 1);
    }
    if (name === '__proto__') name = '#__proto__';
    if (selfClosing) {
      if (cur) addChild(cur, name, '');
      else root = { root: name, value: '' };
      continue;
    }
    if (stack.length >= MAX_DEPTH) throw new XmlReadError('elements nested too deep');
    cur = { raw, name, obj: null, text: '' };
    stack.push(cur);
  }
  if (stack.length > 0) throw new XmlReadError(`unclosed element <${stack[stack.length - 1]!.raw.slice(0, 40)}>`);
  if (!root) throw new XmlReadError('no root element');
  return root;
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(s.charCodeAt(k))) return false;
  return true;
}

/**
 * Checks the attributes of a start tag (whitespace before each, a name, `=`, a quoted value without
 * `<` whose references resolve, no name twice) and returns the index of its `>` or `/>`.
 */
function skipAttributes(s: string, t: number): number {
  let seen: string[] | undefined;
  for (;;) {
    const spaced = isSpace(s.charCodeAt(t));
    while (isSpace(s.charCodeAt(t))) t++;
    const c = s.charCodeAt(t);
    if (c === 62) return t;
    if (c === 47) {
      if (s.charCodeAt(t + 1) !== 62) throw new XmlReadError('stray / in a tag');
      return t;
    }
    if (Number.isNaN(c)) throw new XmlReadError('tag not closed');
    if (!spaced) throw new XmlReadError('attribute without a space before it');
    const from = t;
    while (!endsName(s.charCodeAt(t))) t++;
    const name = checkName(s, from, t);
    if ((seen ??= []).includes(name)) throw new XmlReadError('attribute repeated');
    seen.push(name);
    while (isSpace(s.charCodeAt(t))) t++;
    if (s.charCodeAt(t) !== 61) throw new XmlReadError('attribute without a value');
    t++;
    while (isSpace(s.charCodeAt(t))) t++;
    const q = s.charCodeAt(t);
    if (q !== 34 && q !== 39) throw new XmlReadError('attribute value not quoted');
    const close = s.indexOf(q === 34 ? '"' : "'", t + 1);
    if (close === -1) throw new XmlReadError('attribute value not closed');
    const value = s.slice(t + 1, close);
    if (value.indexOf('<') !== -1) throw new XmlReadError('< in an attribute value');
    if (value.indexOf('&') !== -1) decodeRefs(value);
    t = close + 1;
  }
}

/** The codec calls the reader through this object so that a test can see whether parsing ran at all. */
export const xmlReader = { readXml };
