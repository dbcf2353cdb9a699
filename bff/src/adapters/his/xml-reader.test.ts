import { isDeepStrictEqual } from 'node:util';
import { formerDecode } from '../../../../test/support/xml-former-decode';
import { createSeedState, seed } from './sim/seed';
import { simMethods } from './sim/sim-methods';
import { decodeXml, encodeXml, XmlDecodeError } from './xml-codec';

/**
 * Differential: the one-pass reader must give the tree the former pipeline gave (fast-xml-parser
 * 4.5's XMLValidator, character references resolved first, XMLParser with the codec's options,
 * normalised) on every document that pipeline accepted, and refuse every document it refused.
 */


const deep = (n: number) => '<a>'.repeat(n) + 'x' + '</a>'.repeat(n);

const ACCEPTED = [
  '<?xml version="1.0" encoding="UTF-8"?>\n<response><result>success</result><message>&#25104;&#21151;</message></response>\n<!-- trailer -->\n',
  '<r>\r\n  <a>line1\r\nline2\rline3</a><b>&#13;&#10;x&#13;</b><c><![CDATA[a\r\nb]]></c>\r\n</r>',
  '<r>text<b>1</b>more<c/>tail</r>',
  '<r>  a <!-- c --> b  <x>1</x></r>',
  '<r>a<?pi data?>b</r>',
  '<r>a<![CDATA[ b ]]>c</r>',
  '<r><a><![CDATA[]]></a><b><![CDATA[   ]]><i/></b><c>  <![CDATA[ x ]]>  </c></r>',
  '<r><a x="1>2" y=\'&amp;\'>v</a><b  z = "q" /><c/><d\n/><e></e ></r>',
  '<r><data><n>1</n></data><other/><data><n>2</n></data><data>3</data><data/></r>',
  '<s:Envelope xmlns:s="urn:x"><s:Body><m:f xmlns:m="urn:y"><return>ok</return><a:b:c>z</a:b:c></m:f></s:Body></s:Envelope>',
  '<响应><结果>成功</结果><名·字>张三</名·字></响应>',
  '<r><__proto__><x>1</x></__proto__><constructor>2</constructor><toString/></r>',
  '<r><a>&#x20;x&#x20;</a><b>&#x3000;中&#xA0;</b><c>&amp;lt;&#38;amp;</c><d>&#x3C;b&#x3E;</d></r>',
  '<r><a>x]]>y</a><b>a > b</b></r>',
  '<?xml-stylesheet href="a"?><r/>',
  '<r/>',
  '<r>just text</r>',
  deep(101),
  encodeXml('response', simMethods.findOutpatientPay!(createSeedState(), { realName: seed.outpatient.realName, patientCard: seed.outpatient.patientCard })),
  encodeXml('response', simMethods.findClinicNo!(createSeedState(), { realName: seed.outpatient.realName, patientCard: seed.outpatient.patientCard })),
];

const REFUSED = [
  '<a>1</b>',
  '<a><b>1</a></b>',
  '<a>1',
  '<a>1</a><b/>',
  '<a/><b/>',
  ' x <a/>',
  '<a/> x',
  '<a>x & y</a>',
  '<a>x &amp y</a>',
  '<a>x < y</a>',
  '<1a/>',
  '<a b=1/>',
  '<a b="1"c="2"/>',
  '<a b="1" b="2"/>',
  '<a b/>',
  '<a b="<"/>',
  '<a b="&zz;"/>',
  '<a></a b>',
  '</a>',
  '<a><!-- open</a>',
  '<a><![CDATA[open</a>',
  '<a><?pi open</a>',
  '<a><!ELEMENT a ANY></a>',
  '<![CDATA[x]]><a/>',
  ' <?xml version="1.0"?><a/>',
  '<a/><?xml version="1.0"?>',
  '<a>&#0;</a>',
  '<a>&#xFFFE;</a>',
  '<a>&#99999999999999999999;</a>',
  '<a>&nbsp;</a>',
  '<a',
  '<a/',
  '',
  '   ',
  deep(102),
];

const decode = (xml: string, stripNamespaces = false) => decodeXml(xml, { maxBytes: 1 << 20, stripNamespaces });

describe('readXml (through decodeXml) against the former two-pass pipeline', () => {
  it.each(ACCEPTED.map((x) => [x.slice(0, 60), x]))('gives the same tree: %s', (_name, xml) => {
    for (const ns of [false, true]) {
      const want = formerDecode(xml, ns);
      const got = decode(xml, ns);
      expect(isDeepStrictEqual({ ...got }, want)).toBe(true);
      expect(got).toEqual(want);
    }
  });

  it.each(REFUSED.map((x) => [x.slice(0, 60), x]))('refuses as malformed: %s', (_name, xml) => {
    let err: unknown;
    try {
      decode(xml);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(XmlDecodeError);
    expect((err as XmlDecodeError).reason).toBe('malformed');
  });

  it('is stricter than the former pipeline only where XML itself forbids the document', () => {
    const formerAccepted = REFUSED.filter((x) => {
      try {
        formerDecode(x);
        return true;
      } catch {
        return false;
      }
    });
    // Text after a self-closed root, `<` in an attribute value, a DTD declaration inside an element,
    // and an XML declaration after the root: all not well-formed, all let through before.
    expect(formerAccepted).toEqual(['<a/> x', '<a b="<"/>', '<a><!ELEMENT a ANY></a>', '<a/><?xml version="1.0"?>']);
  });

  it('never lets a decoded name reach the prototype', () => {
    const { value } = decode('<r><__proto__><polluted>yes</polluted></__proto__></r>');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(value).toEqual({ '#__proto__': { polluted: 'yes' } });
  });
});
