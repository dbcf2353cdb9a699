import { api, type Endpoint } from '@hosp/shared';
import { hisSeed as seed } from '../../adapters/his';
import { startTestBff, type TestBff } from '../../../../test/support/bff';

/** Every patient-scoped endpoint of the contract, found by its `:id` parameter, so a new one is covered automatically. */
const patientScoped = (Object.entries(api) as [string, Endpoint][]).filter(([, e]) => e.path.includes('/patients/:id'));

const sampleBody: Record<string, unknown> = {
  linkInpatient: { serialNumber: seed.inpatient.serialNumber },
  depositTopUp: { requestId: 'bola-topup-0001', amountFen: 10000, payClient: 'h5' },
  depositRefund: { requestId: 'bola-refund-0001', amountFen: 100 },
};
const sampleQuery: Record<string, string> = { depositRefundPlan: '?amountFen=100' };
const pathOf = (name: string, e: Endpoint, patientId: string) =>
  `/api${e.path.replace(':id', patientId).replace(':reportId', 'ZS-LIS-01').replace(':refundId', '01JDEPOSITREFUND000000000')}${sampleQuery[name] ?? ''}`;

describe('a patient of another account is invisible (BOLA matrix)', () => {
  let bff: TestBff;
  let owner: string;
  let intruder: string;
  let patientId: string;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'ownership' });
    owner = await bff.login('owner');
    intruder = await bff.login('intruder');
    const w = seed.inpatient;
    const r = await bff.bind(owner, w, 'self');
    patientId = r.body.id;
  });
  afterAll(async () => {
    await bff.close();
  });

  it('covers at least the detail, link and remove endpoints', () => {
    expect(patientScoped.map(([n]) => n).sort()).toEqual(expect.arrayContaining(['getPatient', 'linkInpatient', 'removePatient', 'reports', 'report']));
  });

  it.each(patientScoped)('%s with another account’s patient id → 404 and no data', async (name, e) => {
    const path = pathOf(name, e, patientId);
    const r = await bff.request(e.method.toUpperCase(), path, { token: intruder, body: e.body ? sampleBody[name] ?? {} : undefined });
    expect(r.status).toBe(404);
    expect(Object.keys(r.body)).toEqual(['error']);
    expect(JSON.stringify(r.body)).not.toContain(seed.inpatient.realName);
    expect(JSON.stringify(r.body)).not.toContain(seed.inpatient.patientCard);
  });

  it.each(patientScoped)('%s without a session → 401', async (name, e) => {
    const r = await bff.request(e.method.toUpperCase(), pathOf(name, e, patientId), { body: e.body ? sampleBody[name] ?? {} : undefined });
    expect(r.status).toBe(401);
  });

  it('left the owner’s patient untouched after all the attempts', async () => {
    const r = await bff.request('GET', `/api/patients/${patientId}`, { token: owner });
    expect(r.status).toBe(200);
    expect(r.body.inpatient).toBeNull();
    expect((await bff.request('GET', '/api/patients', { token: intruder })).body.patients).toEqual([]);
  });
});
