import type { Order, Refund } from '../orders/order';
import { decideHisRefund, hisRefundAnswer, hisRefundStatus, refundableFen, sameHisRefund, type HisRefundRequest } from './his-refund';

const order = (o: Partial<Order> = {}): Order => ({
  tradeNo: 'EH1', kind: 'hisSrc', accountId: 'a', patientId: 'p', clientRequestId: 'c', state: 'posted', amountFen: 1000, subject: 's', payClient: 'h5',
  details: {}, hisRef: null, chargeNo: null, traceNo: 'T', paidAt: '2026-03-15T01:00:00.000Z', postRound: 0, postAttempts: 0, receipt: null, attentionReason: null,
  statusNote: null, payer: { cardKind: 'hospital_card', cardNo: 'CARD1', hisPatientId: 'H', account: 'outpatient', realName: '张三', idNumber: null },
  payChannel: 'ONE_QR', tradeMode: null, payUnknownSince: null, expiresAt: '', createdAt: '', updatedAt: '', ...o,
});
const refund = (amountFen: number, state: Refund['state'] = 'refunded', attempts = 1): Refund => ({
  outRefundNo: `RF${amountFen}`, tradeNo: 'EH1', amountFen, reason: '', cause: 'hospital', state, refundNo: null, attempts, lastCode: null, createdAt: '', settledAt: null, hisId: 'X', isReverse: false,
});
const req = (amountFen: number, o: Partial<HisRefundRequest> = {}): HisRefundRequest => ({ tradeNo: 'EH1', amountFen, hisId: 'H1', patientCard: 'CARD1', isReverse: false, cashier: null, ...o });

describe('decideHisRefund', () => {
  it('refunds part, then the whole remainder; rejected refunds give their amount back', () => {
    expect(decideHisRefund(order(), [], req(400))).toEqual({ kind: 'refund', whole: false });
    expect(decideHisRefund(order(), [refund(400)], req(600))).toEqual({ kind: 'refund', whole: true });
    expect(decideHisRefund(order(), [refund(400, 'rejected')], req(1000))).toEqual({ kind: 'refund', whole: true });
    expect(refundableFen(order(), [refund(400), refund(100, 'pending'), refund(300, 'rejected')])).toBe(500);
  });

  it('never more than paid minus refunded, pending refunds included', () => {
    expect(decideHisRefund(order(), [refund(400, 'pending')], req(601))).toEqual({ kind: 'refuse', reason: 'refundAmount exceeds the refundable 6.00' });
    expect(decideHisRefund(order(), [], req(1001)).kind).toBe('refuse');
  });

  it.each([
    [undefined, 'unknown tradeNo'],
    [order({ kind: 'deposit' }), 'deposit top-ups are refunded through the outpatient deposit HIS, not refundApply'],
    [order({ state: 'paying', paidAt: null }), 'order not paid'],
    [order({ details: { payWith: 'eCard' } }), 'paid from the one-card balance: HIS returns it to the card, not the payment platform'],
    [order({ state: 'closed' }), 'order not paid'],
    [order({ state: 'refunded' }), 'order already refunded in full'],
    [order({ state: 'posting' }), 'order is not yet confirmed by HIS; try again later'],
    [order({ payer: { cardKind: 'hospital_card', cardNo: 'OTHER', hisPatientId: 'H', account: 'outpatient', realName: '张三', idNumber: null } }), 'patientCard does not match the order'],
  ])('refuses case %#', (o, reason) => {
    expect(decideHisRefund(o, [], req(100))).toEqual({ kind: 'refuse', reason });
  });

  it('a person looking at the order does not stop the hospital refunding it', () => {
    expect(decideHisRefund(order({ state: 'attention' }), [], req(1000))).toEqual({ kind: 'refund', whole: true });
  });
});

describe('answers to HIS', () => {
  it('a repeat is the same refund only with the same order and amount', () => {
    expect(sameHisRefund(refund(400), req(400))).toBe(true);
    expect(sameHisRefund(refund(400), req(401))).toBe(false);
    expect(sameHisRefund(refund(400), req(400, { tradeNo: 'EH2' }))).toBe(false);
  });

  it('SUCCESS with our refund number, ERROR when refused, UNKNOWN while pending', () => {
    expect(hisRefundAnswer(refund(400))).toEqual({ result: 'SUCCESS', message: 'RF400' });
    expect(hisRefundAnswer({ ...refund(400, 'rejected'), lastCode: '034001' })).toEqual({ result: 'ERROR', message: 'refund RF400 refused by the payment platform (034001)' });
    expect(hisRefundAnswer(refund(400, 'pending')).result).toBe('UNKNOWN');
  });

  it('refundStatus 1 applied, 2 refunded, 3 failed, 4 in progress', () => {
    expect([refund(1, 'pending', 0), refund(1), refund(1, 'rejected'), refund(1, 'pending', 2)].map(hisRefundStatus)).toEqual([1, 2, 3, 4]);
  });
});
