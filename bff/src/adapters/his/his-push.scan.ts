import type { XmlObject, XmlValue } from './xml-codec';

/**
 * A one-pass reading of a push's XML, good enough to check its signature before the validating
 * parser runs: a forged push costs a regex walk instead of a full validate-and-parse. It builds the
 * same tree the parser does for the shapes HIS sends (leaf text trimmed, a repeated element an
 * array, attributes ignored); anything it cannot read is answered null, and the full parse after a
 * good signature checks the signature again, so a difference can only refuse a push, never let
 * one through.
 */

// Names as XML allows them (letters beyond ASCII too); attribute values may hold '>' inside quotes.
const NAME = '[A-Za-z_\\u00C0-\\uFFEF][\\w.:\\u00B7-\\uFFEF-]*';
// One small sticky pattern per kind of markup, chosen by the characters after '<' (no big alternation).
const OPEN = new RegExp(`<(${NAME})(?:\\s(?:[^<>"']|"[^"]*"|'[^']*')*?)?(\\/?)>`, 'y');
const CLOSE = new RegExp(`<\\/(${NAME})\\s*>`, 'y');
const COMMENT = /<!--[\s\S]*?-->/y;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/y;
const PI = /<\?[\s\S]*?\?>/y;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);|&/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const MAX_DEPTH = 16;

interface Node {
  name: string;
  text: string;
  children: XmlObject | null;
}

function decodeText(raw: string): string | null {
  let bad = false;
  const out = raw.replace(ENTITY, (whole, ref: string | undefined) => {
    if (ref === undefined) {
      bad = true;
      return whole;
    }
    if (!ref.startsWith('#')) return NAMED[ref]!;
    const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!Number.isSafeInteger(cp) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13)) {
      bad = true;
      return whole;
    }
    return String.fromCodePoint(cp);
  });
  return bad ? null : out;
}

function add(parent: Node, name: string, value: XmlValue): void {
  parent.children ??= {};
  const existing = Object.prototype.hasOwnProperty.call(parent.children, name) ? parent.children[name] : undefined;
  if (existing === undefined) parent.children[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent.children[name] = [existing, value];
}

/** The root element's name and value, or null when the text is not something this reader takes. */
export function scanXml(text: string): { root: string; value: XmlValue } | null {
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(text)) return null;
  const stack: Node[] = [];
  let result: { root: string; value: XmlValue } | null = null;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const at = (re: RegExp, i: number) => {
    re.lastIndex = i;
    return re.exec(body);
  };
  let i = 0;
  while (i < body.length) {
    const top = stack[stack.length - 1];
    if (body.charCodeAt(i) !== 0x3c /* < */) {
      let j = body.indexOf('<', i);
      if (j < 0) j = body.length;
      const chars = body.slice(i, j);
      i = j;
      if (!top) {
        if (chars.trim() !== '') return null;
        continue;
      }
      const decoded = decodeText(chars);
      if (decoded === null) return null;
      top.text += decoded;
      continue;
    }
    const next = body[i + 1];
    if (next === '/') {
      const m = at(CLOSE, i);
      if (!m) return null;
      i += m[0].length;
      const node = stack.pop();
      if (!node || node.name !== m[1]) return null;
      const value: XmlValue = node.children ?? node.text.trim();
      const parent = stack[stack.length - 1];
      if (parent) add(parent, node.name, value);
      else result = { root: node.name, value };
    } else if (next === '!') {
      const c = at(CDATA, i);
      if (c) {
        if (!top) return null;
        top.text += c[1];
        i += c[0].length;
        continue;
      }
      const m = at(COMMENT, i);
      if (!m) return null;
      i += m[0].length;
    } else if (next === '?') {
      const m = at(PI, i);
      if (!m) return null;
      i += m[0].length;
    } else {
      const m = at(OPEN, i);
      if (!m || result || stack.length >= MAX_DEPTH) return null;
      i += m[0].length;
      const name = m[1]!;
      if (m[2]) {
        if (!top) result = { root: name, value: '' };
        else add(top, name, '');
      } else stack.push({ name, text: '', children: null });
    }
  }
  return stack.length === 0 ? result : null;
}
