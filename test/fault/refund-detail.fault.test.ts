import { hisSeed as seed } from '../../bff/src/adapters/his';
import { documentShapeProblems } from '../../bff/src/adapters/partner/test-support';
import { startTestBff, type TestBff } from '../support/bff';
import { bookOne, FAST_ORDERS, waitForState } from '../support/booking-flow';
import { callRefundDetail } from '../support/partner-call';
import { DIALECTS } from '../support/stores';

const ACME = { accessToken: 'acme-fault-token-0123456789', secret: 'acme-fault-secret-012345' };
const FINANCE = { accessToken: 'finance-fault-token-012345', secret: 'finance-fault-secret-0123' };

/**
 * A refund made for real — a booking paid at the platform simulator, refused by the HIS simulator
 * with isRefund=1, refunded by the platform — then read by a partner over HTTP, on both databases.
 */
describe.each(DIALECTS)('a real refund read by partners (%s)', (dialect) => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({
      name: `refund-detail-${dialect}`, dialect,
      config: {
        ...FAST_ORDERS,
        partners: {
          list: [
            { id: 'acme', name: '某某科技有限公司', companyId: 'acme-001', ...ACME, entitlement: { orderKinds: ['subscription', 'register'], patientCards: [seed.outpatient.patientCard] } },
            { id: 'finance', name: '财务系统', companyId: 'fin-001', ...FINANCE, entitlement: { orderKinds: ['hisSrc'], patientCards: 'all' } },
          ],
        },
      } as never,
    });
  });
  afterAll(() => bff.close());

  it('the partner paying for the patient reads it in the document’s shape; a partner entitled to other kinds is told it does not exist', async () => {
    const o = await bookOne(bff);
    bff.sims.his!.faults.inject('subscriptionPay', { kind: 'error-refund' });
    await bff.sims.payment!.pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['refunded']);
    bff.sims.his!.faults.clear();
    const [refund] = await bff.deps.refunds.forOrder(o.tradeNo);
    const platformRefunds = bff.sims.payment!.ledger.refundsOf(o.tradeNo);
    expect(platformRefunds.map((r) => r.outRefundNo)).toEqual([refund!.outRefundNo]);

    const res = await callRefundDetail(bff.url, ACME, refund!.outRefundNo);
    expect(res.status).toBe(200);
    expect(documentShapeProblems(res.body)).toEqual([]);
    const yuan = o.amountFen / 100;
    expect(res.body.data.order_info).toMatchObject({ order_id: o.tradeNo, refund_order_id: refund!.outRefundNo, company_name: '某某科技有限公司', status: 92, status_name: '已退款', user_name: '张*' });
    expect(res.body.data.price_info).toMatchObject({ total_price: yuan, pay_price: yuan });
    expect(res.body.data.classify_info).toMatchObject({ order_type_classify: 'subscription', order_type_desc: expect.stringContaining('医院未能确认本次预约') });
    expect(res.body.data.order_info.order_pay_time).toBe(''); // HIS never booked it
    expect(res.body.data.order_info.third_pay_time).not.toBe('');
    expect(JSON.stringify(res.body)).not.toContain(seed.outpatient.phone);

    const other = await callRefundDetail(bff.url, FINANCE, refund!.outRefundNo);
    expect(other.body).toEqual({ code: 1, msg: 'refund order not found', request_id: expect.any(String) });
    const audit = await bff.deps.store.db.selectFrom('partner_calls').select(['partner_id', 'outcome', 'reason']).where('refund_order_id', '=', refund!.outRefundNo).execute();
    expect(audit).toHaveLength(2);
    expect(audit).toEqual(expect.arrayContaining([{ partner_id: 'acme', outcome: 'ok', reason: 'ok' }, { partner_id: 'finance', outcome: 'refused', reason: 'not-entitled' }]));
  });
});
