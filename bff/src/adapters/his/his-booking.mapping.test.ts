/** HisBookingAdapter reading fixed HIS replies (document samples and odd results), no simulator. */
import type { BookingTarget, PostPaymentInput } from '../../domain/booking/ports';
import { HisBookingAdapter } from './his-booking.adapter';
import { HisClient } from './his-client';
import { BOOKING_NOW as NOW, failure, zhang } from './test-support';

describe('HisBookingAdapter mapping', () => {
  /** The real client over a transport that always answers `xml`. */
  function replying(xml: string): HisBookingAdapter {
    return new HisBookingAdapter(new HisClient({ transport: { call: async () => xml }, signKey: 'k', maxReplyBytes: 65536 }));
  }
  const t: BookingTarget = {
    scheduleId: 's',
    sourceNo: '4545665',
    sourceOrder: '3',
    departmentCode: 'c0002',
    departmentName: '风湿科',
    doctorCode: 'D0032',
    doctorName: '李玲',
    clinicType: '专家门诊',
    clinicDate: '2015-03-20',
    clinicTime: '8:00-9:00',
    clinicTimeQuantum: '8:00-9:00',
    feeFen: 1500,
  };
  const input: PostPaymentInput = { kind: 'register', hisBookingId: 'YY006', tradeNo: 'EH1', patient: zhang, target: t, amountFen: 1500, payType: 'wechatMP', payedAt: NOW, customerId: null };

  it('reads the 6.1.2 sample', async () => {
    const r = await replying(
      '<response><result>success</result><message></message><registerId>YY006</registerId><hisOrderNumber>1</hisOrderNumber><amount>13.50</amount></response>',
    ).lock('register', zhang, t);
    expect(r).toEqual({ ok: true, hisBookingId: 'YY006', amountFen: 1350, queueNo: '1' });
  });

  it('refuses a success without the booking id, or an unreadable amount, as HIS_BAD_REPLY', async () => {
    expect((await failure(replying('<response><result>success</result><registerId>YY006</registerId></response>').lock('subscription', zhang, t))).code).toBe(
      'HIS_BAD_REPLY',
    );
    expect((await failure(replying('<response><result>success</result><subscriptionId>a</subscriptionId><amount>15元</amount></response>').lock('subscription', zhang, t))).code).toBe(
      'HIS_BAD_REPLY',
    );
  });

  it('turns an undocumented result into HIS_BAD_REPLY (outcome unknown), never a failure', async () => {
    expect((await failure(replying('<response><result>processing</result><isRefund>1</isRefund></response>').postPayment(input))).code).toBe('HIS_BAD_REPLY');
    expect((await failure(replying('<response><result>busy</result></response>').lock('register', zhang, t))).code).toBe('HIS_BAD_REPLY');
    expect((await failure(replying('<response><result>unknown</result></response>').queryOrderStatus('EH1', 'register'))).code).toBe('HIS_BAD_REPLY');
  });

  it('reads isRefund only as 1 = refund; ERROR in capitals is a failure', async () => {
    await expect(replying('<response><result>ERROR</result><message>x</message><isRefund>1</isRefund></response>').postPayment(input)).resolves.toEqual({
      state: 'failed',
      isRefund: true,
      message: 'x',
    });
    await expect(replying('<response><result>error</result><message>x</message><isRefund>0</isRefund></response>').postPayment(input)).resolves.toMatchObject({
      isRefund: false,
    });
    await expect(replying('<response><result>error</result><message>x</message></response>').postPayment(input)).resolves.toMatchObject({ isRefund: false });
  });

  it('reads the 15.2 sample (lowercase success) as posted, with where to go next', async () => {
    const xml =
      '<response><result>success</result><message></message><invoiceNo>434324324433</invoiceNo><hisPayId>434324324433</hisPayId><inspectPlace>检验科一楼</inspectPlace><windowNo>1</windowNo></response>';
    await expect(replying(xml).queryOrderStatus('EH051809010000000001', 'hisSrc')).resolves.toEqual({
      state: 'posted',
      invoiceNo: '434324324433',
      hisPayId: '434324324433',
      hisBookingId: null,
      queueNo: null,
      inspectPlace: '检验科一楼',
      windowNo: '1',
    });
  });
});
