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
import { formerDecode } from '../test/support/xml-former-decode';
import { decodeXml } from '../bff/src/adapters/his/xml-codec';
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
