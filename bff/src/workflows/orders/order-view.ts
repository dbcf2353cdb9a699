import type { OrderDetail, OrderSummary } from '@hosp/shared';
import type { Deps } from '../../deps';
import { isBooking } from '../../domain/booking/booking-details';
import type { Order, OrderEvent, Refund } from '../../domain/orders/order';
import type { OrderState } from '../../domain/orders/order-state';
import { refundOrigin, refundWords } from '../../domain/orders/refund-cause';
import { formatFen } from '@hosp/shared';
import { beijingDate, beijingHHmm } from '../../domain/time';
import { bookingVoucher } from '../booking/voucher.view';
import { rechargeView } from '../ecard/recharge.view';
import { paidFromCard } from '../../domain/outpatient/outpatient-details';
import { feeOrderView } from '../outpatient/fee-order.view';

/** What the view needs to know of the order's kind and the moment. */
export interface ViewContext {
  today: string;
  now: Date;
  /** HIS can undo a paid order of this kind online (so the patient may cancel it). */
  cancelsPaid: boolean;
  /** The kind holds a HIS place before payment (a booking's slot lock). */
  holdsPlace: boolean;
}

/** Expected refund arrival: platforms promise 1–3 working days; we say the later date. */
function expectedBy(refund: Refund | undefined, now: Date): string {
  return beijingDate(new Date((refund ? Date.parse(refund.createdAt) : now.getTime()) + 3 * 86_400_000));
}

type View = OrderSummary['status'];

/** Unpaid orders: the patient is never offered "pay" on an order that may be paid or is past its time. */
function unpaidView(order: Order, ctx: ViewContext): View {
  const base = { state: order.state, canPay: false, canCancel: false, canRebook: false };
  if (paidFromCard(order)) return { ...base, label: '一卡通扣款确认中', detail: '医院正在从一卡通余额扣款，请勿重复缴费' };
  if (order.payUnknownSince) return { ...base, label: '已支付，正在确认', detail: '正在向支付平台确认支付结果，请勿重复支付；如未支付成功，订单将自动取消' };
  if (order.expiresAt <= ctx.now.toISOString()) return { ...base, label: '已超时关闭', detail: ctx.holdsPlace ? '超过支付时限，订单已关闭，未扣款；号源已释放，可重新预约' : '超过支付时限，订单已关闭，未扣款', canRebook: ctx.holdsPlace };
  if (ctx.holdsPlace && !order.hisRef) return { ...base, label: '正在锁定号源', detail: '正在与医院确认号源，请稍候', canCancel: false };
  return { ...base, label: '待支付', detail: `请在 ${beijingHHmm(new Date(order.expiresAt))} 前完成支付，超时将自动取消`, canPay: true, canCancel: true };
}

/** Why an order that held no HIS place was closed: HIS's refusal when there was one. */
function closedNote(order: Order): string {
  const refused = order.statusNote?.startsWith('refused:') ? order.statusNote.split(':').slice(2).join(':') : null;
  return refused ? `${refused}；未扣款` : '订单未支付，已关闭，未扣款';
}

/** The patient's words for a state; the client shows these and never derives its own. */
export function statusView(order: Order, refunds: Refund[], ctx: ViewContext): View {
  if (order.state === 'created' || order.state === 'paying') return unpaidView(order, ctx);
  const booking = isBooking(order);
  const d = order.details as { target?: { clinicDate?: string } };
  const pending = refunds.find((r) => r.state === 'pending');
  const refund = pending ?? refunds.at(-1);
  const words = refundWords(refund?.cause ?? null, booking ? '预约' : '缴费');
  const labels: Record<Exclude<OrderState, 'created' | 'paying'>, [string, string | null]> = {
    paid: ['已支付，正在与医院确认', '通常几秒内完成；如医院最终未能确认，费用将原路退回'],
    posting: ['已支付，正在与医院确认', '医院系统响应较慢，我们会持续确认；如最终未能确认，费用将原路退回'],
    posted: [booking ? (order.kind === 'register' ? '挂号成功' : '预约成功') : order.kind === 'eCardPay' ? '充值成功' : '缴费成功', null],
    closed: ['已取消', ctx.holdsPlace ? '订单未支付，已释放号源' : closedNote(order)],
    refunding: ['退款中', `${words.why}。退款单号 ${pending?.outRefundNo ?? ''}，预计 ${expectedBy(pending, ctx.now)} 前原路退回`],
    refunded: ['已退款', `${words.why}，款项已原路退回`],
    attention: order.paidAt === null
      ? ['预约未完成', '医院系统未及时确认号源，工作人员正在核实；您未被扣款，可重新预约']
      : pending
        ? ['退款处理中', `退款单号 ${pending.outRefundNo}，医院工作人员正在跟进，款项不会丢失`]
        : ['处理中', '医院工作人员正在核实此订单，款项不会丢失，如需帮助请联系医院客服'],
  };
  const [label, stateDetail] = labels[order.state];
  // A posted order the hospital refunded part of says so (the refunds are listed on the order).
  const partial = order.state === 'posted' ? refunds.filter((r) => r.state !== 'rejected') : [];
  const detail = partial.length
    ? `${partial.some((r) => r.cause === 'hospital') ? '医院已为您办理部分退款' : '已部分退款'}：${partial.map((r) => `${formatFen(r.amountFen)}（${r.state === 'refunded' ? '已原路退回' : '退款处理中'}）`).join('、')}`
    : stateDetail;
  const futureVisit = booking && (d.target?.clinicDate ?? '') >= ctx.today;
  const ended = (order.state === 'refunding' || order.state === 'refunded') && words.rebook;
  const rebook = booking && (ended || order.state === 'closed' || (order.state === 'attention' && order.paidAt === null));
  return { state: order.state, label, detail, canPay: false, canCancel: order.state === 'posted' && futureVisit && ctx.cancelsPaid, canRebook: rebook };
}

const EVENT_LABEL: Record<OrderState, string> = {
  created: '提交订单', paying: '发起支付', paid: '支付成功', posting: '正在通知医院', posted: '医院已确认',
  closed: '订单已取消', refunding: '发起退款', refunded: '退款完成', attention: '转人工核实',
};

export function summaryView(order: Order, refunds: Refund[], ctx: ViewContext): OrderSummary {
  const d = order.details as { patient?: { realName?: string }; family?: boolean; maskedName?: string };
  return {
    tradeNo: order.tradeNo, kind: order.kind, subject: order.subject, amountFen: order.amountFen,
    // A relative's top-up (family) shows its payer only the masked name.
    patientName: (d.family ? d.maskedName : d.patient?.realName) ?? '', createdAt: order.createdAt, expiresAt: order.expiresAt,
    status: statusView(order, refunds, ctx),
  };
}

export function detailView(order: Order, refunds: Refund[], events: OrderEvent[], ctx: ViewContext): Omit<OrderDetail, 'voucher'> {
  const d = order.details as { target?: { departmentName: string | null; doctorName: string | null; clinicDate: string; clinicTime: string; clinicType: string; feeFen: number }; queueNo?: string | null };
  const listed = d.target?.feeFen;
  return {
    ...summaryView(order, refunds, ctx),
    booking: d.target ? { departmentName: d.target.departmentName, doctorName: d.target.doctorName, clinicDate: d.target.clinicDate, clinicTime: d.target.clinicTime, clinicType: d.target.clinicType, listedFeeFen: d.target.feeFen } : null,
    priceNote: listed !== undefined && order.hisRef && listed !== order.amountFen
      ? `医院确认的应付金额为 ${formatFen(order.amountFen)}，与挂号费标价 ${formatFen(listed)} 不同，请以此金额为准`
      : null,
    receipt: order.receipt ? { invoiceNo: order.receipt.invoiceNo, clinicNo: order.receipt.clinicNo, queueNo: order.receipt.queueNo ?? d.queueNo ?? null } : null,
    paidAt: order.paidAt,
    refunds: refunds.map((r) => ({
      refundNo: r.outRefundNo, amountFen: r.amountFen, state: r.state, label: r.state === 'refunded' ? '已退回' : r.state === 'pending' ? '退款处理中' : '待人工处理', settledAt: r.settledAt,
      origin: refundOrigin(r.cause), why: refundWords(r.cause, isBooking(order) ? '预约' : '缴费').why,
    })),
    timeline: events.map((e) => ({ at: e.at, label: EVENT_LABEL[e.to] })),
  };
}

export function viewContext(deps: Deps, order: Order): ViewContext {
  const now = deps.now();
  const provider = deps.kinds.get(order.kind);
  return { today: beijingDate(now), now, cancelsPaid: Boolean(provider.cancelPosted), holdsPlace: Boolean(provider.heldInHis) };
}

export async function orderDetailView(deps: Deps, order: Order): Promise<OrderDetail> {
  const [refunds, events, fee, eCard] = await Promise.all([
    deps.refunds.forOrder(order.tradeNo), deps.orders.events(order.tradeNo), feeOrderView(deps, order), rechargeView(deps, order),
  ]);
  const view = detailView(order, refunds, events, viewContext(deps, order));
  const timeline = fee.medicine.length ? [...view.timeline, ...fee.medicine].sort((a, b) => a.at.localeCompare(b.at)) : view.timeline;
  return { ...view, timeline, voucher: await bookingVoucher(deps, order), fees: fee.fees, eCard };
}

export async function orderSummaries(deps: Deps, orders: Order[]): Promise<OrderSummary[]> {
  return Promise.all(orders.map(async (o) => summaryView(o, await deps.refunds.forOrder(o.tradeNo), viewContext(deps, o))));
}
