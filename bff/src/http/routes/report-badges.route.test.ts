import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { hisSeed as seed } from '../../adapters/his';

/** The report list's 「异常」 badge: HIS's list (7.1) has no flags, so finished lab reports are read (7.2). */
describe('report list abnormal badge', () => {
  let bff: TestBff;
  let token: string;
  let patientId: string;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'report-badges' });
    token = await bff.login('badge-reader');
    const z = seed.outpatient;
    patientId = (await bff.bind(token, z)).body.id;
    // A finished blood-lipid panel, every item in range.
    const liver = bff.sims.his!.state.reports.get('ZS-LIS-02')!;
    bff.sims.his!.state.reports.set('ZS-LIS-09', {
      ...liver,
      reportId: 'ZS-LIS-09',
      reportName: '血脂四项',
      items: [
        { ...liver.items[0]!, itemName: '总胆固醇', realResult: '4.2', referprint: '2.8-5.2', conclusion: '' },
        { ...liver.items[0]!, itemName: '甘油三酯', realResult: '1.1', referprint: '0.56-1.7', conclusion: '正常' },
      ],
    });
  });
  afterAll(async () => {
    await bff?.close();
  });
  const badges = async () => {
    const r = await bff.request('GET', `/api/patients/${patientId}/reports`, { token });
    expect(r.status).toBe(200);
    return Object.fromEntries(r.body.reports.map((x: { reportId: string; abnormal: boolean | null }) => [x.reportId, x.abnormal]));
  };

  it('marks finished lab reports with items out of range, not the normal one; exams and unfinished ones are unknown', async () => {
    expect(await badges()).toEqual({ 'ZS-LIS-01': true, 'ZS-LIS-02': true, 'ZS-LIS-09': false, 'ZS-PAC-01': null, 'ZS-LIS-03': null });
  });

  it('agrees with the detail page', async () => {
    for (const id of ['ZS-LIS-01', 'ZS-LIS-02', 'ZS-LIS-09']) {
      const d = await bff.request('GET', `/api/patients/${patientId}/reports/${id}`, { token });
      expect((await badges())[id]).toBe(d.body.lab.abnormalCount > 0);
    }
  });

  it('reads each detail once per cache period, and a detail HIS cannot give leaves no badge rather than failing the list', async () => {
    const details = () => bff.sims.his!.calls.filter((c) => c.method === 'findCompleteLISReport').length;
    const before = details();
    await badges();
    expect(details()).toBe(before); // all cached by the tests above
    bff.sims.his!.state.reports.set('ZS-LIS-10', { ...bff.sims.his!.state.reports.get('ZS-LIS-09')!, reportId: 'ZS-LIS-10' });
    bff.sims.his!.faults.inject('findCompleteLISReport', { kind: 'http500', times: 1 });
    const b = await badges();
    expect(b['ZS-LIS-10']).toBeNull();
    expect(b['ZS-LIS-02']).toBe(true);
    expect((await badges())['ZS-LIS-10']).toBe(false); // HIS answers again: the badge appears
  });
});
