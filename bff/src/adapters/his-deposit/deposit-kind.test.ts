import { isHisError } from '../../domain/his-errors';
import type { DepositRecord, HisDepositPort } from '../../domain/deposit/ports';
import type { Order } from '../../domain/orders/order';
import { depositKind, type DepositDetails } from './deposit-kind';

const record = (over: Partial<DepositRecord>): DepositRecord => ({
  recordId: 'CZ1', hisRecordNo: 'YJ1', appOrderId: null, lastRefundId: null, channel: 'wechat', channelTradeNo: null, paidAt: new Date(),
  paidFen: 100, refundedFen: 0, refundAllowed: true, refundableFen: 100, state: 'paid', ...over,
});
const order = { tradeNo: 'EH261202093000123456', paidAt: '2026-12-02T01:30:00Z', createdAt: '2026-12-02T01:29:00Z', details: { holder: { patientCard: 'C1', hisPatientId: 'H1' }, realName: '张三' } } as Order<DepositDetails>;

function his(records: DepositRecord[]): HisDepositPort & { asked: unknown[] } {
  const asked: unknown[] = [];
  return { asked, records: async (q: unknown) => (asked.push(q), records), freezeRefund: jest.fn(), confirmRefund: jest.fn(), rollBackRefund: jest.fn() } as never;
}

describe('deposit order kind: a top-up is posted once HIS lists it', () => {
  it('posted when HIS lists a record naming our tradeNo (OrderMemo), with HIS\'s number as the receipt', async () => {
    const port = his([record({}), record({ recordId: 'CZ2', hisRecordNo: 'YJ2', appOrderId: order.tradeNo })]);
    expect(await depositKind(port).post(order, 'wechatNo')).toEqual({ state: 'posted', invoiceNo: 'YJ2', clinicNo: null, hisBookingId: null, queueNo: null });
    expect(port.asked[0]).toMatchObject({ holder: { patientCard: 'C1', hisPatientId: 'H1' } });
  });

  it('not listed yet: the notice "failed" without a refund, and the query is an unknown answer (never "HIS lacks it")', async () => {
    const kind = depositKind(his([record({})]));
    expect(await kind.post(order, 'wechatNo')).toMatchObject({ state: 'failed', isRefund: false });
    const err = await kind.queryPosted(order).then(() => null, (e: unknown) => e);
    expect(isHisError(err, 'HIS_UNAVAILABLE')).toBe(true);
  });
});
