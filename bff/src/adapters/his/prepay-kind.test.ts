import type { HisInpatientPort } from '../../domain/inpatient/ports';
import type { Order } from '../../domain/orders/order';
import type { PrepayDetails } from '../../domain/inpatient/prepay-details';
import { prepayKind } from './prepay-kind';

const order = { tradeNo: 'T1', amountFen: 12345, paidAt: '2026-01-02T03:04:05.000Z', details: { patient: { realName: '陈晨', patientCard: 'ZY1' }, inpatientNo: 'ZY1', family: false, maskedName: '陈*', department: null, ward: null } } as unknown as Order<PrepayDetails>;

function port(over: Partial<HisInpatientPort>): HisInpatientPort {
  return { deposit: jest.fn(), dayBill: jest.fn(), postPrepay: jest.fn(), queryOrderStatus: jest.fn(), ...over } as HisInpatientPort;
}

describe('prepaySrc order kind', () => {
  it('posts the order amount on the inpatient number with the payment time', async () => {
    const postPrepay = jest.fn().mockResolvedValue({ state: 'posted', invoiceNo: 'F1', serialNo: 'S1' });
    const r = await prepayKind(port({ postPrepay })).post(order, 'wechatNo');
    expect(postPrepay).toHaveBeenCalledWith({ tradeNo: 'T1', patient: { realName: '陈晨', patientCard: 'ZY1' }, amountFen: 12345, payType: 'wechatNo', payedAt: new Date(order.paidAt!) });
    expect(r).toEqual({ state: 'posted', invoiceNo: 'F1', clinicNo: null, hisBookingId: 'S1', queueNo: null });
  });

  it("passes HIS's refusal (and its isRefund) through unchanged", async () => {
    const failed = { state: 'failed', isRefund: true, message: '患者已出院' } as const;
    expect(await prepayKind(port({ postPrepay: jest.fn().mockResolvedValue(failed) })).post(order, 'wechatNo')).toEqual(failed);
  });

  it("maps the port's not_posted to the machinery's error (an ERROR proves nothing by itself)", async () => {
    const k = prepayKind(port({ queryOrderStatus: jest.fn().mockResolvedValue({ state: 'not_posted', message: '无此订单' }) }));
    expect(await k.queryPosted(order)).toEqual({ state: 'error', message: '无此订单' });
    const posted = prepayKind(port({ queryOrderStatus: jest.fn().mockResolvedValue({ state: 'posted', invoiceNo: 'F', hisPayId: 'H' }) }));
    expect(await posted.queryPosted(order)).toEqual({ state: 'posted', invoiceNo: 'F', hisPayId: 'H', hisBookingId: null, queueNo: null });
  });

  it('holds nothing in HIS before payment and cannot be undone online', async () => {
    const k = prepayKind(port({}));
    expect(k.heldInHis).toBeUndefined();
    expect(k.cancelPosted).toBeUndefined();
    expect(k.dataSrc).toBe('prepaySrc');
    await expect(k.releaseUnpaid(order)).resolves.toBeUndefined();
  });
});
