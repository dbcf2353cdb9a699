/**
 * Differential fuzz of the codec's one-pass reader against the pipeline it replaced (fast-xml-parser
 * 4.5 XMLValidator + char refs + XMLParser + normalise, copied from xml-reader.test.ts): 200,000
 * random mutations of three reply shapes, each decoded both ways, with and without namespace
 * stripping. Prints documents the reader accepts that the old pipeline refused (must be none),
 * trees that differ, and samples of documents only the reader refuses.
 *
 *   npx tsx bench/xml-reader.fuzz.ts
 */
import { isDeepStrictEqual } from 'node:util';
import { XMLParser, XMLValidator } from 'fxp4';
import { decodeXml } from '../bff/src/adapters/his/xml-codec';
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g;
const CDATA_OR_COMMENT = /(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/;
const KEEP: Record<string, string> = { '<': '&lt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
const isXmlChar = (cp: number) => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

function formerDecode(text: string, stripNamespaces = false): { root: string; value: unknown } {
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(text)) throw new Error('doctype');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(valid.err.msg);
  const resolved = text
    .split(CDATA_OR_COMMENT)
    .map((part) =>
      part.startsWith('<![CDATA[') || part.startsWith('<!--')
        ? part
        : part.replace(ENTITY, (whole, ref: string) => {
            if (!ref.startsWith('#')) {
              if (['amp', 'lt', 'gt', 'quot', 'apos'].includes(ref)) return whole;
              throw new Error('entity');
            }
            const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
            if (!Number.isSafeInteger(cp) || !isXmlChar(cp)) throw new Error('charref');
            const ch = String.fromCodePoint(cp);
            return KEEP[ch] ?? ch;
          }),
    )
    .join('');
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    removeNSPrefix: stripNamespaces,
    processEntities: { enabled: true, maxTotalExpansions: Number.MAX_SAFE_INTEGER, maxExpandedLength: Number.MAX_SAFE_INTEGER },
    htmlEntities: false,
  });
  const normalize = (v: unknown): unknown => {
    if (typeof v === 'string') return v.trim();
    if (Array.isArray(v)) return v.map(normalize);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
    return '';
  };
  const doc = normalize(parser.parse(resolved)) as Record<string, unknown>;
  const roots = Object.keys(doc);
  if (roots.length !== 1) throw new Error('roots');
  return { root: roots[0]!, value: doc[roots[0]!] };
}
const BASES = [
  '<?xml version="1.0"?><response><result>success</result><content><data><a>1 &amp; 2</a><b/><c x="1">t<![CDATA[ z ]]></c></data><data><a>&#x41;</a><!-- c --></data></content></response>',
  '<s:Envelope xmlns:s="u"><s:Body><m:r><x>a<?p q?>b</x></m:r></s:Body></s:Envelope>',
  '<r>\r\n <a>x</a>\r\n <a><b>y</b>tail</a></r>',
];
const BITS = ['<', '>', '/', '&', ';', '"', "'", '=', ' ', '\n', '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', 'a', '#', 'x', '&#', ':', '<a>', '</a>', '<b/>', '&lt;', '&#13;'];
let seed = 12345;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const strict: string[] = []; const bad: string[] = [];
for (let it = 0; it < 200000; it++) {
  let d = BASES[rnd(BASES.length)]!;
  const k = 1 + rnd(3);
  for (let j = 0; j < k; j++) {
    const p = rnd(d.length + 1);
    const op = rnd(3);
    if (op === 0) d = d.slice(0, p) + d.slice(p + 1 + rnd(4));
    else d = d.slice(0, p) + BITS[rnd(BITS.length)] + d.slice(p);
  }
  for (const ns of [false, true]) {
    let want: unknown, got: unknown, wErr = false, gErr = false;
    try { want = formerDecode(d, ns); } catch { wErr = true; }
    try { got = decodeXml(d, { maxBytes: 1 << 20, stripNamespaces: ns }); } catch (e) { gErr = true; if (!(e instanceof Error) || e.name !== 'XmlDecodeError') bad.push('THROW ' + String(e) + ' ' + JSON.stringify(d)); }
    if (wErr && !gErr) bad.push('ACCEPTS ' + JSON.stringify(d));
    else if (!wErr && gErr) strict.push(JSON.stringify(d));
    else if (!wErr && !gErr && !isDeepStrictEqual({ ...(got as object) }, want)) bad.push('DIFF ' + JSON.stringify(d) + ' ' + JSON.stringify(got) + ' ' + JSON.stringify(want));
  }
}
console.log('bad', bad.length, 'stricter', strict.length);
const kinds = new Map<string, number>(); for (const b of bad) kinds.set(b.split(' ')[0]!, (kinds.get(b.split(' ')[0]!) ?? 0) + 1); console.log(kinds); for (const b of [...new Set(bad)].slice(0, 8)) { const i = b.indexOf('{'); console.log(b.slice(0, 60), '...', b.slice(i).replace(/"result":"success",/g, '').slice(0, 320)); }
console.log('--- stricter samples'); console.log([...new Set(strict)].slice(0, 15).join('\n'));
