import { HisClient } from './his-client';
import { HisReportsAdapter, httpUrlOrNull, splitValueUnit } from './his-reports.adapter';
import { beijingDate } from '../../domain/time';
import type { HisSimulator, SimListening } from './sim/his-simulator';
import { seed } from './sim/seed';
import { reportSeed } from './sim/seed-reports';
import { code, listeningSimulator, replyingClient, type SentCall } from './test-support';

const SIGN_KEY = 'reports-test-sign-key';

/** The real client over a transport that answers `xml` and records what was sent. */
function replying(xml: string, sent: SentCall[] = []): HisReportsAdapter {
  return new HisReportsAdapter(replyingClient(xml, sent));
}

const el = (fields: Record<string, string>) => Object.entries(fields).map(([k, v]) => `<${k}>${v}</${k}>`).join('');
const row = (fields: Record<string, string>) => `<data>${el(fields)}</data>`;
const reportRow = (extra: Record<string, string> = {}) =>
  row({
    reportId: '831409bb44d34f1097c81f69948e5d3d',
    reportName: '血型报告',
    hisRegisterId: '12345678',
    realName: '李明',
    age: '24',
    checkType: '1',
    checkDate: '2016-09-08',
    status: '1',
    diagnosisCode: 'Z0001',
    diagnosisName: '普通感冒',
    ...extra,
  });
const lisHeader = el({ realName: '李明', sex: '男', age: '24', checkDate: '2016-04-27', type: '检验报告' });
const lisItem = (extra: Record<string, string> = {}) =>
  row({ itemName: '乙肝表面抗体', sample: '血清', realResult: '66.6', referprint: '0-6.4', conclusion: '偏高', ...extra });

const query = { realName: '李明', queryId: '12345678', scope: null, from: '2019-11-01', to: '2019-12-01' } as const;

describe('HisReportsAdapter mapping', () => {
  it('maps the list: checkType 1 lab / 2 exam, status 0 in progress / 1 done, diagnosis name', async () => {
    const xml = `<response><result>success</result><message>成功</message><content>
      ${reportRow()}
      ${reportRow({ reportId: 'P2', reportName: '胸部CT', checkType: '2', status: '0', checkDate: '2016-9-8 10:20:00', hisRegisterId: '' })}
    </content></response>`;
    await expect(replying(xml).list(query)).resolves.toEqual([
      {
        reportId: '831409bb44d34f1097c81f69948e5d3d',
        name: '血型报告',
        kind: 'lab',
        checkDate: '2016-09-08',
        status: 'done',
        hisRegisterId: '12345678',
        diagnosis: '普通感冒',
      },
      { reportId: 'P2', name: '胸部CT', kind: 'exam', checkDate: '2016-09-08', status: 'in_progress', hisRegisterId: null, diagnosis: '普通感冒' },
    ]);
  });

  it('sends reportType 1 / 2 for the scope and leaves it out when there is none', async () => {
    const sent: Array<{ method: string; fields: Record<string, unknown> }> = [];
    const a = replying('<response><result>success</result><content/></response>', sent);
    await a.list({ ...query, scope: 'outpatient' });
    await a.list({ ...query, scope: 'inpatient' });
    await a.list(query);
    expect(sent.map((s) => s.method)).toEqual(['findInspectionReport', 'findInspectionReport', 'findInspectionReport']);
    expect(sent.map((s) => s.fields.reportType)).toEqual(['1', '2', undefined]);
    expect(sent[0]?.fields).toMatchObject({ realName: '李明', queryId: '12345678', startDate: '2019-11-01', endDate: '2019-12-01' });
    expect(sent[2]?.fields).not.toHaveProperty('reportType');
  });

  it('reads one <data>, SUCCESS in capitals, and empty content as an empty list', async () => {
    expect(await replying(`<response><result>SUCCESS</result><content>${reportRow()}</content></response>`).list(query)).toHaveLength(1);
    for (const body of ['<content/>', '<content><data/></content>', '']) {
      await expect(replying(`<response><result>success</result>${body}</response>`).list(query)).resolves.toEqual([]);
    }
  });

  it('skips a row with an unknown checkType or status, and fails a list with no readable row', async () => {
    const xml = `<response><result>success</result><content>${reportRow({ reportId: 'A' })}${reportRow({ reportId: 'B', checkType: '3' })}${reportRow({
      reportId: 'C',
      status: '2',
    })}</content></response>`;
    expect((await replying(xml).list(query)).map((r) => r.reportId)).toEqual(['A']);
    const bad = `<response><result>success</result><content>${reportRow({ checkType: '' })}</content></response>`;
    expect(await code(replying(bad).list(query))).toBe('HIS_BAD_REPLY');
    expect(await code(replying('<response><result>error</result><message>无报告</message></response>').list(query))).toBe('HIS_REJECTED');
  });

  it('reads lab items: unit from a <unit> element, else split off a number; range text kept exactly', async () => {
    const xml = `<response><result>success</result><message>成功</message>${lisHeader}<content>
      ${lisItem()}
      ${lisItem({ itemName: '钾', realResult: '5.6 mmol/L', referprint: '3.5-5.5 mmol/L', conclusion: '' })}
      ${lisItem({ itemName: '白细胞', realResult: '11.2', unit: '10^9/L', referprint: '3.5~9.5' })}
      ${lisItem({ itemName: '中性粒细胞百分比', realResult: '68.5%', referprint: '40-75' })}
      ${lisItem({ itemName: '胆红素', realResult: '0.6', referprint: '≤ 0.5' })}
      ${lisItem({ itemName: '总胆红素', realResult: '0.35mg/dL', referprint: '0.00--1.00' })}
      ${lisItem({ itemName: 'HBV-DNA', realResult: '&lt;500 IU/mL', referprint: '' })}
      ${lisItem({ itemName: 'e抗原', realResult: '阳性(+)', referprint: '阴性(-)', conclusion: '阳性' })}
      ${lisItem({ itemName: '尿蛋白', realResult: '3+', referprint: '阴性' })}
      ${lisItem({ itemName: 'CRP', realResult: '12.6↑', referprint: '&lt;5' })}
      ${lisItem({ itemName: '血红蛋白', realResult: '135 g/L', unit: 'g/L', referprint: '男:120-160' })}
      ${lisItem({ itemName: '白蛋白', realResult: '4.2', referprint: '&gt;=3.5', sample: '' })}
    </content></response>`;
    const r = await replying(xml).labDetail('R1');
    expect(r).toMatchObject({ reportId: 'R1', realName: '李明', sex: '男', age: '24', checkDate: '2016-04-27', type: '检验报告' });
    expect(r.items.map((i) => [i.name, i.value, i.unit, i.range])).toEqual([
      ['乙肝表面抗体', '66.6', null, '0-6.4'],
      ['钾', '5.6', 'mmol/L', '3.5-5.5 mmol/L'],
      ['白细胞', '11.2', '10^9/L', '3.5~9.5'],
      ['中性粒细胞百分比', '68.5', '%', '40-75'],
      ['胆红素', '0.6', null, '≤ 0.5'],
      ['总胆红素', '0.35', 'mg/dL', '0.00--1.00'],
      ['HBV-DNA', '<500', 'IU/mL', ''],
      ['e抗原', '阳性(+)', null, '阴性(-)'],
      ['尿蛋白', '3+', null, '阴性'],
      ['CRP', '12.6↑', null, '<5'],
      // A unit element wins; the value is then left as written.
      ['血红蛋白', '135 g/L', 'g/L', '男:120-160'],
      ['白蛋白', '4.2', null, '>=3.5'],
    ]);
    expect(r.items[0]).toEqual({ name: '乙肝表面抗体', sample: '血清', value: '66.6', unit: null, range: '0-6.4', conclusion: '偏高' });
    expect(r.items[1]?.conclusion).toBeNull();
    expect(r.items.at(-1)?.sample).toBeNull();
  });

  it('reads an in-progress lab report with empty content, and a single item not in a list', async () => {
    expect((await replying(`<response><result>success</result>${lisHeader}<content/></response>`).labDetail('R')).items).toEqual([]);
    expect((await replying(`<response><result>SUCCESS</result>${lisHeader}<content>${lisItem()}</content></response>`).labDetail('R')).items).toHaveLength(1);
  });

  it('sends checkType 1 for lab and 2 for exam detail; a header without name or date is HIS_BAD_REPLY', async () => {
    const sent: Array<{ method: string; fields: Record<string, unknown> }> = [];
    await replying(`<response><result>success</result>${lisHeader}</response>`, sent).labDetail('R9');
    await replying(`<response><result>success</result>${lisHeader}</response>`, sent).examDetail('P9');
    expect(sent.map((s) => [s.method, s.fields.reportId, s.fields.checkType])).toEqual([
      ['findCompleteLISReport', 'R9', '1'],
      ['findCompletePACReport', 'P9', '2'],
    ]);
    expect(await code(replying('<response><result>success</result><checkDate>2016-04-27</checkDate></response>').labDetail('R'))).toBe('HIS_BAD_REPLY');
    expect(await code(replying('<response><result>success</result><realName>李明</realName></response>').examDetail('R'))).toBe('HIS_BAD_REPLY');
  });

  it('reads an exam report: findings, conclusion, and only an http(s) image URL', async () => {
    const pac = (path: string) =>
      `<response><result>success</result><message>成功</message>${el({
        realName: '李美',
        sex: '女',
        age: '24',
        checkDate: '2014-01-01',
        type: '检查报告',
        reportMessage: '无上皮内病变或恶性病变, 中度炎症反应性细胞改变',
        reportResult: '建议验证治疗后复查',
      })}${path}</response>`;
    const r = await replying(pac('<reportImagePath>http://xxx/xx.jpg</reportImagePath>')).examDetail('P1');
    expect(r).toEqual({
      reportId: 'P1',
      realName: '李美',
      sex: '女',
      age: '24',
      checkDate: '2014-01-01',
      type: '检查报告',
      findings: '无上皮内病变或恶性病变, 中度炎症反应性细胞改变',
      conclusion: '建议验证治疗后复查',
      imageUrl: 'http://xxx/xx.jpg',
    });
    expect((await replying(pac('<reportImagePath>https://pacs.example.com/a/1.jpg?x=1</reportImagePath>')).examDetail('P')).imageUrl).toBe(
      'https://pacs.example.com/a/1.jpg?x=1',
    );
    for (const bad of ['D:\\PACS\\1.jpg', '\\\\pacs01\\img\\1.jpg', '/images/1.jpg', 'ftp://pacs/1.jpg', 'javascript:alert(1)', 'file:///c:/1.jpg', '']) {
      expect((await replying(pac(`<reportImagePath>${bad}</reportImagePath>`)).examDetail('P')).imageUrl).toBeNull();
    }
    expect((await replying(pac('')).examDetail('P')).imageUrl).toBeNull();
  });

  it('reads the exam fields inside <data> too', async () => {
    const xml = `<response><result>success</result><data>${el({ realName: '李美', checkDate: '2014-01-01', reportMessage: '所见', reportResult: '结论' })}</data></response>`;
    expect(await replying(xml).examDetail('P')).toMatchObject({ realName: '李美', findings: '所见', conclusion: '结论', sex: null, imageUrl: null });
  });
});

describe('value / unit and URL helpers', () => {
  it.each([
    ['5.6 mmol/L', '5.6', 'mmol/L'],
    ['5.6mmol/L', '5.6', 'mmol/L'],
    ['68.5%', '68.5', '%'],
    ['6.5 10^9/L', '6.5', '10^9/L'],
    ['4.5 ×10^12/L', '4.5', '×10^12/L'],
    ['<0.5 IU/mL', '<0.5', 'IU/mL'],
    ['>=3.5 g/dL', '>=3.5', 'g/dL'],
    ['3 个/HP', '3', '个/HP'],
    ['12 μmol/L', '12', 'μmol/L'],
    ['66.6', '66.6', null],
    ['66.6↑', '66.6↑', null],
    ['6.8 H', '6.8 H', null],
    ['3+', '3+', null],
    ['1:320', '1:320', null],
    ['阴性', '阴性', null],
    ['阳性(+)', '阳性(+)', null],
    ['12 34', '12 34', null],
    ['', '', null],
  ])('%s → %s | %s', (raw, value, unit) => {
    expect(splitValueUnit(raw)).toEqual({ value, unit });
  });

  it('keeps only absolute http(s) URLs without credentials', () => {
    expect(httpUrlOrNull(' http://x/a.jpg ')).toBe('http://x/a.jpg');
    expect(httpUrlOrNull('https://user:pw@x/a.jpg')).toBeNull();
    expect(httpUrlOrNull(null)).toBeNull();
  });
});

// Monday 2024-10-14 09:00 in Beijing.
const NOW = new Date('2024-10-14T01:00:00Z');
const TODAY = beijingDate(NOW);
const day = (n: number) => beijingDate(NOW, n);

describe.each(['http', 'soap'] as const)('HisReportsAdapter against the simulator over %s', (transport) => {
  let sim: HisSimulator;
  let server: SimListening;
  let reports: HisReportsAdapter;
  const zhang = { realName: seed.outpatient.realName, queryId: seed.outpatient.patientCard, from: day(-30), to: TODAY };

  beforeAll(async () => {
    let client: HisClient;
    ({ sim, server, client } = await listeningSimulator(transport, SIGN_KEY, NOW));
    reports = new HisReportsAdapter(client);
  });
  afterAll(() => server.close());
  afterEach(() => sim.faults.clear());

  it("lists 张三's month: three done outpatient reports and one lab report in progress, newest first", async () => {
    const list = await reports.list({ ...zhang, scope: 'outpatient' });
    expect(list.map((r) => [r.reportId, r.name, r.kind, r.status, r.checkDate])).toEqual([
      ['ZS-LIS-03', '尿常规', 'lab', 'in_progress', day(-1)],
      ['ZS-PAC-01', '胸部CT', 'exam', 'done', day(-5)],
      ['ZS-LIS-02', '肝功能', 'lab', 'done', day(-12)],
      ['ZS-LIS-01', '血常规', 'lab', 'done', day(-20)],
    ]);
    expect(list[3]).toMatchObject({ hisRegisterId: 'GHS0001', diagnosis: '急性上呼吸道感染' });
    expect(await reports.list({ ...zhang, scope: 'inpatient' })).toEqual([]);
    expect(await reports.list({ ...zhang, scope: null })).toHaveLength(4);
    expect(await reports.list({ ...zhang, scope: null, from: day(-10) })).toHaveLength(2);
  });

  it("finds 王五's inpatient reports by his stay's serial number", async () => {
    const p = seed.inpatient;
    const list = await reports.list({ realName: p.realName, queryId: p.serialNumber, scope: 'inpatient', from: day(-30), to: TODAY });
    expect(list.map((r) => [r.reportId, r.kind])).toEqual([
      ['WW-PAC-01', 'exam'],
      ['WW-LIS-01', 'lab'],
    ]);
    expect(await reports.list({ realName: p.realName, queryId: p.patientCard, scope: 'outpatient', from: day(-30), to: TODAY })).toEqual([]);
  });

  it('passes a name that does not match the card on as HIS_REJECTED', async () => {
    expect(await code(reports.list({ ...zhang, realName: '李四', scope: null }))).toBe('HIS_REJECTED');
  });

  it('reads the liver panel with every range spelling kept exactly and units split', async () => {
    const r = await reports.labDetail(reportSeed.lab.liver);
    expect(r).toMatchObject({ realName: '张三', sex: '男', age: '34', checkDate: day(-12), type: '检验报告' });
    expect(r.items.map((i) => [i.name, i.value, i.unit, i.range])).toEqual([
      ['丙氨酸氨基转移酶', '52', 'U/L', '9-50'],
      ['天门冬氨酸氨基转移酶', '28', 'U/L', '15-40'],
      ['总蛋白', '58.2', 'g/L', '65-85'],
      ['白蛋白', '4.2', 'g/dL', '>=3.5'],
      ['总胆红素', '0.35', 'mg/dL', '0.00--1.00'],
      ['直接胆红素', '0.6', 'mg/dL', '≤ 0.5'],
      ['γ-谷氨酰转移酶', '8', 'U/L', '10-60'],
      ['乙肝表面抗原', '阴性', null, '阴性'],
      ['乙肝表面抗体', '66.6', null, '0-6.4'],
      ['乙肝e抗原', '阳性(+)', null, '阴性(-)'],
      ['乙肝核心抗体', '阴性', null, '阴性(-)'],
      ['HBV-DNA定量', '<500', 'IU/mL', ''],
    ]);
    expect(r.items.every((i) => i.sample === '血清')).toBe(true);
    expect(r.items[8]?.conclusion).toBe('偏高');
    expect(r.items[10]?.conclusion).toBeNull();
  });

  it('reads the blood count (<5, 男:120-160, 3.5~5.5) and the inpatient panel (3.5-5.5 mmol/L)', async () => {
    const cbc = await reports.labDetail(reportSeed.lab.cbc);
    expect(cbc.items.map((i) => [i.value, i.unit, i.range])).toEqual([
      ['11.2', '10^9/L', '3.5~9.5'],
      ['3.2', '10^12/L', '3.5~5.5'],
      ['135', 'g/L', '男:120-160'],
      ['210', '10^9/L', '125-350'],
      ['68.5', '%', '40-75'],
      ['12.6', 'mg/L', '<5'],
    ]);
    const ww = await reports.labDetail(reportSeed.lab.inpatient);
    expect(ww.items[0]).toEqual({ name: '钾', sample: '血清', value: '3.1', unit: 'mmol/L', range: '3.5-5.5 mmol/L', conclusion: '偏低' });
  });

  it('reads a lab report still in progress as no items', async () => {
    expect((await reports.labDetail(reportSeed.lab.inProgress)).items).toEqual([]);
  });

  it('reads the chest CT with its image URL, and drops a PACS file path', async () => {
    const ct = await reports.examDetail(reportSeed.exam.withImage);
    expect(ct).toMatchObject({ reportId: 'ZS-PAC-01', realName: '张三', imageUrl: reportSeed.imageUrl, checkDate: day(-5), type: '检查报告' });
    expect(ct.findings).toContain('右肺下叶');
    expect(ct.conclusion).toContain('炎症');
    expect((await reports.examDetail(reportSeed.exam.withFilePath)).imageUrl).toBeNull();
  });

  it('refuses a lab id asked as an exam, and an unknown id (HIS_REJECTED)', async () => {
    expect(await code(reports.examDetail(reportSeed.lab.cbc))).toBe('HIS_REJECTED');
    expect(await code(reports.labDetail('NOPE'))).toBe('HIS_REJECTED');
  });

  it('shows a report made ready by reportReady, and finishes the one in progress', async () => {
    const fields = sim.reportReady(seed.outpatient.patientCard);
    expect(fields).toMatchObject({ patient_card: seed.outpatient.patientCard, real_name: '张三', report_scope: '1', report_date: TODAY });
    const list = await reports.list({ ...zhang, scope: 'outpatient' });
    expect(list[0]).toMatchObject({ reportId: fields.report_id, status: 'done', kind: 'lab', checkDate: TODAY });
    expect((await reports.labDetail(fields.report_id)).items.map((i) => [i.value, i.unit])).toEqual([
      ['5.2', 'mmol/L'],
      ['6.9', '%'],
    ]);
    sim.reportReady(seed.outpatient.patientCard, { reportId: reportSeed.lab.inProgress, items: [{ itemName: '尿蛋白', sample: '尿液', realResult: '阴性', referprint: '阴性', conclusion: '' }] });
    expect((await reports.list({ ...zhang, scope: 'outpatient' })).find((r) => r.reportId === reportSeed.lab.inProgress)?.status).toBe('done');
    expect((await reports.labDetail(reportSeed.lab.inProgress)).items).toEqual([
      { name: '尿蛋白', sample: '尿液', value: '阴性', unit: null, range: '阴性', conclusion: null },
    ]);
  });

  it('accepts SUCCESS in capitals with extra elements', async () => {
    sim.faults.inject('findInspectionReport', { kind: 'variant' });
    expect(await reports.list({ ...zhang, scope: null })).not.toHaveLength(0);
  });
});
