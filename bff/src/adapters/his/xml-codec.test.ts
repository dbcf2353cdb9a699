import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeXml, encodeXml, escapeXml, XmlDecodeError, type XmlDecodeReason } from './xml-codec';

const MAX = 64 * 1024;
const decode = (xml: string | Buffer, maxBytes = MAX) => decodeXml(xml, { maxBytes });

function rejection(fn: () => unknown): XmlDecodeReason {
  try {
    fn();
  } catch (err) {
    if (err instanceof XmlDecodeError) return err.reason;
    throw err;
  }
  throw new Error('expected XmlDecodeError');
}

function timed(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

describe('decodeXml refuses hostile documents', () => {
  let server: Server;
  let hits = 0;
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.end('<!ENTITY leak "secret">');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/evil`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('rejects a billion-laughs document quickly', () => {
    const lols = ['<!ENTITY lol "lol">'];
    for (let i = 1; i < 10; i++) lols.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const doc = `<?xml version="1.0"?><!DOCTYPE lolz [${lols.join('')}]><lolz>&lol9;</lolz>`;
    let reason: XmlDecodeReason | undefined;
    const ms = timed(() => (reason = rejection(() => decode(doc))));
    expect(reason).toBe('doctype');
    expect(ms).toBeLessThan(200);
  });

  it('rejects external entities (XXE) without fetching anything', async () => {
    const docs = [
      `<!DOCTYPE r [<!ENTITY x SYSTEM "${url}">]><r>&x;</r>`,
      `<!doctype r [<!ENTITY % p SYSTEM "${url}"> %p;]><r>&leak;</r>`,
      `<!DOCTYPE r SYSTEM "${url}"><r/>`,
      `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`,
      `<r><!ENTITY x "y"></r>`,
    ];
    for (const doc of docs) {
      const ms = timed(() => expect(rejection(() => decode(doc))).toBe('doctype'));
      expect(ms).toBeLessThan(200);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(hits).toBe(0);
  });

  it('rejects an oversized body before parsing', () => {
    const big = `<r>${'x'.repeat(MAX)}</r>`;
    let reason: XmlDecodeReason | undefined;
    const ms = timed(() => (reason = rejection(() => decode(big))));
    expect(reason).toBe('too_large');
    expect(ms).toBeLessThan(200);
    // Bytes, not characters: 3-byte Chinese characters count three times.
    expect(rejection(() => decode(`<r>${'中'.repeat(30)}</r>`, 80))).toBe('too_large');
    expect(rejection(() => decode(Buffer.alloc(MAX + 1, 0x20)))).toBe('too_large');
  });

  it.each([
    ['mismatched tags', '<a>1</b>'],
    ['unclosed tag', '<a><b>1</b>'],
    ['two roots', '<a>1</a><b>2</b>'],
    ['text after the root', '<a>1</a>junk'],
    ['bare ampersand', '<a>A & B</a>'],
    ['undeclared entity', '<a>&nbsp;</a>'],
    ['character reference to NUL', '<a>&#0;</a>'],
    ['surrogate reference', '<a>&#xD800;</a>'],
    ['not XML at all', 'hello'],
    ['empty document', ''],
    ['invalid UTF-8', Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])],
  ])('rejects malformed input: %s', (_name, doc) => {
    expect(rejection(() => decode(doc))).toBe('malformed');
  });
});

describe('decodeXml keeps values exactly', () => {
  it('keeps every value as the string the sender wrote', () => {
    const { root, value } = decode(
      '<?xml version="1.0" encoding="UTF-8"?><response><card>000123</card><id>12345678901234567</id>' +
        '<big>123456789012345678901234</big><idCard>43070219920410092X</idCard><phone>+8613800138000</phone>' +
        '<amt>15.0</amt><flag>true</flag><hex>0x1F</hex><exp>1e5</exp></response>',
    );
    expect(root).toBe('response');
    expect(value).toEqual({
      card: '000123',
      id: '12345678901234567',
      big: '123456789012345678901234',
      idCard: '43070219920410092X',
      phone: '+8613800138000',
      amt: '15.0',
      flag: 'true',
      hex: '0x1F',
      exp: '1e5',
    });
  });

  it('decodes predefined and numeric character references, once', () => {
    const { value } = decode(
      '<r><a>&amp;&lt;&gt;&quot;&apos;</a><b>&#x4E2D;&#20013;&#x1F600;</b><c>&#60;tag&#62; &#38;</c><d>&amp;lt; &amp;#x41;</d><e>&#38;lt;</e></r>',
    );
    expect(value).toEqual({ a: `&<>"'`, b: '中中😀', c: '<tag> &', d: '&lt; &#x41;', e: '&lt;' });
  });

  it('reads CDATA as text, without decoding inside it', () => {
    const { value } = decode('<r><a><![CDATA[<x>&amp;</x>]]></a><b>  <![CDATA[  张三  ]]>  </b><c><![CDATA[&#x41;]]></c></r>');
    expect(value).toEqual({ a: '<x>&amp;</x>', b: '张三', c: '&#x41;' });
  });

  it('trims whitespace, reads empty elements as empty strings and repeats as lists', () => {
    const { value } = decode('<r>\n  <a>\n   张三 \t</a>\n  <b/>\n  <c></c>\n  <d>   </d>\n  <i><n>1</n></i><i><n>2</n></i>\n</r>');
    expect(value).toEqual({ a: '张三', b: '', c: '', d: '', i: [{ n: '1' }, { n: '2' }] });
  });

  it('ignores attributes and comments, and strips namespace prefixes on request', () => {
    const xml = '<s:Envelope xmlns:s="urn:x"><!-- note --><s:Body><m:fooResponse xmlns:m="urn:y"><return a="1">ok</return></m:fooResponse></s:Body></s:Envelope>';
    expect(decodeXml(xml, { maxBytes: MAX, stripNamespaces: true })).toEqual({ root: 'Envelope', value: { Body: { fooResponse: { return: 'ok' } } } });
  });
});

describe('encodeXml', () => {
  it('escapes text so that it decodes back to the same values', () => {
    const fields = { realName: `O'Brien <张> & "Co"`, idCard: '43070219920410092X', card: '000123', nested: { a: ']]>' } };
    const xml = encodeXml('request', { ...fields, empty: '', skipped: undefined, nil: null });
    expect(xml).not.toContain('skipped');
    expect(decode(xml)).toEqual({ root: 'request', value: { ...fields, empty: '', nil: '' } });
  });

  it('refuses characters and names XML cannot carry', () => {
    expect(() => escapeXml('a\u0000b')).toThrow(TypeError);
    expect(() => encodeXml('request', { 'bad name': 'x' })).toThrow(TypeError);
    expect(() => encodeXml('<x>', {})).toThrow(TypeError);
  });

  it('repeats an element once per item of an array (lists of <data>)', () => {
    const xml = encodeXml('response', { result: 'success', content: { data: [{ a: '1' }, { a: '2' }] }, empty: { data: [] } });
    expect(xml).toBe('<response><result>success</result><content><data><a>1</a></data><data><a>2</a></data></content><empty></empty></response>');
  });
});
