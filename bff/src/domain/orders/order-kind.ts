import type { z } from 'zod';
import type { PayClient } from '../payments/ports';
import type { Order } from './order';
import type { OrderKind } from './order-state';

/** What HIS said when told of a payment (§5.3, §6.3, §8.3, …), in domain words. */
export type PostResult =
  | {
      state: 'posted'; invoiceNo: string | null; clinicNo: string | null; hisBookingId: string | null; queueNo: string | null;
      /** Outpatient fees: where to go next, when the kind learnt it (queryOrderStatus) right after posting. */
      inspectPlace?: string | null; windowNo?: string | null;
    }
  /** HIS answered an error; isRefund=1 means stop notifying and refund at once. */
  | { state: 'failed'; isRefund: boolean; message: string };

/** §15.2 queryOrderStatus. HIS answers only SUCCESS or ERROR: an ERROR does not prove it lacks the payment. */
export type OrderStatusResult =
  | {
      state: 'posted';
      invoiceNo: string | null;
      hisPayId: string | null;
      hisBookingId: string | null;
      queueNo: string | null;
      inspectPlace?: string | null;
      windowNo?: string | null;
    }
  | { state: 'error'; message: string };

/**
 * One kind of order (booking, outpatient fee, deposit, …): how it is posted to, queried in and
 * released from HIS, and the typed snapshot (`details`) it carries. The order machinery — payment,
 * posting rounds, refunds, expiry — is the same for every kind; a kind registers one of these
 * next to its adapter.
 */
export interface OrderKindProvider<D = unknown> {
  readonly kind: OrderKind;
  /** dataSrc of section 18.1, used for queryOrderStatus. */
  readonly dataSrc: string;
  /** The order's snapshot, checked whenever it is read back. */
  readonly details: z.ZodType<D>;
  /** Tell HIS the order was paid (same fields on every try). */
  post(order: Order<D>, payType: string): Promise<PostResult>;
  /** queryOrderStatus: did an earlier notice reach HIS after all? */
  queryPosted(order: Order<D>): Promise<OrderStatusResult>;
  /**
   * Checked again just before the first platform charge (outpatient fees: the amounts are re-read
   * from HIS). Throws an AppError to refuse the charge; the order is then closed by the caller.
   */
  beforeCharge?(order: Order<D>): Promise<void>;
  /** Release what an unpaid order holds in HIS (a slot lock); idempotent. */
  releaseUnpaid(order: Order<D>): Promise<void>;
  /**
   * For kinds that hold a place in HIS before payment (a slot lock): the HIS keys we know for an
   * order whose lock reply was lost, so a person can find and release it. Absent: nothing is held.
   */
  heldInHis?(order: Order<D>): string;
  /** Undo a posted order in HIS before its refund; absent when HIS cannot undo this kind online. */
  cancelPosted?(order: Order<D>): Promise<void>;
}

/** The registered kinds; a kind without a provider cannot be created, posted or refunded. */
export class OrderKinds {
  private readonly byKind = new Map<OrderKind, OrderKindProvider<unknown>>();

  // Providers differ in their details type; each one's schema is what types its orders on the way back.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  register(...providers: OrderKindProvider<any>[]): this {
    for (const p of providers) this.byKind.set(p.kind, p as unknown as OrderKindProvider<unknown>);
    return this;
  }

  get(kind: OrderKind): OrderKindProvider<unknown> {
    const p = this.byKind.get(kind);
    if (!p) throw new Error(`no provider registered for order kind ${kind}`);
    return p;
  }

  has(kind: OrderKind): boolean {
    return this.byKind.has(kind);
  }

  /** The order with its details checked against its kind's schema. */
  typed<D>(order: Order, provider: OrderKindProvider<D>): Order<D> {
    return { ...order, details: provider.details.parse(order.details) };
  }
}

/** Section 18.2 payType from the client we charged through and the platform's trade mode. */
export function payTypeFor(client: PayClient, tradeMode: string | null): string {
  const mode = (tradeMode ?? '').toUpperCase();
  if (mode.startsWith('WX')) return client === 'weapp' ? 'wechatMP' : 'wechatNo';
  if (mode.startsWith('ALI')) return client === 'alipay' ? 'alipayMP' : 'alipayService';
  if (mode.startsWith('UP')) return 'unionPay';
  return client === 'weapp' ? 'wechatMP' : client === 'alipay' ? 'alipayMP' : 'wechatNo';
}
