/**
 * XML decode + validate cost of the HIS adapter's codec, side by side with the alternatives:
 * fast-xml-parser 5.x (what we ship) and 4.5.x (installed as the `fxp4` alias), each with and
 * without XMLValidator, all with the codec's own options and surrounding steps (size check,
 * DOCTYPE refusal, character references, normalisation, one-root check). Every candidate is first
 * checked for safety (DOCTYPE refused, malformed rejected, values kept as strings); only safe ones
 * may be chosen.
 *
 *   npx tsx bench/xml-codec.bench.ts            (XML_MS=400 per timed round, XML_ROUNDS=5)
 */
import { isDeepStrictEqual } from 'node:util';
import { XMLParser as Parser5, XMLValidator as Validator5 } from 'fxp5';
import { XMLParser as Parser4, XMLValidator as Validator4 } from 'fxp4';
import { decodeXml, encodeXml, XmlDecodeError, type XmlObject, type XmlValue } from '../bff/src/adapters/his/xml-codec';
import { createHisSimulator } from '../bff/src/adapters/his/sim/his-simulator';
import { simMethods } from '../bff/src/adapters/his/sim/sim-methods';
import { beijingDate } from '../bff/src/domain/time';
import { envNumber, fmt, machine, median, table, timeLoop, type SummaryRow } from './lib/util';

// ---- the candidates ---------------------------------------------------------------------------

type Decode = (text: string) => { root: string; value: XmlValue };
type ParserLike = { parse(xml: string): unknown };
type ValidatorLike = { validate(xml: string): true | { err: { msg: string } } };

/** The codec's parser options, verbatim (xml-codec.ts parserFor). */
const OPTIONS = {
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  processEntities: true,
  htmlEntities: false,
} as const;

// The codec's private steps, copied so the replicas differ from it only in parser and validator.
const DTD = /<!\s*(DOCTYPE|ENTITY)/i;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g;
const CDATA_OR_COMMENT = /(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/;
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const KEEP_ESCAPED: Record<string, string> = { '<': '&lt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
const isXmlChar = (cp: number) => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

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

const MAX_BYTES = 2 * 1024 * 1024;

function replica(parser: ParserLike, validator: ValidatorLike | null): Decode {
  return (text) => {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_BYTES) throw new XmlDecodeError('too_large', String(bytes));
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (DTD.test(text)) throw new XmlDecodeError('doctype', 'refused');
    if (validator) {
      const v = validator.validate(text);
      if (v !== true) throw new XmlDecodeError('malformed', v.err.msg);
    }
    const resolved = resolveCharRefs(text);
    let parsed: unknown;
    try {
      parsed = parser.parse(resolved);
    } catch (err) {
      throw new XmlDecodeError('malformed', err instanceof Error ? err.message : 'parse failed');
    }
    const doc = normalize(parsed);
    const roots = typeof doc === 'object' && !Array.isArray(doc) ? Object.keys(doc) : [];
    if (roots.length !== 1 || typeof doc !== 'object' || Array.isArray(doc)) throw new XmlDecodeError('malformed', 'expected exactly one root element');
    return { root: roots[0]!, value: doc[roots[0]!]! };
  };
}

const p5 = new Parser5(OPTIONS);
const p4 = new Parser4(OPTIONS);

export const CANDIDATES: { name: string; decode: Decode }[] = [
  { name: 'codec (one-pass reader, xml-reader.ts, shipped)', decode: (t) => decodeXml(t, { maxBytes: MAX_BYTES }) },
  { name: 'fxp 5 + XMLValidator (replica)', decode: replica(p5, Validator5) },
  { name: 'fxp 5, no XMLValidator', decode: replica(p5, null) },
  { name: 'fxp 4.5 + XMLValidator', decode: replica(p4, Validator4) },
  { name: 'fxp 4.5, no XMLValidator', decode: replica(p4, null) },
];

// ---- documents --------------------------------------------------------------------------------

export function scheduleReply(days: number): string {
  const sim = createHisSimulator({ signKey: 'bench-sign-key-000', hospitalId: 'bench' });
  const today = beijingDate(new Date());
  const end = new Date(Date.parse(`${today}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return encodeXml('response', simMethods.querySchedule!(sim.state, { startDate: today, endDate: end }));
}

/** A lock reply as HIS sends it (insertSubscription), with a declaration and a character reference. */
const SMALL = '<?xml version="1.0" encoding="UTF-8"?>\n<response><result>success</result><message>&#25104;&#21151;</message><subscriptionId>YY00000042</subscriptionId><amount>15.00</amount></response>';

// ---- safety -----------------------------------------------------------------------------------

const DOCTYPES = [
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><response><result>&lol2;</result></response>',
  '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><response><result>&xxe;</result></response>',
  '<!doctype response><response><result>success</result></response>',
  '<! DOCTYPE response><response/>',
  '<response><!ENTITY x "y"><result>success</result></response>',
];

const MALFORMED = [
  '<response><result>success</result><message>ok</msg></response>', // the simulator's own malformed fault
  '<a>1</b>',
  '<a><b>1</a></b>',
  '<a><b>1</b>',
  '<a>1',
  '<a>1</a><b>2</b>',
  '<a>1</a>trailing',
  'not xml at all',
  '',
  '<a>x & y</a>',
  '<a>x < y</a>',
  '<1a>x</1a>',
  '<a b=1>x</a>',
  '<a><!-- never closed </a>',
  '<a><![CDATA[never closed</a>',
  '<a>&nbsp;</a>',
  '<a>&#0;</a>',
  '<a>&#xD800;</a>',
];

const STRINGS_XML = '<r><a>007</a><b>1e3</b><c>true</c><d>0x1F</d><e> 12 </e><f/><g>-0</g><h>1.50</h><i>0012345678901234567890</i><j>&#x41;&amp;#x41;</j><k><![CDATA[ 5 ]]></k></r>';
const STRINGS_WANT = { a: '007', b: '1e3', c: 'true', d: '0x1F', e: '12', f: '', g: '-0', h: '1.50', i: '0012345678901234567890', j: 'A&#x41;', k: '5' };

export interface Safety {
  doctype: string;
  malformed: string;
  strings: string;
  sameAsCodec: boolean;
  safe: boolean;
  accepted: string[];
}

function rejects(decode: Decode, xml: string, reason?: string): boolean {
  try {
    decode(xml);
    return false;
  } catch (err) {
    return err instanceof XmlDecodeError && (reason === undefined || err.reason === reason);
  }
}

export function checkSafety(decode: Decode, reference: Decode, docs: string[]): Safety {
  const dt = DOCTYPES.filter((x) => rejects(decode, x, 'doctype')).length;
  const accepted = MALFORMED.filter((x) => !rejects(decode, x));
  let stringsOk = false;
  try {
    stringsOk = isDeepStrictEqual(decode(STRINGS_XML).value, STRINGS_WANT);
  } catch {
    stringsOk = false;
  }
  const sameAsCodec = docs.every((d) => isDeepStrictEqual(decode(d), reference(d)));
  return {
    doctype: `${dt}/${DOCTYPES.length}`,
    malformed: `${MALFORMED.length - accepted.length}/${MALFORMED.length}`,
    strings: stringsOk ? 'yes' : 'NO',
    sameAsCodec,
    safe: dt === DOCTYPES.length && accepted.length === 0 && stringsOk && sameAsCodec,
    accepted,
  };
}

// ---- timing -----------------------------------------------------------------------------------

export interface XmlResult {
  summary: SummaryRow[];
  chosen: string;
  ratio: number;
}

export async function runXmlBench(opts: { roundMs?: number; rounds?: number } = {}): Promise<XmlResult> {
  const roundMs = opts.roundMs ?? envNumber('XML_MS', 400);
  const rounds = opts.rounds ?? envNumber('XML_ROUNDS', 5);
  const docs = [
    { name: 'small (lock reply)', xml: SMALL },
    { name: 'querySchedule 3 days', xml: scheduleReply(3) },
    { name: 'querySchedule 7 days (what the BFF asks)', xml: scheduleReply(7) },
  ];
  const docInfo = docs.map((d) => ({ ...d, bytes: Buffer.byteLength(d.xml), rows: (d.xml.match(/<data>/g) ?? []).length }));
  console.log(`\n== XML decode + validate (${machine()})`);
  for (const d of docInfo) console.log(`   ${d.name}: ${d.bytes} bytes, ${d.rows} <data> rows`);

  const reference = CANDIDATES[0]!.decode;
  const safety = CANDIDATES.map((c) => checkSafety(c.decode, reference, docs.map((d) => d.xml)));

  // µs per document: rounds interleave candidates so drift (JIT, thermal, neighbours) hits all alike.
  const perDoc: number[][][] = CANDIDATES.map(() => docs.map(() => []));
  for (const c of CANDIDATES) for (const d of docs) timeLoop(() => c.decode(d.xml), 100); // warm-up
  for (let r = 0; r < rounds; r++) {
    CANDIDATES.forEach((c, ci) =>
      docs.forEach((d, di) => {
        const { calls, ns } = timeLoop(() => c.decode(d.xml), roundMs, d.xml.length > 10_000 ? 1 : 32);
        perDoc[ci]![di]!.push(ns / calls / 1000);
      }),
    );
  }
  const us = perDoc.map((byDoc) => byDoc.map(median));

  const headers = ['candidate', 'safe', 'DOCTYPE refused', 'malformed rejected', 'strings kept', ...docInfo.map((d) => `µs/doc ${d.bytes} B`), 'µs/KB (3-day)', 'vs codec (3-day)'];
  const mid = 1;
  const codecUs = us[0]![mid]!;
  const rows = CANDIDATES.map((c, i) => [
    c.name,
    safety[i]!.safe ? 'yes' : 'NO',
    safety[i]!.doctype,
    safety[i]!.malformed + (safety[i]!.accepted.length ? ` (accepts ${safety[i]!.accepted.map((a) => JSON.stringify(a.slice(0, 24))).join(', ')})` : ''),
    safety[i]!.strings,
    ...us[i]!.map((u) => fmt(u, 1)),
    fmt(us[i]![mid]! / (docInfo[mid]!.bytes / 1024), 2),
    `${fmt(codecUs / us[i]![mid]!, 2)}×`,
  ]);
  console.log(table(headers, rows));

  // Where the time goes in the shipped pipeline (3-day reply).
  const x = docs[mid]!.xml;
  const resolved = resolveCharRefs(x);
  const raw5 = p5.parse(resolved);
  const steps: [string, () => unknown][] = [
    ['DTD regex', () => DTD.test(x)],
    ['XMLValidator 5', () => Validator5.validate(x)],
    ['XMLValidator 4.5', () => Validator4.validate(x)],
    ['resolveCharRefs', () => resolveCharRefs(x)],
    ['XMLParser 5 parse', () => p5.parse(resolved)],
    ['XMLParser 4.5 parse', () => p4.parse(resolved)],
    ['normalize', () => normalize(raw5)],
  ];
  const stepRows = steps.map(([name, fn]) => {
    timeLoop(fn, 100, 1);
    const t = median(Array.from({ length: rounds }, () => {
      const { calls, ns } = timeLoop(fn, Math.max(100, roundMs / 2), 1);
      return ns / calls / 1000;
    }));
    return [name, fmt(t, 1), `${fmt((100 * t) / codecUs, 0)}%`];
  });
  console.log(`\nBreakdown on the ${docInfo[mid]!.bytes}-byte reply (share of the codec's ${fmt(codecUs, 1)} µs):`);
  console.log(table(['step', 'µs', 'share'], stepRows));

  // The choice: fastest safe candidate on the realistic reply.
  const safeIdx = CANDIDATES.map((_, i) => i).filter((i) => safety[i]!.safe);
  const best = safeIdx.reduce((a, b) => (us[b]![mid]! < us[a]![mid]! ? b : a), 0);
  const ratio = codecUs / us[best]![mid]!;
  console.log(`\nFastest safe: ${CANDIDATES[best]!.name} — ${fmt(us[best]![mid]!, 1)} µs per ${docInfo[mid]!.bytes}-byte reply, ${fmt(ratio, 2)}× the shipped codec.`);
  const unsafe = CANDIDATES.filter((_, i) => !safety[i]!.safe).map((c) => c.name);
  if (unsafe.length) console.log(`Unsafe (not eligible): ${unsafe.join('; ')}`);

  return {
    chosen: CANDIDATES[best]!.name,
    ratio,
    summary: [
      { bench: 'xml', metric: `codec µs/doc, ${docInfo[0]!.bytes} B`, value: fmt(us[0]![0]!, 1), goal: '-', verdict: 'info' },
      { bench: 'xml', metric: `codec µs/doc, ${docInfo[mid]!.bytes} B (${fmt(us[0]![mid]! / (docInfo[mid]!.bytes / 1024), 2)} µs/KB)`, value: fmt(codecUs, 1), goal: '-', verdict: 'info' },
      { bench: 'xml', metric: 'fastest safe candidate / codec speed', value: `${fmt(ratio, 2)}× (${CANDIDATES[best]!.name})`, goal: 'safe only', verdict: 'info' },
    ],
  };
}

if (require.main === module) {
  runXmlBench().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
