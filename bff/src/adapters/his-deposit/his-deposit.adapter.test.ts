import { hisUnavailable } from '../../domain/his-errors';
import { code, failure } from '../his/test-support';
import { okResp, refundStep, scriptedAdapter, settleStep, zhangHolder, type SentRequest } from './test-support';

/**
 * The adapter against hand-written replies: how each vendor field becomes a domain value, and how
 * every kind of bad answer becomes `refused` or `unknown`. The contract test runs it against the
 * simulator over both transports.
 */

const order = (fields: Record<string, string>) => `<Order>${Object.entries(fields).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</Order>`;
const listOf = (...orders: string[]) => okResp('OPDRechargeList', `<Orders>${orders.join('')}</Orders>`);
const query = { holder: zhangHolder, from: new Date('2024-09-30T16:30:00Z'), to: new Date('2024-10-14T01:00:00Z') };

const wechatRow = { OrderId: 'R1', HisFlowNo: 'F1', HisDate: '2024-10-01 09:12:30', ChannelType: '0', ChannelOrderNo: 'C1', PayMoney: '20000', TotalMoney: '20000', RefundMoney: '5000', HisOrderState: '1', IsAllowRefund: '1', RefundOrderId: 'RF0', OrderMemo: 'EH1' };

describe('records (OPDRechargeList)', () => {
  it('asks by card type and card for the Beijing days of the range, and nothing else', async () => {
    const sent: SentRequest[] = [];
    await scriptedAdapter(() => listOf(), sent).records(query);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe('OPDRechargeList');
    expect(sent[0]!.xml).toBe(
      '<Req><TransactionCode>3101</TransactionCode><Data><CardType>03</CardType><CardNo>000123456</CardNo><StartDate>2024-10-01</StartDate><EndDate>2024-10-14</EndDate></Data></Req>',
    );
  });

  it('maps a record: amounts in fen, channel, time, refunded, and what may still be refunded', async () => {
    const [r] = await scriptedAdapter(() => listOf(order(wechatRow))).records(query);
    expect(r).toEqual({
      recordId: 'R1',
      hisRecordNo: 'F1',
      appOrderId: 'EH1',
      lastRefundId: 'RF0',
      channel: 'wechat',
      channelTradeNo: 'C1',
      paidAt: new Date('2024-10-01T01:12:30Z'),
      paidFen: 20000,
      refundedFen: 5000,
      refundAllowed: true,
      refundableFen: 15000,
      state: 'paid',
    });
  });

  it('refunds nothing from cash, a refunded or unpaid record, or one without HisFlowNo', async () => {
    const rows = [
      order({ OrderId: 'cash', HisFlowNo: 'F', PayMoney: '5000', IsAllowRefund: '0' }),
      order({ ...wechatRow, OrderId: 'done', RefundMoney: '20000', HisOrderState: '2' }),
      order({ ...wechatRow, OrderId: 'unpaid', HisOrderState: '0' }),
      order({ OrderId: 'noflow', ChannelType: '1', PayMoney: '100', IsAllowRefund: '1' }),
    ];
    const records = await scriptedAdapter(() => listOf(...rows)).records(query);
    expect(records.map((r) => [r.recordId, r.channel, r.refundAllowed, r.refundableFen, r.state])).toEqual([
      ['cash', 'other', false, 0, 'unstated'],
      ['done', 'wechat', true, 0, 'refunded'],
      ['unpaid', 'wechat', true, 0, 'unpaid'],
      ['noflow', 'alipay', true, 0, 'unstated'],
    ]);
  });

  it('reads what real systems send: the sample’s WxOrderNo, other letter case, TotalMoney alone, one <Order>', async () => {
    const xml = okResp('OPDRechargeList', '<orders><order><orderid>R9</orderid><HISFLOWNO>F9</HISFLOWNO><ChannelType>2</ChannelType><WxOrderNo>W9</WxOrderNo><TotalMoney>300</TotalMoney><IsAllowRefund>1</IsAllowRefund><Extra>x</Extra></order></orders>');
    const [r] = await scriptedAdapter(() => xml).records(query);
    expect(r).toMatchObject({ recordId: 'R9', hisRecordNo: 'F9', channel: 'unionpay', channelTradeNo: 'W9', paidFen: 300, refundableFen: 300, paidAt: null });
  });

  it('leaves out and logs (field names only) a row it cannot trust, and serves the rest', async () => {
    const warn = jest.fn();
    const rows = [order({ ...wechatRow, OrderId: 'yuan', PayMoney: '150.00' }), order({ ...wechatRow, OrderId: 'over', RefundMoney: '20001' }), order(wechatRow)];
    const records = await scriptedAdapter(() => listOf(...rows), [], { warn }).records(query);
    expect(records.map((r) => r.recordId)).toEqual(['R1']);
    expect(warn).toHaveBeenCalledTimes(1);
    const logged = JSON.stringify(warn.mock.calls[0]);
    expect(logged).toContain('PayMoney: not whole fen');
    expect(logged).toContain('RefundMoney: more than PayMoney');
    expect(logged).not.toContain('150.00');
  });

  it('fails as HIS_BAD_REPLY when no row is readable (a format change, not "no records")', async () => {
    expect(await code(scriptedAdapter(() => listOf(order({ PayMoney: '1' }))).records(query))).toBe('HIS_BAD_REPLY');
  });

  it('answers an empty list for <Orders/>', async () => {
    expect(await scriptedAdapter(() => listOf()).records(query)).toEqual([]);
  });

  it('turns a negative RespCode into HIS_REJECTED with HIS’s words, or ours when it gave none', async () => {
    const refused = (msg: string) => `<Resp><TransactionCode>3101</TransactionCode><RespCode>-2</RespCode><RespMessage>${msg}</RespMessage></Resp>`;
    const err = await failure(scriptedAdapter(() => refused('未找到该就诊卡')).records(query));
    expect([err.code, err.message]).toEqual(['HIS_REJECTED', '未找到该就诊卡']);
    expect((await failure(scriptedAdapter(() => refused('')).records(query))).message).toBe('医院未能查询预交金充值记录');
  });
});

const record = { recordId: 'R1', hisRecordNo: 'F1', channel: 'wechat' as const };
const step = refundStep(record, 1500, 'RF-20241014-0001');
const stepReply = (method: 'OPDRechargeFreeze' | 'OPDRechargeCancellationFee', over: Record<string, string> = {}) => {
  const f = { OrderId: 'R1', HisCancelNo: 'TF1', HisDate: '2024-10-14 09:05:01', Price: '1500', Balance: '30500', InvoiceNo: 'FP1', ...over };
  return okResp(method, Object.entries(f).map(([k, v]) => `<${k}>${v}</${k}>`).join(''));
};

describe('refund steps', () => {
  it('freezes with the table’s fields in its order, TransNo = our refund id, and sends the same on a retry', async () => {
    const sent: SentRequest[] = [];
    const adapter = scriptedAdapter(() => stepReply('OPDRechargeFreeze'), sent);
    const r = await adapter.freezeRefund(step);
    expect(r).toEqual({ state: 'frozen', hisRefundNo: 'TF1', invoiceNo: 'FP1', balanceFen: 30500, at: new Date('2024-10-14T01:05:01Z') });
    expect(Object.keys(sent[0]!.data)).toEqual(['HisFlowNo', 'OrderId', 'CardNo', 'CardType', 'HisID', 'PayWay', 'TransNo', 'TransTime', 'Price', 'ChannelId']);
    expect(sent[0]!.data).toMatchObject({ HisFlowNo: 'F1', OrderId: 'R1', HisID: '6000234', PayWay: '0', TransNo: 'RF-20241014-0001', TransTime: '2024-10-14 09:05:00', Price: '1500' });
    await adapter.freezeRefund(step);
    expect(sent[1]!.xml).toBe(sent[0]!.xml);
  });

  it('confirms with Status 0 and rolls back with Status 1, handing back the freeze’s invoice number', async () => {
    const sent: SentRequest[] = [];
    const adapter = scriptedAdapter((m) => stepReply(m as 'OPDRechargeCancellationFee', { InvoiceNo: '' }), sent);
    expect(await adapter.confirmRefund(settleStep(step, 'FP1'))).toMatchObject({ state: 'confirmed', hisRefundNo: 'TF1', balanceFen: 30500 });
    expect(await adapter.rollBackRefund(settleStep(step, null))).toMatchObject({ state: 'rolled_back' });
    expect(sent.map((s) => [s.method, s.data.Status, s.data.InvoiceNo])).toEqual([
      ['OPDRechargeCancellationFee', '0', 'FP1'],
      ['OPDRechargeCancellationFee', '1', undefined],
    ]);
    expect(Object.keys(sent[0]!.data).slice(-3)).toEqual(['ChannelId', 'InvoiceNo', 'Status']);
  });

  it('answers refused with the code and HIS’s words for a negative RespCode', async () => {
    const reply = '<Resp><TransactionCode>3102</TransactionCode><RespCode>-5</RespCode><RespMessage>超过可退金额</RespMessage></Resp>';
    expect(await scriptedAdapter(() => reply).freezeRefund(step)).toEqual({ state: 'refused', hisCode: -5, message: '超过可退金额' });
  });

  it.each([
    ['another OrderId', { OrderId: 'R2' }, 'reply names another OrderId'],
    ['another Price', { Price: '1501' }, 'reply names another Price'],
    ['a Price in yuan', { Price: '15.00' }, 'Price: not whole fen'],
    ['no Balance', { Balance: '' }, 'Balance: required'],
  ])('answers unknown (never frozen, never refused) for a reply with %s', async (_name, over, reason) => {
    const r = await scriptedAdapter(() => stepReply('OPDRechargeFreeze', over)).freezeRefund(step);
    expect(r.state).toBe('unknown');
    expect(r.state === 'unknown' && r.reason).toContain(reason);
  });

  it('answers unknown for an undocumented RespCode and for a transport failure', async () => {
    const zero = '<Resp><TransactionCode>3103</TransactionCode><RespCode>0</RespCode></Resp>';
    expect(await scriptedAdapter(() => zero).confirmRefund(settleStep(step, null))).toMatchObject({ state: 'unknown' });
    const down = scriptedAdapter(() => Promise.reject(hisUnavailable('OPDRechargeCancellationFee', 'timeout')));
    expect(await down.confirmRefund(settleStep(step, null))).toEqual({ state: 'unknown', reason: 'HIS_UNAVAILABLE: timeout' });
  });

  it('lets a programming error through instead of calling it unknown', async () => {
    await expect(scriptedAdapter(() => Promise.reject(new TypeError('bug'))).freezeRefund(step)).rejects.toThrow(TypeError);
  });

  it('refuses, sending nothing, a record HIS gave no HisFlowNo or no known channel', async () => {
    const sent: SentRequest[] = [];
    const adapter = scriptedAdapter(() => stepReply('OPDRechargeFreeze'), sent);
    expect(await adapter.freezeRefund(refundStep({ ...record, channel: 'other' }, 100, 'X'))).toEqual({ state: 'refused', hisCode: null, message: '该笔充值不支持线上退费' });
    expect(await adapter.confirmRefund(settleStep(refundStep({ ...record, hisRecordNo: null }, 100, 'X'), null))).toMatchObject({ state: 'refused', hisCode: null });
    expect(sent).toHaveLength(0);
  });

  it('throws on an amount that is not a positive whole fen (a caller bug)', async () => {
    const adapter = scriptedAdapter(() => stepReply('OPDRechargeFreeze'));
    await expect(adapter.freezeRefund(refundStep(record, 0, 'X'))).rejects.toThrow(RangeError);
    await expect(adapter.freezeRefund(refundStep(record, 15.5, 'X'))).rejects.toThrow(/fen must be an integer/);
  });
});
