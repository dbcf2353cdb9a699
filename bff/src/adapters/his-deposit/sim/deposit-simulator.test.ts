import { seed as hisSeed } from '../../his/sim/seed';
import { encodeSoapRequest } from '../../his/soap-envelope.codec';
import { decodeXml, isXmlObject, type XmlObject } from '../../his/xml-codec';
import { encodeDepositRequest } from '../his-deposit.codec';
import { createDepositState, depositSeed } from './deposit-seed';
import { createDepositSimulator, type DepositSimulator } from './deposit-simulator';
import { SIM_CODES } from './deposit-sim-methods';

const NOW = new Date('2024-10-14T01:00:00Z');
const zhang = depositSeed.outpatient;
const wechat = zhang.records[0]!;
const cash = zhang.records[2]!;

let sim: DepositSimulator;
let server: Awaited<ReturnType<DepositSimulator['listen']>>;
beforeEach(async () => {
  sim = createDepositSimulator({ now: () => NOW });
  server = await sim.listen();
});
afterEach(() => server.close());

async function post(method: string, data: Record<string, string | undefined>, tc: string | null = '3102'): Promise<XmlObject> {
  const body = tc === null ? `<Req><Data>${encodeDepositRequest('1', data).split('<Data>')[1]}` : encodeDepositRequest(tc, data);
  const res = await fetch(`${server.baseUrl}/${method}`, { method: 'POST', headers: { 'content-type': 'application/xml; charset=utf-8' }, body });
  const { root, value } = decodeXml(await res.text(), { maxBytes: 65536 });
  expect(root).toBe('Resp');
  return value as XmlObject;
}

const hisFlowNo = (orderId: string) => sim.ledger.record(zhang.cardNo, orderId)!.hisFlowNo;
const freezeData = (over: Record<string, string | undefined> = {}) => ({
  HisFlowNo: hisFlowNo(wechat.orderId),
  OrderId: wechat.orderId,
  CardNo: zhang.cardNo,
  CardType: '03',
  HisID: zhang.hisId,
  PayWay: '0',
  TransNo: 'RF-T-1',
  TransTime: '2024-10-14 09:00:00',
  Price: '1000',
  ChannelId: 'patient-app',
  ...over,
});

describe('deposit simulator seed', () => {
  it('holds the HIS simulator demo patients by card, HIS id and name', () => {
    const his = new Map(Object.values(hisSeed).filter((p) => typeof p === 'object' && 'patientCard' in p).map((p) => [(p as { patientCard: string }).patientCard, p as { hisNo: string; realName: string }]));
    for (const a of Object.values(depositSeed)) expect(his.get(a.cardNo)).toMatchObject({ hisNo: a.hisId, realName: a.realName });
  });

  it('never holds more balance than the records have left, and has refundable and cash records', () => {
    for (const a of createDepositState(() => NOW).accounts.values()) {
      expect(a.balanceFen).toBeLessThanOrEqual(a.records.reduce((s, r) => s + r.payFen - r.refundedFen, 0));
    }
    expect(zhang.records.some((r) => r.allowRefund) && zhang.records.some((r) => !r.allowRefund && r.channelType === null)).toBe(true);
  });
});

describe('deposit simulator is as strict as the document', () => {
  it('refuses a request without TransactionCode, or with one that is not an integer', async () => {
    expect(await post('OPDRechargeList', { CardNo: zhang.cardNo }, null)).toMatchObject({ RespCode: String(SIM_CODES.badRequest), RespMessage: 'TransactionCode不能为空且应为整数' });
    expect(await post('OPDRechargeList', { CardNo: zhang.cardNo }, 'A1')).toMatchObject({ RespCode: String(SIM_CODES.badRequest), TransactionCode: 'A1' });
  });

  it.each(['HisFlowNo', 'OrderId', 'CardNo', 'CardType', 'HisID', 'PayWay', 'TransNo', 'TransTime', 'Price', 'ChannelId'])(
    'refuses a freeze without %s, naming it, and freezes nothing',
    async (field) => {
      const r = await post('OPDRechargeFreeze', freezeData({ [field]: undefined }));
      expect(r).toMatchObject({ RespCode: '-1', RespMessage: `${field}不能为空` });
      expect(sim.ledger.freeze('RF-T-1')).toBeUndefined();
      expect(sim.ledger.balanceFen(zhang.cardNo)).toBe(zhang.balanceFen);
    },
  );

  it('replies to a freeze with exactly the table fields, echoing TransactionCode', async () => {
    const r = await post('OPDRechargeFreeze', freezeData());
    expect(Object.keys(r)).toEqual(['TransactionCode', 'RespCode', 'RespMessage', 'Data']);
    expect(r).toMatchObject({ TransactionCode: '3102', RespCode: '10000', RespMessage: '成功' });
    expect(Object.keys(r.Data as XmlObject)).toEqual(['OrderId', 'HisCancelNo', 'HisDate', 'Price', 'Balance', 'InvoiceNo']);
    expect(r.Data).toMatchObject({ OrderId: wechat.orderId, Price: '1000', Balance: String(zhang.balanceFen - 1000), HisDate: '2024-10-14 09:00:00' });
  });

  it('lists records with only the table fields, one <Order> for one record', async () => {
    const r = await post('OPDRechargeList', { CardType: '03', CardNo: zhang.cardNo, StartDate: '2024-10-11', EndDate: '2024-10-14' }, '3101');
    const order = ((r.Data as XmlObject).Orders as XmlObject).Order;
    expect(isXmlObject(order)).toBe(true);
    const table = ['OrderId', 'HisFlowNo', 'HisDate', 'ChannelType', 'ChannelOrderNo', 'HisOrderId', 'RefundOrderId', 'PayMoney', 'TotalMoney', 'RefundMoney', 'OrderMemo', 'HisOrderState', 'IsAllowRefund'];
    expect(Object.keys(order as XmlObject).every((k) => table.includes(k))).toBe(true);
    expect(order).toMatchObject({ OrderId: 'CZ2024000105', ChannelType: '2', PayMoney: '8000', RefundMoney: '0', HisOrderState: '1', IsAllowRefund: '1' });
  });

  it('refuses a bad date, an unknown card, and a CardNo-less query', async () => {
    expect((await post('OPDRechargeList', { CardNo: zhang.cardNo, StartDate: '2024/10/01' }, '3101')).RespCode).toBe('-1');
    expect((await post('OPDRechargeList', { CardNo: '999' }, '3101')).RespCode).toBe(String(SIM_CODES.noAccount));
    expect((await post('OPDRechargeList', { IdCardNo: hisSeed.outpatient.idCard }, '3101')).RespMessage).toBe('CardNo不能为空');
  });

  it('refuses to freeze a record that may not be refunded, and a HisID that is not the card’s', async () => {
    expect((await post('OPDRechargeFreeze', freezeData({ OrderId: cash.orderId, HisFlowNo: hisFlowNo(cash.orderId) }))).RespCode).toBe(String(SIM_CODES.notRefundable));
    expect((await post('OPDRechargeFreeze', freezeData({ HisID: depositSeed.inpatient.hisId }))).RespCode).toBe(String(SIM_CODES.noAccount));
    expect((await post('OPDRechargeFreeze', freezeData({ Price: '10.00' }))).RespCode).toBe('-1');
    expect(sim.ledger.openFreezes()).toHaveLength(0);
  });

  it('counts open freezes against what a record can still refund', async () => {
    // 20000 paid, 5000 refunded: 15000 left.
    expect((await post('OPDRechargeFreeze', freezeData({ TransNo: 'A', Price: '10000' }))).RespCode).toBe('10000');
    expect((await post('OPDRechargeFreeze', freezeData({ TransNo: 'B', Price: '5001' }))).RespCode).toBe(String(SIM_CODES.overRefund));
    expect((await post('OPDRechargeFreeze', freezeData({ TransNo: 'B', Price: '5000' }))).RespCode).toBe('10000');
    expect(sim.ledger.openFreezes().map((f) => f.transNo)).toEqual(['A', 'B']);
  });

  it('refuses a TransNo used for another refund, and a settle without Status or without a freeze', async () => {
    await post('OPDRechargeFreeze', freezeData());
    expect((await post('OPDRechargeFreeze', freezeData({ Price: '999' }))).RespCode).toBe(String(SIM_CODES.transNoConflict));
    expect((await post('OPDRechargeCancellationFee', freezeData())).RespCode).toBe('-1');
    expect((await post('OPDRechargeCancellationFee', freezeData({ TransNo: 'never', Status: '0' }))).RespCode).toBe(String(SIM_CODES.noFreeze));
    expect(sim.ledger.confirmations('RF-T-1')).toBe(0);
  });

  it('replies to a settle with exactly the table fields', async () => {
    await post('OPDRechargeFreeze', freezeData());
    const r = await post('OPDRechargeCancellationFee', freezeData({ Status: '0' }), '3103');
    expect(Object.keys(r.Data as XmlObject)).toEqual(['OrderId', 'HisCancelNo', 'HisDate', 'Price', 'Balance']);
  });

  it('answers an unknown method 404 over http and a SOAP fault over soap', async () => {
    expect((await fetch(`${server.baseUrl}/toString`, { method: 'POST', body: '<Req/>' })).status).toBe(404);
    const res = await fetch(server.soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: encodeSoapRequest('OPDRechargeNope', 'xml', 'urn:x', '<Req/>') });
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('Cannot find dispatch method for OPDRechargeNope');
  });
});

describe('deposit simulator faults', () => {
  it('answers late with delay, and with the chosen negative code with error, for as many calls as asked', async () => {
    sim.faults.inject('OPDRechargeList', { kind: 'delay', delayMs: 150 }).inject('OPDRechargeList', { kind: 'error', code: -40, message: '维护中', times: 2 });
    const started = Date.now();
    expect((await post('OPDRechargeList', { CardNo: zhang.cardNo }, '3101')).RespCode).toBe('10000');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    for (let i = 0; i < 2; i++) expect(await post('OPDRechargeList', { CardNo: zhang.cardNo }, '3101')).toMatchObject({ RespCode: '-40', RespMessage: '维护中' });
    expect((await post('OPDRechargeList', { CardNo: zhang.cardNo }, '3101')).RespCode).toBe('10000');
  });
});

describe('deposit simulator hooks', () => {
  it('adds a top-up once per orderId, refundable unless cash, and lets the patient spend', () => {
    const r = sim.topUp(zhang.cardNo, { orderId: 'EH1', amountFen: 5000, channel: 'alipay', appOrderId: 'EH1' });
    expect(sim.topUp(zhang.cardNo, { orderId: 'EH1', amountFen: 5000, channel: 'alipay' })).toBe(r);
    expect(r).toMatchObject({ channelType: '1', allowRefund: true, orderMemo: 'EH1', payFen: 5000 });
    expect(sim.topUp(zhang.cardNo, { orderId: 'W1', amountFen: 100, channel: 'cash' }).allowRefund).toBe(false);
    expect(sim.ledger.balanceFen(zhang.cardNo)).toBe(zhang.balanceFen + 5100);
    sim.spend(zhang.cardNo, 100);
    expect(sim.ledger.balanceFen(zhang.cardNo)).toBe(zhang.balanceFen + 5000);
    expect(() => sim.spend(zhang.cardNo, 10_000_000)).toThrow(/more than the available balance/);
  });
});
