import { encodeGbk } from '../../adapters/his/gbk-encode';
import { encodeHisPush, hisSeed as seed, hisSign } from '../../adapters/his';
import { xmlReader } from '../../adapters/his/xml-reader';
import { startTestBff, type TestBff } from '../../../../test/support/bff';

const KEY = 'demo-his-sign-key-change-me';
const HOSPITAL = 'demoyyadmin';
const li = seed.virtualCard;

/** A flat, signed 16.9 stop-schedule body. */
function stopBody(fields: Record<string, string>, key = KEY): string {
  return JSON.stringify({ ...fields, sign: hisSign(fields, key) });
}

describe('callbacks from HIS and the platform under attack', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'callbacks', config: { pushes: { maxBytes: 8 * 1024, perMinute: 1000 } } });
  });
  afterAll(async () => {
    await bff.close();
  });
  const his = (path: string, body: string | Buffer, type = 'application/xml') =>
    fetch(`${bff.url}/his/${path}`, { method: 'POST', headers: { 'content-type': type }, body }).then(async (r) => ({ status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() }));
  const stopped = async () => (await bff.deps.store.db.selectFrom('stopped_schedules').select('schedule_id').execute()).map((r) => r.schedule_id);

  it('refuses an oversized push before reading it, in HIS XML', async () => {
    const huge = `<request><dataType>ReplacePatientCard</dataType><data>${'<x>1</x>'.repeat(2000)}</data></request>`;
    const r = await his('pushHisData', huge);
    expect(r.status).toBe(413);
    expect(r.body).toContain('<result>error</result>');
  });

  it('refuses a content type HIS never sends, in its format', async () => {
    const r = await his('pushHisData', 'a=1', 'application/x-www-form-urlencoded');
    expect(r.status).toBe(415);
    expect(r.body).toContain('<result>error</result>');
  });

  it('checks the signature of an XML push before the validating parser runs', async () => {
    // The codec's one strict pass (xml-reader.ts) is the validating parser.
    const spy = jest.spyOn(xmlReader, 'readXml');
    const forged = encodeHisPush('ReplacePatientCard', { hospitalId: HOSPITAL, idCard: li.idCard, realName: li.realName, oldPatientCard: li.patientCard, newPatientCard: 'st666' }, 'forger-key-0000');
    const r = await his('pushHisData', forged);
    expect(r.status).toBe(401);
    expect(spy).not.toHaveBeenCalled();
    // A genuine push still goes through the validating parser.
    await his('pushHisData', encodeHisPush('ReplacePatientCard', { hospitalId: HOSPITAL, idCard: li.idCard, realName: li.realName, oldPatientCard: 'none-such', newPatientCard: 'st667' }, KEY));
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('answers malformed JSON to HIS in HIS JSON and to the platform in platform codes', async () => {
    const h = await his('pushStopSchedule', '{"scheduleId": ', 'application/json');
    expect(h.status).toBe(400);
    expect(JSON.parse(h.body)).toEqual({ result: 'error', message: 'malformed request' });
    for (const path of ['/pay/notify', '/pay/push']) {
      const r = await fetch(`${bff.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"transType": ' });
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ respCode: '000004' });
    }
  });

  it('refuses a stop for a date that does not exist, and stops nothing', async () => {
    const r = await his('pushStopSchedule', stopBody({ hospitalId: HOSPITAL, scheduleId: 'S-BAD-DATE', clinicDate: '2026-99-99' }), 'application/json');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ result: 'error', message: expect.stringContaining('clinicDate') });
    expect(await stopped()).not.toContain('S-BAD-DATE');
  });

  it('refuses control characters in a signed push with the field name, never a 500', async () => {
    const r = await his('pushStopSchedule', stopBody({ hospitalId: HOSPITAL, scheduleId: 'S\u0000NUL', clinicDate: '2026-12-01' }), 'application/json');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toEqual({ result: 'error', message: 'invalid data: scheduleId' });
    expect(await stopped()).toEqual([]);
  });

  describe('GBK pushes (many HIS send GBK)', () => {
    const fields = { hospitalId: HOSPITAL, scheduleId: 'S-GBK-1', clinicDate: '2026-12-02', clinicTime: '上午', departmentCode: '内科' };
    const xmlOf = (sign: string) =>
      `<?xml version="1.0" encoding="GBK"?><request>${Object.entries(fields).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}<sign>${sign}</sign></request>`;
    const gbkSign = () => {
      const base = Object.keys(fields).sort().map((k) => `${k}=${fields[k as keyof typeof fields]}`).join('&');
      return require('node:crypto').createHash('md5').update(encodeGbk(`${base}&key=${KEY}`)!).digest('hex').toUpperCase() as string;
    };

    it('reads the XML declaration and takes a signature over the UTF-8 text', async () => {
      const body = encodeGbk(xmlOf(hisSign(fields, KEY)))!;
      const r = await his('pushStopSchedule', body, 'text/xml');
      expect(r.body).toContain('<result>success</result>');
      expect(await stopped()).toContain('S-GBK-1');
    });

    it('honours the Content-Type charset and takes a signature over the GBK bytes', async () => {
      fields.scheduleId = 'S-GBK-2';
      const body = encodeGbk(xmlOf(gbkSign()).replace(' encoding="GBK"', ''))!;
      const r = await his('pushStopSchedule', body, 'text/xml; charset=GB18030');
      expect(r.body).toContain('<result>success</result>');
      expect(await stopped()).toContain('S-GBK-2');
    });

    it('refuses bytes that are not the named charset', async () => {
      const r = await his('pushStopSchedule', Buffer.from([0x3c, 0x72, 0xff, 0xff, 0x3e]), 'text/xml; charset=utf-8');
      expect(r.status).toBe(400);
      expect(r.body).toContain('<result>error</result>');
    });
  });
});

describe('callback rate limit per caller', () => {
  it('refuses a caller past its limit in its own format, and keeps the others', async () => {
    const bff = await startTestBff({ name: 'callback-rate', config: { pushes: { maxBytes: 65536, perMinute: 3 } } });
    try {
      const statuses: number[] = [];
      let last = '';
      for (let i = 0; i < 5; i += 1) {
        const r = await fetch(`${bff.url}/his/pushHisData`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<request/>' });
        statuses.push(r.status);
        last = await r.text();
      }
      // The window may turn over between requests: at most one extra request in a new window.
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
      expect(last).toContain('<result>error</result>');
      const pay = await fetch(`${bff.url}/pay/notify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      // The platform has its own window: refused for its content, not its rate.
      expect(pay.status).toBe(401);
      expect(await pay.json()).toMatchObject({ respCode: '000002' });
    } finally {
      await bff.close();
    }
  });
});
