import { createHash } from 'node:crypto';
import { readForm, readPartnerRequest, refusalReply } from './refund-detail.codec';
import { partnerSign } from './partner-sign';

const SECRET = 'partner-secret-for-codec-test';

/** Section 17 written out again here, so a change in the shared signer cannot pass unnoticed. */
function md5Sign(fields: Record<string, string>, key: string): string {
  const base = Object.keys(fields).filter((k) => k !== 'sign' && fields[k] !== '').sort().map((k) => `${k}=${fields[k]}`).join('&');
  return createHash('md5').update(`${base}&key=${key}`, 'utf8').digest('hex').toUpperCase();
}

function form(fields: Record<string, string>): Buffer {
  return Buffer.from(new URLSearchParams(fields).toString());
}

const base = (): Record<string, string> => ({
  timestamp: '1764640000000', access_token: 'tok-0123456789abcdef', employee_id: '59b74c1323445f2d54dd07922', employee_type: '0',
  data: JSON.stringify({ refund_order_id: 'RF2512020101010000001' }),
});
const signed = (f = base()) => ({ ...f, sign: md5Sign(f, SECRET) });

describe('reading a partner request', () => {
  it('signs every form field but sign, data as the exact text sent', () => {
    const f = base();
    expect(partnerSign(f, SECRET)).toBe(md5Sign(f, SECRET));
    // realName is not special here: every field but sign is signed.
    expect(partnerSign({ ...f, realName: '张三' }, SECRET)).toBe(md5Sign({ ...f, realName: '张三' }, SECRET));
  });

  it('reads a well-formed request, with a signature that holds only for its secret and its exact fields', () => {
    const r = readPartnerRequest(form(signed()));
    expect(r).toMatchObject({ problem: null, accessToken: 'tok-0123456789abcdef', employeeId: '59b74c1323445f2d54dd07922', refundOrderId: 'RF2512020101010000001', timestampMs: 1764640000000 });
    expect(r.signedWith(SECRET)).toBe(true);
    expect(r.signedWith('another-partner-secret')).toBe(false);
    const tampered = { ...signed(), data: JSON.stringify({ refund_order_id: 'RF2512020101010000002' }) };
    expect(readPartnerRequest(form(tampered)).signedWith(SECRET)).toBe(false);
    const lowercase = { ...signed(), sign: md5Sign(base(), SECRET).toLowerCase() };
    expect(readPartnerRequest(form(lowercase)).signedWith(SECRET)).toBe(true);
  });

  it.each([
    ['no sign', (f: Record<string, string>) => delete f.sign, 'missing-field'],
    ['no employee_id', (f: Record<string, string>) => delete f.employee_id, 'missing-field'],
    ['empty data', (f: Record<string, string>) => (f.data = ''), 'missing-field'],
    ['a 10-digit timestamp', (f: Record<string, string>) => (f.timestamp = '1764640000'), 'malformed-timestamp'],
    ['a timestamp with letters', (f: Record<string, string>) => (f.timestamp = '17646400000x0'), 'malformed-timestamp'],
    ['employee_type 2', (f: Record<string, string>) => (f.employee_type = '2'), 'malformed-field'],
    ['data not JSON', (f: Record<string, string>) => (f.data = '{refund_order_id:'), 'malformed-data'],
    ['data without refund_order_id', (f: Record<string, string>) => (f.data = '{"order_id":"x"}'), 'malformed-data'],
    ['refund_order_id a number', (f: Record<string, string>) => (f.data = '{"refund_order_id":12}'), 'malformed-data'],
    ['data a list', (f: Record<string, string>) => (f.data = '[]'), 'malformed-data'],
  ])('names the problem: %s', (_name, breakIt, problem) => {
    const f = signed();
    breakIt(f);
    expect(readPartnerRequest(form(f)).problem).toBe(problem);
  });

  it('refuses a form with a field twice, control characters or bytes that are not UTF-8', () => {
    expect(readForm(Buffer.from('a=1&a=2'))).toBeNull();
    expect(readForm(Buffer.from('a=%00'))).toBeNull();
    expect(readForm(Buffer.from('a=%FF'))).toBeNull();
    expect(readForm(Buffer.from([0x61, 0x3d, 0xff]))).toBeNull();
    expect(readPartnerRequest(Buffer.from('a=1&a=2')).problem).toBe('malformed-form');
    expect(readForm(Buffer.from('a=%E5%BC%A0&b=+x'))).toEqual({ a: '张', b: ' x' });
  });

  it('a refusal is code 1 with a message and no data; an unknown order reads as another partner’s', () => {
    const r = refusalReply('bad-sign', 'req-1');
    expect(r).toEqual({ code: 1, msg: 'invalid sign', request_id: 'req-1' });
    expect(refusalReply('not-found', 'x').msg).toBe(refusalReply('not-entitled', 'x').msg);
  });
});
