import { formatFen } from '@hosp/shared';
import type { Deps } from '../../deps';
import type { Order } from '../../domain/orders/order';
import type { Db } from '../../store/db';
import { notifyAccount } from '../notices/notify.workflow';

type OrderEventKind = 'order_posted' | 'order_refunded' | 'order_attention';

const WORDS: Record<OrderEventKind, (o: Order) => { title: string; body: string }> = {
  order_posted: (o) => ({ title: ['subscription', 'register'].includes(o.kind) ? '预约成功' : '缴费成功', body: `${o.subject}，${formatFen(o.amountFen)}，医院已确认。` }),
  order_refunded: (o) => ({ title: '退款成功', body: `${o.subject}的 ${formatFen(o.amountFen)} 已原路退回，请留意到账。` }),
  order_attention: (o) => ({ title: '订单处理中', body: `${o.subject}的支付需要医院工作人员核实，款项不会丢失，我们会尽快处理。` }),
};

/** Our own order events become notices in the same transaction as the state change. */
export async function notifyOrderEvent(deps: Deps, tx: Db, order: Order, kind: OrderEventKind, now: Date): Promise<void> {
  const words = WORDS[kind](order);
  await notifyAccount(deps, tx, order.accountId, order.patientId, {
    kind,
    ...words,
    link: `/journeys/orders/pages/detail/index?tradeNo=${order.tradeNo}`,
    dedupeKey: `${kind}:${order.tradeNo}`,
    fields: { 订单: order.subject, 金额: formatFen(order.amountFen) },
  }, now);
}
