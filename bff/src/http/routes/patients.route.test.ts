import { hisSeed as seed } from '../../adapters/his';
import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { acceptTerms, bindVia } from '../../../../test/support/binding';

const zhang = seed.outpatient;
const bindZhang = { realName: zhang.realName, idNumber: zhang.idCard, phone: zhang.phone, patientCard: zhang.patientCard, relation: 'self' };

describe('patients API', () => {
  let bff: TestBff;
  let token: string;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'patients' });
  });
  afterAll(async () => {
    await bff.close();
  });
  beforeEach(async () => {
    token = await bff.login(`user${Math.random().toString(36).slice(2, 10)}`);
  });

  it('binds an existing card after HIS confirms it, and lists it masked', async () => {
    const bound = await bff.bind(token, zhang);
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ realName: '张三', patientCard: zhang.patientCard, idNumberMasked: '110105********1239', phoneMasked: '138****8000' });
    const list = await bff.request('GET', '/api/patients', { token });
    expect(list.body.patients).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(zhang.idCard);
    expect(JSON.stringify(list.body)).not.toContain(zhang.phone);
    expect(bff.sims.his!.calls.some((c) => c.method === 'checkPatientCard' && c.fields.patientCard === zhang.patientCard)).toBe(true);
  });

  it('refuses a card that HIS says belongs to someone else, and keeps nothing', async () => {
    const r = await bff.bind(token, { ...zhang, realName: '李四' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('PATIENT_MISMATCH');
    expect((await bff.request('GET', '/api/patients', { token })).body.patients).toEqual([]);
  });

  it('tells the owner of a lost card to go to the hospital (CARD_LOST, not a mismatch), and keeps nothing', async () => {
    const lost = seed.lostCard;
    const r = await bff.bind(token, lost);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('CARD_LOST');
    expect(r.body.error.message).toMatch(/挂失/);
    expect((await bff.request('GET', '/api/patients', { token })).body.patients).toEqual([]);
    const rows = await bff.deps.store.db.selectFrom('patients').select('id').where('patient_card', '=', lost.patientCard).execute();
    expect(rows).toEqual([]);
    expect(bff.sims.his!.calls.some((c) => c.method === 'queryPatientInfo' && c.fields.patientCard === lost.patientCard)).toBe(false);
  });

  it('rejects a bad ID number or phone before calling HIS', async () => {
    await acceptTerms(bindVia(bff), token);
    const before = bff.sims.his!.calls.length;
    const r = await bff.request('POST', '/api/patients/bind/code', { token, body: { ...bindZhang, idNumber: '110105199003071238', phone: '1234' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['idNumber', 'phone']);
    expect(bff.sims.his!.calls.length).toBe(before);
  });

  it('creates a card online and binds it as a virtual card', async () => {
    const n = seed.newcomer;
    const r = await bff.bind(token, n, 'child');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ cardKind: 'virtual', relation: 'child' });
    expect(r.body.patientCard).toMatch(/^xn/);
  });

  it('refuses the same person twice in one account', async () => {
    expect((await bff.bind(token, zhang)).status).toBe(200);
    const again = await bff.bind(token, zhang);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PATIENT_ALREADY_BOUND');
  });

  it('shows detail with the card balance in fen and the inpatient stay once linked', async () => {
    const w = seed.inpatient;
    const bound = await bff.bind(token, w, 'parent');
    const id = bound.body.id as string;
    const detail = await bff.request('GET', `/api/patients/${id}`, { token });
    expect(detail.body).toMatchObject({ hisUnavailable: false, inpatient: null, outpatient: { cardBalanceFen: w.balanceFen } });
    const linked = await bff.request('PUT', `/api/patients/${id}/inpatient`, { token, body: { serialNumber: w.serialNumber } });
    expect(linked.status).toBe(200);
    expect(linked.body.inpatient).toMatchObject({ serialNumber: w.serialNumber, inHospital: true, depositPaidFen: w.depositPaidFen, depositRemainingFen: w.depositRemainingFen });
    const someoneElses = await bff.request('PUT', `/api/patients/${id}/inpatient`, { token, body: { serialNumber: seed.discharged.serialNumber } });
    expect(someoneElses.status).toBe(422);
    expect(someoneElses.body.error.code).toBe('INPATIENT_NOT_FOUND');
  });

  it('still shows a patient when HIS is down, flagged as such', async () => {
    const bound = await bff.bind(token, zhang);
    bff.sims.his!.faults.inject('queryPatientInfo', { kind: 'http500' });
    const detail = await bff.request('GET', `/api/patients/${bound.body.id}`, { token });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ hisUnavailable: true, outpatient: null, realName: '张三' });
  });

  it('answers a clear error, and binds nothing, when HIS fails during binding', async () => {
    bff.sims.his!.faults.inject('checkPatientCard', { kind: 'malformed' });
    const r = await bff.bind(token, zhang);
    expect(r.status).toBe(502);
    expect(r.body.error.code).toBe('HIS_BAD_REPLY');
    expect((await bff.request('GET', '/api/patients', { token })).body.patients).toEqual([]);
  });

  it('enforces the per-account limit', async () => {
    const people = [seed.outpatient, seed.virtualCard, seed.inpatient, seed.discharged, seed.longCard];
    for (const p of people) {
      const r = await bff.bind(token, p, 'other');
      expect(r.status).toBe(200);
    }
    const n = seed.newcomer;
    const creates = () => bff.sims.his!.calls.filter((c) => c.method === 'addPatientCard').length;
    const before = creates();
    const sixth = await bff.request('POST', '/api/patients/create-card/code', { token, body: { realName: n.realName, idNumber: n.idCard, phone: n.phone, relation: 'other' } });
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.code).toBe('PATIENT_LIMIT_REACHED');
    expect(creates()).toBe(before);
  });

  it('removes a patient', async () => {
    const bound = await bff.bind(token, zhang);
    expect((await bff.request('DELETE', `/api/patients/${bound.body.id}`, { token })).status).toBe(200);
    expect((await bff.request('GET', `/api/patients/${bound.body.id}`, { token })).status).toBe(404);
    expect((await bff.request('GET', '/api/patients', { token })).body.patients).toEqual([]);
  });
});
