import type { OrderDetail, OrderSummary } from '@hosp/shared';
import type { Deps } from '../../deps';
import type { Order, OrderEvent, Refund } from '../../domain/orders/order';
import type { OrderState } from '../../domain/orders/order-state';
import { beijingDate } from '../../domain/clock';
import { bookingVoucher } from '../booking/voucher.view';

const BOOKING_KINDS = ['subscription', 'register'];

function hhmm(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);
}

/** Expected refund arrival: platforms promise 1–3 working days; we say the later date. */
function expectedBy(refund: Refund | undefined): string {
  const from = refund ? Date.parse(refund.createdAt) : Date.now();
  return beijingDate(new Date(from + 3 * 86_400_000));
}

/** The patient's words for a state; the client shows these and never derives its own. */
export function statusView(order: Order, refunds: Refund[], today: string): OrderSummary['status'] {
  const booking = BOOKING_KINDS.includes(order.kind);
  const d = order.details as { target?: { clinicDate?: string } };
  const pending = refunds.find((r) => r.state === 'pending');
  const labels: Record<OrderState, [string, string | null]> = {
    created: ['待支付', `请在 ${hhmm(order.expiresAt)} 前完成支付，超时将自动取消`],
    paying: ['待支付', `请在 ${hhmm(order.expiresAt)} 前完成支付，超时将自动取消`],
    paid: ['已支付，正在与医院确认', '通常几秒内完成；如医院最终未能确认，费用将原路退回'],
    posting: ['已支付，正在与医院确认', '医院系统响应较慢，我们会持续确认；如最终未能确认，费用将原路退回'],
    posted: [booking ? (order.kind === 'register' ? '挂号成功' : '预约成功') : '缴费成功', null],
    closed: ['已取消', '订单未支付，已释放号源'],
    refunding: ['退款中', `预计 ${expectedBy(pending)} 前原路退回`],
    refunded: ['已退款', '款项已原路退回'],
    attention: ['处理中', '医院工作人员正在核实此订单，款项不会丢失，如需帮助请联系医院客服'],
  };
  const [label, detail] = labels[order.state];
  const unpaid = order.state === 'created' || order.state === 'paying';
  const futureVisit = booking && (d.target?.clinicDate ?? '') >= today;
  return { state: order.state, label, detail, canPay: unpaid && Boolean(order.hisRef), canCancel: unpaid || (order.state === 'posted' && futureVisit) };
}

const EVENT_LABEL: Record<OrderState, string> = {
  created: '提交订单', paying: '发起支付', paid: '支付成功', posting: '正在通知医院', posted: '医院已确认',
  closed: '订单已取消', refunding: '发起退款', refunded: '退款完成', attention: '转人工核实',
};

export function summaryView(order: Order, refunds: Refund[], today: string): OrderSummary {
  const d = order.details as { patient?: { realName?: string } };
  return {
    tradeNo: order.tradeNo, kind: order.kind, subject: order.subject, amountFen: order.amountFen,
    patientName: d.patient?.realName ?? '', createdAt: order.createdAt, expiresAt: order.expiresAt,
    status: statusView(order, refunds, today),
  };
}

export function detailView(order: Order, refunds: Refund[], events: OrderEvent[], today: string): Omit<OrderDetail, 'voucher'> {
  const d = order.details as { target?: { departmentName: string | null; doctorName: string | null; clinicDate: string; clinicTime: string; clinicType: string } };
  return {
    ...summaryView(order, refunds, today),
    booking: d.target ? { departmentName: d.target.departmentName, doctorName: d.target.doctorName, clinicDate: d.target.clinicDate, clinicTime: d.target.clinicTime, clinicType: d.target.clinicType } : null,
    receipt: order.receipt ? { invoiceNo: order.receipt.invoiceNo, clinicNo: order.receipt.clinicNo, queueNo: order.receipt.queueNo ?? (order.details as { queueNo?: string | null }).queueNo ?? null } : null,
    paidAt: order.paidAt,
    refunds: refunds.map((r) => ({ refundNo: r.outRefundNo, amountFen: r.amountFen, state: r.state, label: r.state === 'refunded' ? '已退回' : r.state === 'pending' ? '退款中' : '待人工处理', settledAt: r.settledAt })),
    timeline: events.map((e) => ({ at: e.at, label: EVENT_LABEL[e.to] })),
  };
}

export async function orderDetailView(deps: Deps, order: Order): Promise<OrderDetail> {
  const [refunds, events] = await Promise.all([deps.refunds.forOrder(order.tradeNo), deps.orders.events(order.tradeNo)]);
  return { ...detailView(order, refunds, events, beijingDate(deps.now())), voucher: await bookingVoucher(deps, order) };
}
