import { z } from 'zod';
import type { DepositChannel, DepositRecord, DepositRecordState } from '../../domain/deposit/ports';
import { optional, required } from '../his/his-reply.map';
import { fen, flag01, hisTime, optionalFen, signedFen } from './his-deposit.codec';

/**
 * Vendor words ↔ domain words for the deposit dialect. Where the document's sample and its table
 * disagree (the sample's WxOrderNo vs the table's ChannelOrderNo), both are read; the table's
 * names are what we send.
 */

/** ChannelType: 0 微信, 1 支付宝, 2 银联; anything else (cash at the window, none) is `other`. */
const CHANNELS: Record<string, DepositChannel> = { '0': 'wechat', '1': 'alipay', '2': 'unionpay' };
/** PayWay of a refund: the document gives no list, so the record's own ChannelType code is sent back. */
export const PAY_WAY: Partial<Record<DepositChannel, string>> = { wechat: '0', alipay: '1', unionpay: '2' };

/** HisOrderState: 0 未支付, 1 已支付, 2 已退款; "不传该值" → unstated. */
const orderState = z
  .string()
  .nullish()
  .transform((v, ctx): DepositRecordState => {
    const s = (v ?? '').trim();
    if (s === '') return 'unstated';
    const state = ({ '0': 'unpaid', '1': 'paid', '2': 'refunded' } as const)[s];
    if (state) return state;
    ctx.addIssue({ code: 'custom', message: 'expected 0, 1, 2 or empty' });
    return z.NEVER;
  });

export const ORDER_FIELDS = [
  'OrderId',
  'HisFlowNo',
  'HisDate',
  'ChannelType',
  'ChannelOrderNo',
  'WxOrderNo',
  'HisOrderId',
  'RefundOrderId',
  'PayMoney',
  'TotalMoney',
  'RefundMoney',
  'OrderMemo',
  'HisOrderState',
  'IsAllowRefund',
] as const;

export const OrderRow = z
  .object({
    OrderId: required,
    HisFlowNo: optional,
    HisDate: hisTime,
    ChannelType: optional,
    ChannelOrderNo: optional,
    WxOrderNo: optional,
    HisOrderId: optional,
    RefundOrderId: optional,
    PayMoney: optionalFen,
    TotalMoney: optionalFen,
    RefundMoney: optionalFen,
    OrderMemo: optional,
    HisOrderState: orderState,
    IsAllowRefund: flag01,
  })
  .superRefine((r, ctx) => {
    // What the patient paid: PayMoney, or TotalMoney when HIS fills only that ("正常情况相等").
    if (r.PayMoney === null && r.TotalMoney === null) ctx.addIssue({ code: 'custom', path: ['PayMoney'], message: 'required' });
    const paid = r.PayMoney ?? r.TotalMoney ?? 0;
    if ((r.RefundMoney ?? 0) > paid) ctx.addIssue({ code: 'custom', path: ['RefundMoney'], message: 'more than PayMoney' });
  });

export function toDepositRecord(r: z.output<typeof OrderRow>): DepositRecord {
  const paidFen = r.PayMoney ?? r.TotalMoney ?? 0;
  const refundedFen = r.RefundMoney ?? 0;
  const channel = CHANNELS[(r.ChannelType ?? '').trim()] ?? 'other';
  const refundAllowed = r.IsAllowRefund === true;
  // A refund must name HisFlowNo and a PayWay; without them HIS's permission cannot be used online.
  const usable = refundAllowed && r.HisFlowNo !== null && channel !== 'other' && (r.HisOrderState === 'paid' || r.HisOrderState === 'unstated');
  return {
    recordId: r.OrderId,
    hisRecordNo: r.HisFlowNo,
    appOrderId: r.OrderMemo,
    lastRefundId: r.RefundOrderId,
    channel,
    channelTradeNo: r.ChannelOrderNo ?? r.WxOrderNo,
    paidAt: r.HisDate,
    paidFen,
    refundedFen,
    refundAllowed,
    refundableFen: usable ? paidFen - refundedFen : 0,
    state: r.HisOrderState,
  };
}

export const STEP_REPLY_FIELDS = ['OrderId', 'HisCancelNo', 'HisDate', 'Price', 'Balance', 'InvoiceNo'] as const;

/** OPDRechargeFreeze / OPDRechargeCancellationFee `<Data>`, per the tables. */
export const StepReply = z.object({
  OrderId: required,
  HisCancelNo: optional,
  HisDate: hisTime,
  Price: fen,
  Balance: signedFen,
  InvoiceNo: optional,
});
