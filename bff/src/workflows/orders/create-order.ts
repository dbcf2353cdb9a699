import { AppError, type PayResponse } from '@hosp/shared';
import { sql } from 'kysely';
import type { Deps } from '../../deps';
import { newTradeNo, type Order } from '../../domain/orders/order';
import type { OrderKind } from '../../domain/orders/order-state';
import type { PatientBinding } from '../../domain/patients/patient';
import type { PayClient } from '../../domain/payments/ports';
import type { Db } from '../../store/db';
import { claimForOrder } from '../../store/claims.repo';
import { isUniqueViolation } from '../../store/orders.repo';
import { enqueueExpire } from './expire-order.job';
import { orderDetailView } from './order-view';
import { payOrder } from './pay-order.workflow';
import { outpatientPayer } from './payer';

/** An order that holds nothing in HIS before payment (outpatient fees, one-card recharge). */
export interface PlainOrder {
  kind: OrderKind;
  patient: PatientBinding;
  requestId: string;
  amountFen: number;
  subject: string;
  payClient: PayClient;
  details: Record<string, unknown>;
  /** Things only one live order may hold (order_claims). */
  claims: string[];
  /** Said when a claim is held by another live order. */
  claimedMessage: string;
  pay: boolean;
  /** Who takes the money when it is not the payment platform (the one-card: CARD_PAY_CHANNEL). */
  payChannel?: string;
  /**
   * Checked inside the creation transaction, after the account's lock: a limit that concurrent
   * orders must not pass together (the one-card's daily limit). Throws an AppError to refuse.
   */
  guard?: (tx: Db) => Promise<void>;
  /**
   * What starts the order in its creation transaction instead of the unpaid-order expiry: an
   * order paid without the platform (outpatient fees from the one-card) moves on at once.
   */
  begin?: (tx: Db, tradeNo: string, now: Date) => Promise<void>;
}

/** The first answer to a repeated requestId: charge it (again, same outChargeNo) or show it. */
export async function resumeOrder(deps: Deps, accountId: string, order: Order, pay: boolean): Promise<PayResponse> {
  return pay ? payOrder(deps, accountId, order.tradeNo) : { order: await orderDetailView(deps, order), payParams: null };
}

/**
 * Writes the order with its expiry job, under the account's cap on unpaid orders and the claims
 * table (at most one live order per prescription), then charges it unless asked not to.
 */
export async function createPlainOrder(deps: Deps, accountId: string, o: PlainOrder): Promise<PayResponse> {
  const payer = await outpatientPayer(deps, o.patient);
  const now = deps.now();
  const tradeNo = newTradeNo(now);
  const expiresAt = new Date(now.getTime() + deps.config.orders.unpaidMinutes * 60_000);
  let heldBy: string | null = null;
  try {
    await deps.store.db.transaction().execute(async (tx) => {
      if (deps.store.dialect === 'postgres') await sql`select id from accounts where id = ${accountId} for update`.execute(tx);
      if ((await deps.orders.countUnpaid(accountId, tx)) >= deps.config.orders.maxUnpaidPerAccount) {
        throw new AppError('TOO_MANY_UNPAID', '您有多笔待支付订单，请先完成支付或取消后再下单', { limit: deps.config.orders.maxUnpaidPerAccount });
      }
      if (o.guard) await o.guard(tx);
      await deps.orders.insert(tx, {
        tradeNo, kind: o.kind, accountId, patientId: o.patient.id, clientRequestId: o.requestId, amountFen: o.amountFen, subject: o.subject,
        payClient: o.payClient, details: o.details, expiresAt: expiresAt.toISOString(), payer, payChannel: o.payChannel ?? deps.config.payment.channels[o.payClient],
      }, now, 'patient', o.subject);
      heldBy = await claimForOrder(tx, tradeNo, o.claims, now);
      if (heldBy) throw new AppError('PRESCRIPTION_IN_ORDER', o.claimedMessage, { tradeNo: heldBy }, heldBy);
      if (o.begin) await o.begin(tx, tradeNo, now);
      else await enqueueExpire(deps, tx, tradeNo, expiresAt, now);
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // The same requestId got there first, or another order claimed the same thing a moment earlier.
    const same = await deps.orders.findByClientRequest(accountId, o.requestId);
    if (same) return resumeOrder(deps, accountId, same, o.pay);
    throw new AppError('PRESCRIPTION_IN_ORDER', o.claimedMessage);
  }
  deps.log.info({ tradeNo, kind: o.kind, accountId }, 'order created');
  return resumeOrder(deps, accountId, (await deps.orders.get(tradeNo))!, o.pay);
}
