/**
 * The XML pipeline the HIS codec used before its one-pass reader (fast-xml-parser 4.5: XMLValidator,
 * character references resolved first, XMLParser with the codec's options, normalised): the
 * reference the reader is held to by its differential test and fuzz.
 */
import { XMLParser, XMLValidator } from 'fxp4';

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g;
const CDATA_OR_COMMENT = /(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/;
const KEEP: Record<string, string> = { '<': '&lt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
const isXmlChar = (cp: number) => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

export function formerDecode(text: string, stripNamespaces = false): { root: string; value: unknown } {
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
