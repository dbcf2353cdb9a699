/** HisInpatientAdapter on replies as HIS write them: 9.1, 9.2 and 10.1 samples and their variants. */
import { HisInpatientAdapter } from './his-inpatient.adapter';
import { failure, replyingClient, type SentCall } from './test-support';

const ref = { realName: '李明', queryId: '12345678' };
const ok = (inner: string) => `<response><result>success</result><message>成功</message>${inner}</response>`;
const line = (feeType: string, amount: string, count: string, price: string) =>
  `<data><feeType>${feeType}</feeType><amount>${amount}</amount><count>${count}</count><price>${price}</price></data>`;
const adapter = (xml: string, sent: SentCall[] = []) => new HisInpatientAdapter(replyingClient(xml, sent));

describe('getDayExpense replies (data directly under <response>)', () => {
  it("reads the document's sample: one line, sending realName, queryId and date", async () => {
    const sent: SentCall[] = [];
    await expect(adapter(ok(line('床位费', '250', '1', '250')), sent).dayBill(ref, '2015-11-12')).resolves.toEqual({
      date: '2015-11-12',
      lines: [{ feeType: '床位费', count: 1, unitPriceFen: 25000, unitPrice: '250', amountFen: 25000 }],
      totalFen: 25000,
    });
    expect(sent[0]!.fields).toEqual({ realName: '李明', queryId: '12345678', date: '2015-11-12', sign: expect.any(String) });
  });

  it('reads many lines (negative and sub-fen ones too) and totals them exactly', async () => {
    const xml = ok(line('床位费', '250.00', '1', '250.00') + line('西药费', '0.70', '20', '0.0350') + line('西药费', '-18.35', '-1', '18.35') + line('检验费', '0.1', '1', '0.1'));
    const bill = await adapter(xml).dayBill(ref, '2015-11-12');
    expect(bill.lines.map((l) => [l.amountFen, l.count, l.unitPriceFen])).toEqual([
      [25000, 1, 25000],
      [70, 20, null],
      [-1835, -1, 1835],
      [10, 1, 10],
    ]);
    expect(bill.totalFen).toBe(25000 + 70 - 1835 + 10);
  });

  it('none: no <data>, an empty <data/>, or an empty <content/> is a day without charges', async () => {
    for (const inner of ['', '<data/>', '<content/>']) await expect(adapter(ok(inner)).dayBill(ref, '2015-11-12')).resolves.toEqual({ date: '2015-11-12', lines: [], totalFen: 0 });
  });

  it('also reads lines wrapped in <content>', async () => {
    const bill = await adapter(ok(`<content>${line('床位费', '60', '1', '60')}${line('护理费', '28', '1', '28')}</content>`)).dayBill(ref, '2015-11-12');
    expect(bill.totalFen).toBe(8800);
  });

  it('one unreadable line makes the reply HIS_BAD_REPLY, never a bill that is silently short', async () => {
    const bad = [
      ok(line('床位费', '60', '1', '60') + line('西药费', 'abc', '1', '1')),
      ok(line('床位费', '60', '1', '60') + line('', '1', '1', '1')),
      ok(line('床位费', '60.005', '1', '60')),
      ok(line('床位费', '60', 'one', '60')),
      ok('<data>text</data>'),
    ];
    for (const xml of bad) expect((await failure(adapter(xml).dayBill(ref, '2015-11-12'))).code).toBe('HIS_BAD_REPLY');
  });
});

describe('getPatientExpense replies', () => {
  it("reads the document's sample (yuan without decimals) and the same inside <data>", async () => {
    const fields = '<prepayAmt>1000</prepayAmt><usedAmt>500</usedAmt><remainAmt>500</remainAmt>';
    const want = { paidFen: 100000, usedFen: 50000, remainingFen: 50000 };
    await expect(adapter(ok(fields)).deposit(ref)).resolves.toEqual(want);
    await expect(adapter(ok(`<data>${fields}</data>`)).deposit(ref)).resolves.toEqual(want);
  });

  it("accepts 10.1's spelling prepayaAmt, and a negative remainder", async () => {
    await expect(adapter(ok('<prepayaAmt>1000.00</prepayaAmt><usedAmt>1200.5</usedAmt><remainAmt>-200.50</remainAmt>')).deposit(ref)).resolves.toEqual({
      paidFen: 100000,
      usedFen: 120050,
      remainingFen: -20050,
    });
  });

  it('refuses a reply missing a figure or with an unreadable one (HIS_BAD_REPLY)', async () => {
    for (const inner of ['<prepayAmt>1000</prepayAmt><usedAmt>500</usedAmt>', '<prepayAmt>1,000</prepayAmt><usedAmt>500</usedAmt><remainAmt>500</remainAmt>', '<prepayAmt>-1</prepayAmt><usedAmt>500</usedAmt><remainAmt>500</remainAmt>']) {
      expect((await failure(adapter(ok(inner)).deposit(ref))).code).toBe('HIS_BAD_REPLY');
    }
  });
});

describe('prePayExpense replies', () => {
  const input = { tradeNo: 'EH1', patient: { realName: '李明', patientCard: '12345678' }, amountFen: 20000, payType: 'wechatMP', payedAt: new Date('2015-03-20T11:33:45Z') };

  it("reads 10.1.2's sample", async () => {
    const xml = '<response><result>success</result><message></message><invoiceNo>zy2017032</invoiceNo><serialNo>1fa3sdf1as3df1a3</serialNo></response>';
    await expect(adapter(xml).postPrepay(input)).resolves.toEqual({ state: 'posted', invoiceNo: 'zy2017032', serialNo: '1fa3sdf1as3df1a3' });
  });

  it('hears isRefund=1 from a HIS that sends it; otherwise an error is not refundable', async () => {
    const refund = '<response><result>error</result><message>住院号不存在</message><isRefund>1</isRefund></response>';
    await expect(adapter(refund).postPrepay(input)).resolves.toEqual({ state: 'failed', isRefund: true, message: '住院号不存在' });
    await expect(adapter('<response><result>ERROR</result><message/></response>').postPrepay(input)).resolves.toEqual({ state: 'failed', isRefund: false, message: '医院系统处理失败' });
  });

  it('an undocumented result is "outcome unknown" (HIS_BAD_REPLY), to be settled by queryOrderStatus', async () => {
    expect((await failure(adapter('<response><result>processing</result><message/></response>').postPrepay(input))).code).toBe('HIS_BAD_REPLY');
  });
});
