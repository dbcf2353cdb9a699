import { hisSign } from './his-sign';
import { encodeHisPush, encodeHisReply, HisPushParseError, parseHisPush, verifyHisPushSign } from './his-push.codec';
import { decodeXml } from './xml-codec';

const KEY = 'push-sign-key-123';
const data = {
  hospitalId: 'demoyyadmin',
  idCard: '43070219880512456X',
  realName: '李思思',
  oldPatientCard: 'xn001',
  newPatientCard: '000002',
};
const sign = hisSign({ dataType: 'ReplacePatientCard', ...data }, KEY);
const dataXml = Object.entries(data)
  .map(([k, v]) => `<${k}>${v}</${k}>`)
  .join('\n    ');

describe('parseHisPush (section 4.5 and 16 shapes)', () => {
  it('reads the XML shape with the sign at the top level', () => {
    const xml = `<request>\n  <dataType>ReplacePatientCard</dataType>\n  <data>\n    ${dataXml}\n  </data>\n  <sign>${sign}</sign>\n</request>`;
    const push = parseHisPush(xml, 'application/xml; charset=utf-8');
    expect(push).toEqual({ dataType: 'ReplacePatientCard', fields: data, sign });
    expect(verifyHisPushSign(push, KEY)).toBe(true);
  });

  it('reads the XML shape with the sign inside data, from a Buffer sent as text/plain', () => {
    const xml = `<request><dataType>ReplacePatientCard</dataType><data>${dataXml}<sign>${sign}</sign></data></request>`;
    const push = parseHisPush(Buffer.from(xml), 'text/plain');
    expect(push.fields).toEqual(data);
    expect(push.sign).toBe(sign);
    expect(verifyHisPushSign(push, KEY)).toBe(true);
  });

  it('reads the JSON shape', () => {
    const push = parseHisPush(JSON.stringify({ dataType: 'ReplacePatientCard', data, sign }), 'application/json');
    expect(push).toEqual({ dataType: 'ReplacePatientCard', fields: data, sign });
    expect(verifyHisPushSign(push, KEY)).toBe(true);
  });

  it('reads flat JSON without a data wrapper (16.9), trimming padded keys and ignoring prototype keys', () => {
    const body = '{"hospitalId":"witonyy","scheduleId":"110010010"," clinicTime ":"上午","fee":15,"__proto__":{"x":1},"sign":"S"}';
    const push = parseHisPush(body, undefined);
    expect(push).toEqual({ dataType: '', fields: { hospitalId: 'witonyy', scheduleId: '110010010', clinicTime: '上午', fee: '15' }, sign: 'S' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses a bad signature: tampered field, wrong key, or none at all', () => {
    const xml = (fields: Record<string, string>, s?: string) => encodeHisPush('ReplacePatientCard', fields, KEY).replace(/<sign>.*<\/sign>/, s ? `<sign>${s}</sign>` : '');
    const good = parseHisPush(xml(data, sign), 'application/xml');
    expect(verifyHisPushSign(good, KEY)).toBe(true);
    expect(verifyHisPushSign(good, 'another-key-456')).toBe(false);
    expect(verifyHisPushSign(parseHisPush(xml({ ...data, newPatientCard: '999999' }, sign), 'application/xml'), KEY)).toBe(false);
    expect(verifyHisPushSign(parseHisPush(xml(data), 'application/xml'), KEY)).toBe(false);
    const json = parseHisPush(JSON.stringify({ dataType: 'ReplacePatientCard', data: { ...data, oldPatientCard: 'xn002' }, sign }), 'application/json');
    expect(verifyHisPushSign(json, KEY)).toBe(false);
  });

  it('does not sign realName, so a differently written name still verifies', () => {
    const push = parseHisPush(encodeHisPush('ReplacePatientCard', data, KEY), 'application/xml');
    expect(verifyHisPushSign({ ...push, fields: { ...push.fields, realName: '李 思思' } }, KEY)).toBe(true);
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><request>&x;</request>', 'application/xml', 'doctype'],
    ['malformed XML', '<request><dataType>x</data></request>', 'application/xml', 'malformed'],
    ['malformed JSON', '{"dataType":', 'application/json', 'malformed'],
    ['a JSON array', '[1,2]', 'application/json', 'shape'],
    ['another root', '<response><result>success</result></response>', 'text/xml', 'shape'],
    ['an oversized body', `<request>${'x'.repeat(300 * 1024)}</request>`, 'text/xml', 'too_large'],
  ])('rejects %s', (_name, body, ct, reason) => {
    expect(() => parseHisPush(body, ct)).toThrow(HisPushParseError);
    try {
      parseHisPush(body, ct);
    } catch (err) {
      expect((err as HisPushParseError).reason).toBe(reason);
    }
  });
});

describe('encodeHisReply', () => {
  it('writes the response document HIS expects, escaping the message', () => {
    expect(encodeHisReply('success', '')).toBe('<response><result>success</result><message></message></response>');
    const xml = encodeHisReply('error', '签名错误 <sign> & co');
    expect(decodeXml(xml, { maxBytes: 1024 }).value).toEqual({ result: 'error', message: '签名错误 <sign> & co' });
  });
});
