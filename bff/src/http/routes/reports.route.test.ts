import { hisSeed as seed } from '../../adapters/his';
import { startTestBff, type TestBff } from '../../../../test/support/bff';

describe('reports API', () => {
  let bff: TestBff;
  let token: string;
  let patientId: string;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'reports' });
    token = await bff.login('report-reader');
    const z = seed.outpatient;
    patientId = (await bff.bind(token, z, 'self')).body.id;
  });
  afterAll(async () => {
    await bff.close();
  });

  it('lists a month of reports by default, newest first, with status', async () => {
    const r = await bff.request('GET', `/api/patients/${patientId}/reports`, { token });
    expect(r.status).toBe(200);
    const ids = r.body.reports.map((x: { reportId: string }) => x.reportId);
    expect(ids).toEqual(expect.arrayContaining(['ZS-LIS-01', 'ZS-LIS-02', 'ZS-PAC-01', 'ZS-LIS-03']));
    expect(r.body.reports.find((x: { reportId: string }) => x.reportId === 'ZS-LIS-03').status).toBe('in_progress');
    const dates = r.body.reports.map((x: { checkDate: string }) => x.checkDate);
    expect([...dates].sort().reverse()).toEqual(dates);
    const daysBetween = (Date.parse(r.body.to) - Date.parse(r.body.from)) / 86_400_000;
    expect(daysBetween).toBe(30);
  });

  it('filters by kind and refuses a reversed date range', async () => {
    const exams = await bff.request('GET', `/api/patients/${patientId}/reports?kind=exam`, { token });
    expect(exams.body.reports.map((x: { kind: string }) => x.kind)).toEqual(['exam']);
    const bad = await bff.request('GET', `/api/patients/${patientId}/reports?from=2026-02-01&to=2026-01-01`, { token });
    expect(bad.status).toBe(400);
  });

  it('flags lab items from their range text and explains the flags', async () => {
    const r = await bff.request('GET', `/api/patients/${patientId}/reports/ZS-LIS-02`, { token });
    expect(r.status).toBe(200);
    const flag = (name: string) => r.body.lab.items.find((i: { name: string }) => i.name === name).flag;
    expect(flag('丙氨酸氨基转移酶')).toBe('high');
    expect(flag('总蛋白')).toBe('low');
    expect(flag('白蛋白')).toBe('normal');
    expect(flag('直接胆红素')).toBe('high');
    expect(flag('乙肝e抗原')).toBe('abnormal');
    expect(flag('乙肝核心抗体')).toBe('normal');
    expect(flag('HBV-DNA定量')).toBe('not_comparable');
    expect(r.body.lab.abnormalCount).toBe(6);
    expect(r.body.lab.explanation).toMatch(/6 项超出参考范围/);
    expect(r.body.exam).toBeNull();
  });

  it('reads the patient’s sex for sex-specific ranges, and shows exam findings with their image', async () => {
    const blood = await bff.request('GET', `/api/patients/${patientId}/reports/ZS-LIS-01`, { token });
    expect(blood.body.lab.items.find((i: { name: string }) => i.name === '血红蛋白').flag).toBe('normal');
    const ct = await bff.request('GET', `/api/patients/${patientId}/reports/ZS-PAC-01`, { token });
    expect(ct.body.exam).toMatchObject({ imageUrl: expect.stringMatching(/^https:\/\//) });
    expect(ct.body.exam.findings.length).toBeGreaterThan(0);
  });

  it('answers 404 for a report that is not this patient’s', async () => {
    const r = await bff.request('GET', `/api/patients/${patientId}/reports/WW-LIS-01`, { token });
    expect(r.status).toBe(404);
  });
});
