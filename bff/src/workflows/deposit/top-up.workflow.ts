import { AppError, formatFen, type PayResponse, type Platform } from '@hosp/shared';
import type { DepositDetails } from '../../adapters/his-deposit/deposit-kind';
import type { Deps } from '../../deps';
import { newTradeNo } from '../../domain/orders/order';
import { isUniqueViolation } from '../../store/orders.repo';
import { enqueueExpire } from '../orders/expire-order.job';
import { payOrder } from '../orders/pay-order.workflow';
import { accountOf, assertOpen, depositOwner } from './deposit-holder';

export interface TopUpInput {
  requestId: string;
  amountFen: number;
  payClient: Platform;
}

/**
 * A top-up is an order of kind `deposit`: the same payment machinery as every order (one charge
 * per order, confirmed by notice or poll), recharged on accountType 01. One try per requestId.
 */
export async function topUpDeposit(deps: Deps, accountId: string, patientId: string, input: TopUpInput): Promise<PayResponse> {
  const existing = await deps.orders.findByClientRequest(accountId, input.requestId);
  if (existing) return payOrder(deps, accountId, existing.tradeNo);
  const { topUpMinFen: min, topUpMaxFen: max } = deps.config.deposit;
  if (input.amountFen < min || input.amountFen > max) throw new AppError('VALIDATION_FAILED', `充值金额应在 ${formatFen(min)} 至 ${formatFen(max)} 之间`);
  const owner = await depositOwner(deps, accountId, patientId);
  assertOpen(await accountOf(deps, owner.payer));
  const now = deps.now();
  const tradeNo = newTradeNo(now);
  const expiresAt = new Date(now.getTime() + deps.config.orders.unpaidMinutes * 60_000);
  const details: DepositDetails = { holder: owner.holder, realName: owner.payer.realName };
  try {
    await deps.store.db.transaction().execute(async (tx) => {
      if ((await deps.orders.countUnpaid(accountId, tx)) >= deps.config.orders.maxUnpaidPerAccount) {
        throw new AppError('TOO_MANY_UNPAID', '您有多笔待支付订单，请先完成支付或取消后再充值', { limit: deps.config.orders.maxUnpaidPerAccount });
      }
      await deps.orders.insert(tx, {
        tradeNo, kind: 'deposit', accountId, patientId: owner.patientId, clientRequestId: input.requestId, amountFen: input.amountFen,
        subject: '门诊预交金充值', payClient: input.payClient, details, expiresAt: expiresAt.toISOString(), payer: owner.payer,
        payChannel: deps.config.payment.channels[input.payClient],
      }, now, 'patient', `deposit top-up ${formatFen(input.amountFen)}`);
      await enqueueExpire(deps, tx, tradeNo, expiresAt, now);
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const same = await deps.orders.findByClientRequest(accountId, input.requestId);
    if (!same) throw err;
    return payOrder(deps, accountId, same.tradeNo);
  }
  return payOrder(deps, accountId, tradeNo);
}
