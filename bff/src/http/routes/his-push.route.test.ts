import { encodeHisPush, hisSeed as seed, hisSign } from '../../adapters/his';
import { startTestBff, type TestBff } from '../../../../test/support/bff';

const li = seed.virtualCard;
const KEY = 'demo-his-sign-key-change-me';

describe('HIS card-replacement push (section 4.5) at POST /his/pushHisData', () => {
  let bff: TestBff;
  let tokens: string[];
  beforeAll(async () => {
    bff = await startTestBff({ name: 'push' });
    // The same person bound in two accounts: both bindings must move.
    tokens = [await bff.login('family-a'), await bff.login('family-b')];
    for (const token of tokens) {
      const r = await bff.bind(token, li, 'other');
      expect(r.status).toBe(200);
    }
  });
  afterAll(async () => {
    await bff.close();
  });

  const cards = async () => Promise.all(tokens.map(async (token) => (await bff.request('GET', '/api/patients', { token })).body.patients[0]));
  const post = (body: string, type = 'application/xml') => bff.request('POST', '/his/pushHisData', { body, headers: { 'content-type': type } });

  it('refuses a forged signature and changes nothing', async () => {
    const forged = encodeHisPush('ReplacePatientCard', { hospitalId: 'demoyyadmin', idCard: li.idCard, realName: li.realName, oldPatientCard: li.patientCard, newPatientCard: 'st666' }, 'wrong-key-123');
    const r = await post(forged);
    expect(r.status).toBe(401);
    expect(r.body).toContain('<result>error</result>');
    expect((await cards()).map((p) => p.patientCard)).toEqual([li.patientCard, li.patientCard]);
  });

  it('refuses malformed XML and a DOCTYPE with an error reply', async () => {
    expect((await post('<request><dataType>ReplacePatientCard</data></request>')).body).toContain('<result>error</result>');
    expect((await post('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><request/>')).body).toContain('<result>error</result>');
    expect((await cards()).map((p) => p.patientCard)).toEqual([li.patientCard, li.patientCard]);
  });

  it('moves every binding to the physical card, and a repeat changes nothing more', async () => {
    const r = await bff.sims.his!.pushReplaceCard(`${bff.url}/his/pushHisData`, { idCard: li.idCard, realName: li.realName, oldPatientCard: li.patientCard, newPatientCard: 'st002' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<result>success</result>');
    expect((await cards()).map((p) => [p.patientCard, p.cardKind])).toEqual([['st002', 'physical'], ['st002', 'physical']]);
    const again = await post(encodeHisPush('ReplacePatientCard', { hospitalId: 'demoyyadmin', idCard: li.idCard, realName: li.realName, oldPatientCard: li.patientCard, newPatientCard: 'st002' }, KEY));
    expect(again.body).toContain('<result>success</result>');
    expect((await cards()).map((p) => p.patientCard)).toEqual(['st002', 'st002']);
    const rows = await bff.deps.store.db.selectFrom('inbound_messages').selectAll().where('kind', '=', 'ReplacePatientCard').execute();
    expect(rows).toHaveLength(1);
  });

  it('accepts the JSON form and answers in JSON', async () => {
    const data = { hospitalId: 'demoyyadmin', idCard: li.idCard, realName: li.realName, oldPatientCard: 'st002', newPatientCard: 'st003' };
    const sign = hisSign({ dataType: 'ReplacePatientCard', ...data }, KEY);
    const r = await post(JSON.stringify({ dataType: 'ReplacePatientCard', data, sign }), 'application/json');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ result: 'success', message: '' });
    expect((await cards()).map((p) => p.patientCard)).toEqual(['st003', 'st003']);
  });

  it('refuses a push for another hospital or with an invalid ID number', async () => {
    const other = encodeHisPush('ReplacePatientCard', { hospitalId: 'otherhospital', idCard: li.idCard, realName: li.realName, oldPatientCard: 'st003', newPatientCard: 'st9' }, KEY);
    expect((await post(other)).body).toContain('<result>error</result>');
    const badId = encodeHisPush('ReplacePatientCard', { hospitalId: 'demoyyadmin', idCard: '123', realName: li.realName, oldPatientCard: 'st003', newPatientCard: 'st9' }, KEY);
    expect((await post(badId)).body).toContain('<result>error</result>');
    expect((await cards()).map((p) => p.patientCard)).toEqual(['st003', 'st003']);
  });
});

describe('HIS push IP allowlist', () => {
  it('refuses callers outside the list', async () => {
    const bff = await startTestBff({ name: 'allow', config: { his: { mode: 'sim', pushIpAllowlist: ['10.9.9.9'] } as never } });
    const r = await bff.request('POST', '/his/pushHisData', { body: '<request/>', headers: { 'content-type': 'application/xml' } });
    expect(r.status).toBe(403);
    await bff.close();
  });
});
