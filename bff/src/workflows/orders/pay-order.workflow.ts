import { AppError, type PayResponse } from '@hosp/shared';
import type { Deps } from '../../deps';
import type { Order } from '../../domain/orders/order';
import type { OrderKindProvider } from '../../domain/orders/order-kind';
import type { PayParams } from '../../domain/payments/ports';
import { confirmFromPlatform } from './confirm-payment.workflow';
import { orderDetailView } from './order-view';
import { paidFromCard } from '../../domain/outpatient/outpatient-details';
import { enqueuePoll } from './poll-payment.job';

/**
 * Makes (or makes again) the platform charge of an unpaid order, with the channel and account fixed
 * when the order was created. The platform's rule: a repeated payment of the same order uses the
 * same outChargeNo, so the patient can never pay twice; its "already paid" answer confirms it.
 */
export async function payOrder(deps: Deps, accountId: string, tradeNo: string): Promise<PayResponse> {
  const order = await deps.orders.getOwned(accountId, tradeNo);
  if (!order) throw new AppError('NOT_FOUND', '订单不存在');
  const view = async () => ({ order: await orderDetailView(deps, (await deps.orders.get(tradeNo))!), payParams: null });
  // Paid from the one-card: HIS takes it (card-pay.workflow); there is never a platform charge.
  if (paidFromCard(order)) return view();
  const provider = deps.kinds.get(order.kind);
  const holdsPlace = Boolean(provider.heldInHis);
  // Never offer payment on an order that may already be paid, or whose HIS place is not confirmed.
  if (!['created', 'paying'].includes(order.state) || order.payUnknownSince || (holdsPlace && !order.hisRef)) return view();
  const now = deps.now();
  if (order.expiresAt <= now.toISOString()) throw new AppError('ORDER_EXPIRED', '订单已超过支付时限，请重新预约');
  if (!order.payer || !order.payChannel) throw new AppError('CONFLICT', '该订单缺少支付账户信息，请重新下单');
  if (order.state === 'created' && provider.beforeCharge) await checkBeforeCharge(deps, order, provider);
  // The wallets' JSAPI charges name their payer: the openid / user_id the account logged in with.
  const account = order.payClient === 'h5' ? undefined : await deps.accounts.get(accountId);
  let payParams: PayParams;
  try {
    const created = await deps.payment.createCharge({
      outChargeNo: order.tradeNo,
      amountFen: order.amountFen,
      client: order.payClient,
      channel: order.payChannel,
      subject: order.subject,
      payer: order.payer,
      ...(account ? { payerOpenId: account.subject } : {}),
      returnUrl: `${deps.publicBaseUrl}/#/journeys/orders/pages/detail/index?tradeNo=${order.tradeNo}&from=cashier`,
      expiresAt: new Date(order.expiresAt),
      ...(order.kind === 'deposit' ? { purpose: 'deposit_top_up' as const } : {}),
    });
    if (created.outcome === 'already_paid') {
      await confirmFromPlatform(deps, order);
      return view();
    }
    payParams = created.payParams;
    await deps.store.db.transaction().execute(async (tx) => {
      if (order.state === 'created') {
        await deps.orders.transition(tx, tradeNo, 'paying', { actor: 'platform', reason: 'payment order created', patch: { chargeNo: created.chargeNo } }, now);
      }
      await enqueuePoll(deps, tx, tradeNo, now);
    });
  } catch (err) {
    deps.log.warn({ tradeNo, err }, 'creating the platform charge failed');
    if (err instanceof AppError && err.code === 'CONFLICT') return view();
    throw new AppError('PAYMENT_UNAVAILABLE', '支付通道繁忙，请稍后在“我的订单”中继续支付', { tradeNo });
  }
  return { order: await orderDetailView(deps, (await deps.orders.get(tradeNo))!), payParams };
}

/**
 * The kind's last word before money moves (outpatient fees re-read their amounts). A refusal closes
 * the unpaid order (nothing was charged) and reaches the patient; a HIS failure leaves it to retry.
 */
async function checkBeforeCharge(deps: Deps, order: Order, provider: OrderKindProvider<unknown>): Promise<void> {
  try {
    await provider.beforeCharge!(deps.kinds.typed(order, provider));
  } catch (err) {
    if (err instanceof AppError && ['PRESCRIPTIONS_CHANGED'].includes(err.code)) {
      await deps.store.db.transaction().execute((tx) =>
        deps.orders.transition(tx, order.tradeNo, 'closed', { actor: 'his', reason: `refused before the charge: ${err.message}`, from: ['created'], patch: { statusNote: `refused:${err.code}:${err.message.replace(/:/g, '：')}` } }, deps.now()),
      );
    }
    throw err;
  }
}
