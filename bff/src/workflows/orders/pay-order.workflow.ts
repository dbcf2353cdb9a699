import { AppError, type PayResponse } from '@hosp/shared';
import type { Deps } from '../../deps';
import type { PayClient, PayParams } from '../../domain/payments/ports';
import { enqueuePoll } from './order-jobs';
import { orderDetailView } from './order-view';

/**
 * Makes (or makes again) the platform charge of an unpaid order. The platform's rule: a repeated
 * payment of the same order uses the same outChargeNo, so the patient can never pay twice.
 */
export async function payOrder(deps: Deps, accountId: string, tradeNo: string, client: PayClient): Promise<PayResponse> {
  const order = await deps.orders.getOwned(accountId, tradeNo);
  if (!order) throw new AppError('NOT_FOUND', '订单不存在');
  if (!['created', 'paying'].includes(order.state) || !order.hisRef) {
    return { order: await orderDetailView(deps, order), payParams: null };
  }
  const now = deps.now();
  if (order.expiresAt <= now.toISOString()) throw new AppError('ORDER_EXPIRED', '订单已超过支付时限，请重新预约');
  let payParams: PayParams;
  try {
    const d = order.details as { patient?: { realName: string; patientCard: string; idNumber: string } };
    const created = await deps.payment.createCharge({
      outChargeNo: order.tradeNo,
      amountFen: order.amountFen,
      client,
      subject: order.subject,
      patient: d.patient ?? { realName: '', patientCard: '', idNumber: '' },
      returnUrl: `${deps.publicBaseUrl}/#/journeys/orders/pages/detail/index?tradeNo=${order.tradeNo}&from=cashier`,
      expiresAt: new Date(order.expiresAt),
    });
    payParams = created.payParams;
    await deps.store.db.transaction().execute(async (tx) => {
      if (order.state === 'created') {
        await deps.orders.transition(tx, tradeNo, 'paying', { actor: 'platform', reason: 'payment order created', patch: { chargeNo: created.chargeNo } }, now);
      }
      await enqueuePoll(deps, tx, tradeNo, now);
    });
  } catch (err) {
    deps.log.warn({ tradeNo, err }, 'creating the platform charge failed');
    if (err instanceof AppError && err.code === 'CONFLICT') {
      // Already paid or closed at the platform: find out which instead of failing the patient.
      return { order: await orderDetailView(deps, (await deps.orders.get(tradeNo))!), payParams: null };
    }
    throw new AppError('PAYMENT_UNAVAILABLE', '支付通道繁忙，请稍后在“我的订单”中继续支付', { tradeNo });
  }
  return { order: await orderDetailView(deps, (await deps.orders.get(tradeNo))!), payParams };
}
