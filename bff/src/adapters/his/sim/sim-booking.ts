import { normalizeIdNumber, yuanToFen } from '@hosp/shared';
import { beijingDate, beijingDateTime } from '../../../domain/time';
import type { XmlFields } from '../xml-codec';
import type { SimBooking, SimDataSrc, SimLedgerEntry, SimState } from './seed';
import { ensureScheduleWeek } from './seed-catalogue';

/**
 * Sections 5, 6 and 15.2 over the in-memory hospital: slot locks, their cancellation, payment
 * notices and the order-status query. Payment notices follow the document's prose exactly: a
 * ledger keyed by tradeNo; a tradeNo is booked once; a notice for a tradeNo already processed is
 * answered with the recorded result (the "in processing" wait lives in the simulator, see answer()).
 */
type SimMethod = (state: SimState, f: Record<string, string>) => XmlFields;
type Kind = SimBooking['kind'];

const ok = (fields: XmlFields = {}): XmlFields => ({ result: 'success', message: '', ...fields });
const fail = (message: string): XmlFields => ({ result: 'error', message });
const refuse = (result: string, message: string): XmlFields => ({ result, message });

const ID_FIELD = { subscription: 'subscriptionId', register: 'registerId' } as const;
/** Payment methods and the dataSrc (18.1) their orders are asked about with. */
export const PAY_METHODS: Readonly<Record<string, SimDataSrc>> = {
  subscriptionPay: 'subscription',
  payRegister: 'register',
  outpatientPay: 'hisSrc',
  prePayExpense: 'prepaySrc',
  rechargeECard: 'eCardPay',
};

const sameId = (a: string, b: string) => normalizeIdNumber(a) === normalizeIdNumber(b);
const nextSeq = (state: SimState) => String(state.nextSeq++).padStart(8, '0');

function lock(kind: Kind): SimMethod {
  return (state, f) => {
    ensureScheduleWeek(state);
    const s = state.schedules.get(f.scheduleId ?? '');
    if (!s) return refuse('no_scheduling', '无此排班');
    const p = state.patients.get(f.patientCard ?? '');
    if (!p) return refuse('invalid_card', '就诊卡不存在');
    if (p.cardStatus === 'lost') return refuse('invalid_card', '就诊卡已挂失，请到窗口办理');
    if (p.realName !== (f.realName ?? '') || !sameId(p.idCard, f.idCard ?? '')) return refuse('invalid_card', '就诊人信息与卡号不匹配');
    if (s.status === '0') return refuse('close', '该医生已停诊');
    const today = beijingDate(state.now());
    if (s.clinicDate < today) return fail('排班日期已过');
    if (kind === 'register' && s.clinicDate !== today) return fail('挂号仅限当日就诊，请使用预约');
    if (s.limited && s.remaining <= 0) return refuse('full', '号源已满');
    const id = `${kind === 'subscription' ? 'YY' : 'GH'}${nextSeq(state)}`;
    if (s.limited) s.remaining -= 1;
    const queueNo = String(s.nextQueueNo++);
    state.bookings.set(id, {
      id,
      kind,
      scheduleId: s.scheduleId,
      patientCard: p.patientCard,
      status: 'locked',
      amount: s.lockAmount ?? s.clinicFee,
      queueNo,
      counted: s.limited,
    });
    return ok({
      [ID_FIELD[kind]]: id,
      // 6.1.2 has a queue number at lock time; 5.1.2 does not (it comes with subscriptionPay).
      hisOrderNumber: kind === 'register' ? queueNo : undefined,
      amount: s.lockAmount ?? undefined,
    });
  };
}

function cancel(kind: Kind): SimMethod {
  return (state, f) => {
    const b = state.bookings.get(f[ID_FIELD[kind]] ?? '');
    if (!b || b.kind !== kind) return fail(kind === 'subscription' ? '无此预约记录' : '无此挂号记录');
    // Asked again: the same answer, and the number is given back only once.
    if (b.status === 'cancelled') return ok({ hisRefundId: b.hisRefundId });
    // 6.2: "这里的挂号取消指的是未支付的挂号记录".
    if (b.status === 'paid' && kind === 'register') return fail('已支付的挂号不能取消');
    const s = state.schedules.get(b.scheduleId);
    if (s && b.counted) s.remaining += 1;
    if (b.status === 'paid') {
      b.hisRefundId = `TK${nextSeq(state)}`;
      // HIS books the refund of the paid fee now; the platform refund is ours to make.
      const e = b.tradeNo ? state.ledger.get(b.tradeNo) : undefined;
      if (e?.posted) state.ledgerRefunds.push({ tradeNo: e.tradeNo, dataSrc: e.dataSrc, hisRefundId: b.hisRefundId, amount: e.amount ?? b.amount, refundedTime: beijingDateTime(state.now()) });
    }
    b.status = 'cancelled';
    return ok({ hisRefundId: b.hisRefundId });
  };
}

export function ledgerEntry(state: SimState, tradeNo: string, dataSrc: SimDataSrc): SimLedgerEntry {
  let e = state.ledger.get(tradeNo);
  if (!e) {
    e = { tradeNo, dataSrc, attempts: 0, booked: 0, reply: null, posted: null };
    state.ledger.set(tradeNo, e);
  }
  return e;
}

/** A refusal HIS records for the tradeNo: every later notice gets it again. isRefund=1: refund now. */
export function recordRefusal(state: SimState, method: string, f: Record<string, string>, message: string): XmlFields {
  const kind = PAY_METHODS[method];
  if (!kind || !f.tradeNo) return { ...fail(message), isRefund: '1' };
  const e = ledgerEntry(state, f.tradeNo, kind);
  e.reply ??= { result: 'error', message, isRefund: '1' };
  return e.reply;
}

const PAYED_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function sameFee(a: string | undefined, b: string): boolean {
  try {
    return a !== undefined && yuanToFen(a) === yuanToFen(b);
  } catch {
    return false;
  }
}

function pay(kind: Kind): SimMethod {
  const method = kind === 'subscription' ? 'subscriptionPay' : 'payRegister';
  return (state, f) => {
    const tradeNo = f.tradeNo ?? '';
    if (!tradeNo) return { ...fail('商户交易订单号不能为空'), isRefund: '0' };
    const e = ledgerEntry(state, tradeNo, kind);
    // Already processed: answer the recorded result, book nothing.
    if (e.reply) return e.reply;
    // A request HIS cannot read is not processed (nothing recorded): a corrected notice may follow.
    if (!PAYED_TIME.test(f.payedTime ?? '')) return { ...fail('支付成功时间格式错误'), isRefund: '0' };
    const b = state.bookings.get(f[ID_FIELD[kind]] ?? '');
    const no = (message: string) => recordRefusal(state, method, f, message);
    if (!b || b.kind !== kind) return no(kind === 'subscription' ? '无此预约记录' : '无此挂号记录');
    if (b.status === 'cancelled') return no('号源已释放，请退款');
    if (b.status === 'paid') return no('该记录已由其他订单支付');
    if (b.scheduleId !== f.scheduleId) return no('排班编号与锁号记录不符');
    if (b.patientCard !== f.patientCard) return no('就诊卡号与锁号记录不符');
    if (!sameFee(f.clinicFee, b.amount)) return no('支付金额与应付金额不符');
    const s = state.schedules.get(b.scheduleId);
    if (s?.status === '0') return no('该医生已停诊');
    const seq = nextSeq(state);
    const posted = {
      invoiceNo: `FP${seq}`,
      hisPayId: `HP${seq}`,
      // A paid appointment becomes a registration record; a registration keeps its own id.
      registerId: kind === 'register' ? b.id : `GH${seq}`,
      hisOrderNumber: b.queueNo,
    };
    b.status = 'paid';
    b.tradeNo = tradeNo;
    e.booked += 1;
    e.posted = posted;
    e.amount = f.clinicFee;
    e.payedTime = f.payedTime;
    const patient = state.patients.get(b.patientCard);
    e.reply = {
      result: 'success',
      message: '',
      clinicNo: patient?.hisNo || `MZ${seq}`,
      invoiceNo: posted.invoiceNo,
      registerId: posted.registerId,
      hisOrderNumber: posted.hisOrderNumber,
      isRefund: '0',
    };
    return e.reply;
  };
}

/** 15.2: answered from the ledger for every dataSrc. The table says SUCCESS/ERROR; this HIS writes them so. */
const queryOrderStatus: SimMethod = (state, f) => {
  if (!f.tradeNo || !f.dataSrc) return { result: 'ERROR', message: !f.tradeNo ? '支付订单号不能为空' : '费用类型不能为空' };
  const e = state.ledger.get(f.tradeNo);
  if (!e || !e.posted) return { result: 'ERROR', message: e?.reply?.message || '未查询到该订单的支付记录' };
  if (f.dataSrc !== e.dataSrc) return { result: 'ERROR', message: '订单类型不符' };
  return {
    result: 'SUCCESS',
    message: '',
    invoiceNo: e.posted.invoiceNo,
    hisPayId: e.posted.hisPayId,
    inspectPlace: e.posted.inspectPlace,
    windowNo: e.posted.windowNo,
    registerId: e.posted.registerId,
    his_ordernumber: e.posted.hisOrderNumber,
  };
};

export const bookingMethods: Record<string, SimMethod> = {
  insertSubscription: lock('subscription'),
  insertRegister: lock('register'),
  cancelSubscription: cancel('subscription'),
  cancelRegister: cancel('register'),
  subscriptionPay: pay('subscription'),
  payRegister: pay('register'),
  queryOrderStatus,
};
