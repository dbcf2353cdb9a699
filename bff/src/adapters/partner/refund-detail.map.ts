import { fenToYuanNumber } from '@hosp/shared';
import type { OrderKind } from '../../domain/orders/order-state';
import type { PartnerRefund, PartnerRefundStatus } from '../../domain/partners/partner-refund';
import { beijingDateTime } from '../../domain/time';

/** Who asks and who supplied: the partner (the document's company) and the hospital (its supplier). */
export interface DetailContext {
  partner: { name: string; companyId: string; costAttribution?: { id: string; category: 1 | 2; name: string } };
  hospital: { id: string; name: string };
}

/** order_type_classify is our order kind; its name in Chinese. */
export const KIND_NAMES: Record<OrderKind, string> = {
  subscription: '预约挂号', register: '当日挂号', hisSrc: '门诊缴费', prepaySrc: '住院预缴', eCardPay: '一卡通充值', deposit: '门诊预交金',
};

/** The document shows only 92 已退款; the codes around it are ours, closed and listed in the README. */
export const STATUS: Record<PartnerRefundStatus, { code: number; name: string }> = {
  refunding: { code: 91, name: '退款中' },
  refunded: { code: 92, name: '已退款' },
  failed: { code: 93, name: '退款失败' },
};

/** Beijing `yyyy-MM-dd HH:mm:ss`; the document marks the times required, so an unknown one is ''. */
const time = (iso: string | null): string => (iso ? beijingDateTime(new Date(iso)) : '');

/**
 * One of our refunds in the document's `data` shape (see document-fields.ts for every field's
 * type). A refund order is the document's "reverse order": its own numbers and times in
 * order_info, the order it returns money of as order_id and operator_order_time; the patient is the
 * consumer, masked; the hospital is the supplier; yuan as numbers (exact, from fen).
 */
export function toRefundDetailData(r: PartnerRefund, ctx: DetailContext) {
  const status = STATUS[r.status];
  const supplierOrderId = r.hisOrderId ?? '';
  return {
    total_count: 1,
    page_index: 1,
    page_size: 1,
    order_info: {
      order_id: r.tradeNo,
      refund_order_id: r.refundNo,
      company_id: ctx.partner.companyId,
      company_name: ctx.partner.name,
      // The consumer's id and department in the partner's own organisation: not known to us.
      user_id: '',
      user_name: r.maskedName,
      user_phone: r.maskedPhone,
      unit_name: '',
      unit_id: '',
      create_time: time(r.refundCreatedAt),
      third_pay_time: time(r.paidAt),
      order_pay_time: time(r.postedAt),
      operator_order_time: time(r.orderCreatedAt),
      // The document's ride is, for a refund, its span: asked for, and settled ('' while it runs).
      start_time: time(r.refundCreatedAt),
      end_time: time(r.refundSettledAt),
      start_destination: r.department ?? KIND_NAMES[r.kind],
      end_destination: ctx.hospital.name,
      supplier_order_id: supplierOrderId,
      status: status.code,
      status_name: status.name,
    },
    price_info: {
      total_price: fenToYuanNumber(r.orderFen),
      pay_price: fenToYuanNumber(r.refundFen),
      total_discount: 0,
      red_envelope: 0,
      // The patient paid: nothing came from a company account at the platform.
      company_total_pay: 0,
    },
    classify_info: {
      order_type_classify: r.kind,
      order_type_classify_name: KIND_NAMES[r.kind],
      order_type_name: `${KIND_NAMES[r.kind]}退款`,
      order_type_desc: r.why,
    },
    consumer_infos: [{ consumer_name: r.maskedName, consumer_phone: r.maskedPhone, consumer_unit_name: '' }],
    supplier_info: { supplier_id: ctx.hospital.id, supplier_name: ctx.hospital.name, supplier_order_id: supplierOrderId },
    cost_info: ctx.partner.costAttribution
      ? [{ cost_attribution_id: ctx.partner.costAttribution.id, cost_attribution_category: ctx.partner.costAttribution.category, cost_attribution_name: ctx.partner.costAttribution.name, custom_ext: [] as unknown[] }]
      : [],
    third_info: { user_id: '', dept_id: '', cost_dept_id: '', cost_project_id: '' },
  };
}

export type RefundDetailData = ReturnType<typeof toRefundDetailData>;

export function successReply(r: PartnerRefund, ctx: DetailContext, requestId: string) {
  return { code: 0 as const, msg: 'success', data: toRefundDetailData(r, ctx), request_id: requestId };
}
