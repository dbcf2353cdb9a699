import { formatFen } from '@hosp/shared';
import type { Deps } from '../../deps';
import type { Order, Refund } from '../../domain/orders/order';
import { refundWords } from '../../domain/orders/refund-cause';
import type { Db } from '../../store/db';
import { notifyAccount } from '../notices/notify.workflow';
import { bookingDetails } from '../../domain/booking/booking-details';
import { whereNext } from '../../domain/outpatient/outpatient-details';
import { arriveLine, placeOf, visitTime, weekdayOf } from '../booking/voucher.view';

type OrderEventKind = 'order_posted' | 'order_refunded' | 'order_attention';

const WORDS: Record<OrderEventKind, (o: Order) => { title: string; body: string }> = {
  order_posted: (o) => ({ title: ['subscription', 'register'].includes(o.kind) ? '预约成功' : '缴费成功', body: `${o.subject}，${formatFen(o.amountFen)}，医院已确认。` }),
  order_refunded: (o) => ({ title: '退款成功', body: `${o.subject}的 ${formatFen(o.amountFen)} 已原路退回，请留意到账。` }),
  order_attention: (o) => ({ title: '订单处理中', body: `${o.subject}的支付需要医院工作人员核实，款项不会丢失，我们会尽快处理。` }),
};

/**
 * 预约成功 carries who, when and where. The place is the department's location as last read from
 * HIS: never a HIS call here, inside the state change's transaction.
 */
function bookingPosted(deps: Deps, o: Order): { title: string; body: string; fields: Record<string, string> } {
  const d = bookingDetails(o);
  const dept = deps.catalogue.knownDepartment(d.target.departmentCode);
  const { time, start } = visitTime(d.target);
  const when = `${d.target.clinicDate}（${weekdayOf(d.target.clinicDate)}）${time}`;
  const who = [d.target.departmentName, d.target.doctorName ?? d.target.clinicType].filter(Boolean).join(' ');
  const place = placeOf(d.target, dept) ?? d.target.departmentName ?? '就诊科室';
  const body = `就诊人：${d.patient.realName}；时间：${when}；地点：${place}；${who}。${arriveLine(start, dept?.address ?? null, deps.config.patientService.visit)}，请携带就诊卡和身份证。`;
  return { title: o.kind === 'register' ? '挂号成功' : '预约成功', body, fields: { 就诊人: d.patient.realName, 就诊时间: when, 就诊地点: place } };
}

/** 缴费成功 says where to go next (检查地点, 取药窗口) when HIS named it; 充值成功 is the one-card's. */
function feePosted(o: Order): { title: string; body: string; fields: Record<string, string> } | null {
  if (o.kind === 'eCardPay') return { title: '一卡通充值成功', body: `${formatFen(o.amountFen)} 已充入一卡通，可在“一卡通充值”中查看余额。`, fields: {} };
  if (o.kind !== 'hisSrc') return null;
  const where = whereNext(o.receipt?.inspectPlace, o.receipt?.windowNo);
  return {
    title: '缴费成功',
    body: `${o.subject}，${formatFen(o.amountFen)}，医院已确认。${where ? `${where}。` : ''}`,
    fields: { ...(o.receipt?.inspectPlace ? { 检查地点: o.receipt.inspectPlace } : {}), ...(o.receipt?.windowNo ? { 取药窗口: o.receipt.windowNo } : {}) },
  };
}

/** One refund of several (e.g. the hospital refunded part of it): its own amount and who started it. */
function refundSettled(o: Order, r: Refund): { title: string; body: string } {
  const noun = ['subscription', 'register'].includes(o.kind) ? '预约' : '缴费';
  const who = r.cause === 'hospital' ? `医院为您办理了${noun}退款` : refundWords(r.cause, noun).why;
  return { title: '退款成功', body: `${o.subject}：${who}，${formatFen(r.amountFen)} 已原路退回，请留意到账。` };
}

/**
 * Our own order events become notices in the same transaction as the state change. `refund` names
 * the refund that settled when it was not the whole order in one go (one notice per refund).
 */
export async function notifyOrderEvent(deps: Deps, tx: Db, order: Order, kind: OrderEventKind, now: Date, refund?: Refund): Promise<void> {
  const booking = kind !== 'order_posted' ? null : ['subscription', 'register'].includes(order.kind) ? bookingPosted(deps, order) : feePosted(order);
  const words = booking ?? (refund && kind === 'order_refunded' ? refundSettled(order, refund) : WORDS[kind](order));
  await notifyAccount(deps, tx, order.accountId, order.patientId, {
    kind,
    title: words.title,
    body: words.body,
    link: `/journeys/orders/pages/detail/index?tradeNo=${order.tradeNo}`,
    dedupeKey: refund ? `${kind}:${refund.outRefundNo}` : `${kind}:${order.tradeNo}`,
    fields: { 订单: order.subject, 金额: formatFen(refund?.amountFen ?? order.amountFen), ...booking?.fields },
  }, now);
}
