/**
 * HisOutpatientAdapter on replies as HIS write them: the document's own samples, one `<data>` and
 * many, items present and absent, and the replies that must become HIS_BAD_REPLY.
 */
import { HisOutpatientAdapter } from './his-outpatient.adapter';
import type { HisRowLogger } from './his-rows.map';
import { failure, replyingClient, type SentCall } from './test-support';

const li = { realName: '李明', patientCard: '12345678' };
const ok = (inner: string) => `<response><result>success</result><message>成功</message>${inner}</response>`;
const item = (price: string, count: string, name = 'CT', usage = '', dosage = '') =>
  `<data><prescriptionNo>P</prescriptionNo><createDate>2015-03-09 08:38:21</createDate><patientTime>2015-03-09 08:32:23</patientTime><price>${price}</price><count>${count}</count><feeName>${name}</feeName><feeType>检查费</feeType><usage>${usage}</usage><dosage>${dosage}</dosage></data>`;
const rx = (no: string, fee: string, extra = '', detail: string | null = null) =>
  `<data><clinicNo>wk2017032</clinicNo>${extra}<prescriptionNo>${no}</prescriptionNo><realName>李明</realName><patientCard>12345678</patientCard><orderFee>${fee}</orderFee><createDate>2015-03-09 14:32:54</createDate><feeType>检查费</feeType><departmentName>儿科</departmentName><departmentCode>wk002</departmentCode><doctorName>张三</doctorName><doctorCode>Dw032</doctorCode><diagnosisCode>Z0001</diagnosisCode><diagnosisName>普通感冒</diagnosisName>${detail === null ? '' : `<feeDetail>${detail}</feeDetail>`}</data>`;

/** 8.2.2's sample, as printed: hisRegisterId on the first row only; items 100×1 + 250×2 under a fee of 100. */
const SPEC_SAMPLE = ok(
  `<content>${rx('20150309001', '100.00', '<hisRegisterId>2017030210001</hisRegisterId>', item('100.00', '1') + item('250.00', '2', '阿莫西林克拉维酸钾', '每日三次', '每次 1 粒'))}${rx('20150309002', '120.00', '', item('100.00', '1') + item('250.00', '2', '阿莫西林克拉维酸钾', '每日三次', '每次 1 粒'))}</content>`,
);

function adapter(xml: string, sent: SentCall[] = [], logger?: HisRowLogger) {
  return new HisOutpatientAdapter(replyingClient(xml, sent), logger);
}

describe('findOutpatientPay replies', () => {
  it("reads the document's sample: one visit (id on one row, clinic number on both), every field and line", async () => {
    const sent: SentCall[] = [];
    const visits = await adapter(SPEC_SAMPLE, sent).findUnpaid(li, 'wk2017032');
    expect(sent[0]!.fields).toEqual({ realName: '李明', patientCard: '12345678', clinicNo: 'wk2017032', sign: expect.any(String) });
    expect(visits).toHaveLength(1);
    const [v] = visits;
    expect(v).toMatchObject({ clinicNo: 'wk2017032', hisRegisterId: '2017030210001', totalFen: 22000 });
    expect(v!.prescriptions.map((p) => [p.prescriptionNo, p.amountFen])).toEqual([
      ['20150309001', 10000],
      ['20150309002', 12000],
    ]);
    expect(v!.prescriptions[0]).toEqual({
      prescriptionNo: '20150309001',
      clinicNo: 'wk2017032',
      hisRegisterId: '2017030210001',
      amountFen: 10000,
      feeType: '检查费',
      createdAt: new Date('2015-03-09T06:32:54Z'),
      departmentCode: 'wk002',
      departmentName: '儿科',
      doctorCode: 'Dw032',
      doctorName: '张三',
      diagnosisCode: 'Z0001',
      diagnosisName: '普通感冒',
      items: [
        { name: 'CT', feeType: '检查费', unitPriceFen: 10000, unitPrice: '100.00', count: 1, amountFen: 10000, usage: null, dosage: null },
        { name: '阿莫西林克拉维酸钾', feeType: '检查费', unitPriceFen: 25000, unitPrice: '250.00', count: 2, amountFen: 50000, usage: '每日三次', dosage: '每次 1 粒' },
      ],
    });
    // The second row has no HIS registration id of its own: it joined the first by clinic number.
    expect(v!.prescriptions[1]!.hisRegisterId).toBeNull();
  });

  it('reads one <data> (an object, not a list), with one feeDetail line, and no clinicNo sent when not narrowing', async () => {
    const sent: SentCall[] = [];
    const visits = await adapter(ok(`<content>${rx('A1', '15', '', item('15', '1'))}</content>`), sent).findUnpaid(li);
    expect(sent[0]!.fields.clinicNo).toBeUndefined();
    expect(visits).toHaveLength(1);
    expect(visits[0]!.prescriptions[0]!.items).toHaveLength(1);
    expect(visits[0]!.totalFen).toBe(1500);
  });

  it('items absent: no feeDetail, or an empty one, is a prescription without lines', async () => {
    const visits = await adapter(ok(`<content>${rx('A1', '35.00')}${rx('A2', '5', '', '')}</content>`)).findUnpaid(li);
    expect(visits[0]!.prescriptions.map((p) => p.items)).toEqual([[], []]);
  });

  it('an empty list (<content/>, no content, an empty <data/>) is no unpaid fee', async () => {
    for (const inner of ['<content/>', '', '<content></content>', '<data/>']) await expect(adapter(ok(inner)).findUnpaid(li)).resolves.toEqual([]);
  });

  it('groups by visit: other registrations are other visits, rows with neither key stand alone', async () => {
    const xml = ok(
      `<content>${rx('A1', '1', '<hisRegisterId>R1</hisRegisterId>')}${rx('B1', '2', '<hisRegisterId>R2</hisRegisterId>').replace('wk2017032', 'wk2')}${rx('A2', '3', '<hisRegisterId>R1</hisRegisterId>')}${rx('C1', '4').replace('<clinicNo>wk2017032</clinicNo>', '')}</content>`,
    );
    const visits = await adapter(xml).findUnpaid(li);
    expect(visits.map((v) => [v.hisRegisterId, v.clinicNo, v.prescriptions.map((p) => p.prescriptionNo), v.totalFen])).toEqual([
      ['R1', 'wk2017032', ['A1', 'A2'], 400],
      ['R2', 'wk2', ['B1'], 200],
      [null, null, ['C1'], 400],
    ]);
  });

  it('keeps unit prices below a fen and decimal counts exact, with no line total where it is not whole fen', async () => {
    const visits = await adapter(ok(`<content>${rx('A1', '0.70', '', item('0.0350', '20', '维生素C片') + item('1.5000', '0.5', '中药饮片') + item('0.035', '3', 'X'))}</content>`)).findUnpaid(li);
    expect(visits[0]!.prescriptions[0]!.items.map((i) => [i.unitPriceFen, i.unitPrice, i.count, i.amountFen])).toEqual([
      [null, '0.0350', 20, 70],
      [150, '1.5000', 0.5, 75],
      [null, '0.035', 3, null],
    ]);
  });

  it('refuses a line whose price or count is negative, missing or not a decimal, and reads padded ones', async () => {
    const warnings: Array<Record<string, unknown>> = [];
    const lines = [item('-1', '1'), item('10', '-2'), item('10', ''), item('1e3', '1'), item('10', '1.1234567')];
    const xml = ok(`<content>${lines.map((l, n) => rx(`B${n}`, '10', '', l)).join('')}${rx('GOOD', '10', '', item(' 10.0 ', ' 1 '))}</content>`);
    const visits = await adapter(xml, [], { warn: (o) => warnings.push(o) }).findUnpaid(li);
    expect(visits.flatMap((v) => v.prescriptions.map((p) => [p.prescriptionNo, p.items[0]!.unitPriceFen, p.items[0]!.count]))).toEqual([['GOOD', 1000, 1]]);
    expect(warnings[0]!.issues).toEqual([
      expect.stringContaining('feeDetail 0: price: not a non-negative decimal'),
      expect.stringContaining('feeDetail 0: count: not a non-negative decimal'),
      expect.stringContaining('feeDetail 0: count'),
      expect.stringContaining('feeDetail 0: price: not a non-negative decimal'),
      expect.stringContaining('feeDetail 0: count: not a non-negative decimal'),
    ]);
  });

  it('leaves out (and logs, without values) a prescription with an unreadable line; serves the rest', async () => {
    const warnings: Array<Record<string, unknown>> = [];
    const xml = ok(`<content>${rx('BAD', '10', '', item('abc', '1'))}${rx('GOOD', '10', '', item('10', '1'))}${rx('NOFEE', '')}</content>`);
    const visits = await adapter(xml, [], { warn: (o) => warnings.push(o) }).findUnpaid(li);
    expect(visits.flatMap((v) => v.prescriptions.map((p) => p.prescriptionNo))).toEqual(['GOOD']);
    expect(warnings).toEqual([{ his: 'findOutpatientPay', rows: 3, skipped: 2, issues: [expect.stringContaining('feeDetail 0: price'), expect.stringContaining('orderFee')] }]);
    expect(JSON.stringify(warnings)).not.toContain('李明');
  });

  it('turns replies it cannot trust into HIS_BAD_REPLY', async () => {
    const bad = [
      ok(`<content>${rx('A', 'abc')}</content>`), // no readable row at all
      ok(`<content>${rx('A', '1.005')}</content>`), // a fee below a fen
      ok(`<content>${rx('A', '1')}${rx('A', '2')}</content>`), // "必须唯一"
      ok(`<content>${rx('A,B', '1')}</content>`),
      ok(`<content>${rx('A', '1').replace('2015-03-09 14:32:54', '09/03/2015')}</content>`),
      ok('<content>text</content>'),
      '<response><result>success</result><content><data><orderFee>1</orderFee></content></response>', // not well-formed
    ];
    for (const xml of bad) expect((await failure(adapter(xml).findUnpaid(li))).code).toBe('HIS_BAD_REPLY');
  });

  it('passes HIS words on for result=error (HIS_REJECTED)', async () => {
    const err = await failure(adapter('<response><result>error</result><message>就诊卡号不存在</message></response>').findUnpaid(li));
    expect([err.code, err.message]).toEqual(['HIS_REJECTED', '就诊卡号不存在']);
  });
});

describe('findClinicNo replies', () => {
  const visit = (no: string, date: string) =>
    `<realName>李明</realName><patientCard>12345678</patientCard><createDate>${date}</createDate><departmentName>儿科</departmentName><departmentCode>WK001</departmentCode><doctorName>张三</doctorName><doctorCode>DW002</doctorCode><clinicNo>${no}</clinicNo>`;

  it("reads 8.1.2's flat sample, sending realName and patientCard", async () => {
    const sent: SentCall[] = [];
    await expect(adapter(ok(visit('mz20170032', '2015-03-09')), sent).findVisits(li)).resolves.toEqual([
      { clinicNo: 'mz20170032', date: '2015-03-09', departmentCode: 'WK001', departmentName: '儿科', doctorCode: 'DW002', doctorName: '张三' },
    ]);
    expect(Object.keys(sent[0]!.fields).sort()).toEqual(['patientCard', 'realName', 'sign']);
  });

  it('reads several visits listed in <content><data>, and a success without a visit as none', async () => {
    const many = ok(`<content><data>${visit('MZ1', '2015-03-09 10:00:00')}</data><data>${visit('MZ2', '2015-3-8')}</data></content>`);
    await expect(adapter(many).findVisits(li)).resolves.toMatchObject([
      { clinicNo: 'MZ1', date: '2015-03-09' },
      { clinicNo: 'MZ2', date: '2015-03-08' },
    ]);
    await expect(adapter(ok('')).findVisits(li)).resolves.toEqual([]);
  });

  it('refuses a flat visit without its clinic number or with an unreadable date (HIS_BAD_REPLY)', async () => {
    expect((await failure(adapter(ok(visit('', '2015-03-09'))).findVisits(li))).code).toBe('HIS_BAD_REPLY');
    expect((await failure(adapter(ok(visit('MZ1', 'yesterday'))).findVisits(li))).code).toBe('HIS_BAD_REPLY');
  });
});
