import type { OrderStatusResult, PostResult } from '../booking/ports';
import type { Order } from './order';

/**
 * How one kind of order (booking, outpatient fee, deposit, …) talks to HIS. The order machinery —
 * payment, posting rounds, refunds, expiry — is the same for every kind; only these calls differ.
 */
export interface OrderKindHandler {
  /** dataSrc of section 18.1, used for queryOrderStatus. */
  readonly dataSrc: string;
  /** Tell HIS the order was paid (same fields on every try). */
  post(order: Order, payType: string): Promise<PostResult>;
  /** queryOrderStatus: did an earlier notice reach HIS after all? */
  queryPosted(order: Order): Promise<OrderStatusResult>;
  /** Release what an unpaid order holds in HIS (a slot lock); idempotent. */
  releaseUnpaid(order: Order): Promise<void>;
  /** Undo a posted order in HIS before its refund (a patient cancelling a paid booking). */
  cancelPosted?(order: Order): Promise<void>;
}

/** Section 18.2 payType from the client we charged through and the platform's trade mode. */
export function payTypeFor(client: Order['payClient'], tradeMode: string | null): string {
  const mode = (tradeMode ?? '').toUpperCase();
  if (mode.startsWith('WX')) return client === 'weapp' ? 'wechatMP' : 'wechatNo';
  if (mode.startsWith('ALI')) return client === 'alipay' ? 'alipayMP' : 'alipayService';
  if (mode.startsWith('UP')) return 'unionPay';
  return client === 'weapp' ? 'wechatMP' : client === 'alipay' ? 'alipayMP' : 'wechatNo';
}
