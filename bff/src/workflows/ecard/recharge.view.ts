import { maskCardNo, type OrderDetail } from '@hosp/shared';
import type { Deps } from '../../deps';
import { ECardDetailsSchema } from '../../domain/ecard/ecard-details';
import type { Order } from '../../domain/orders/order';

/** A posted recharge shows the card's balance read again from HIS (never computed by us). */
export async function rechargeView(deps: Deps, order: Order): Promise<OrderDetail['eCard']> {
  if (order.kind !== 'eCardPay') return null;
  const d = ECardDetailsSchema.parse(order.details);
  const base = { cardMasked: maskCardNo(d.patient.patientCard) };
  if (order.state !== 'posted') return { ...base, balanceFen: null, balanceNote: null };
  try {
    const b = await deps.hisECard.balance(d.patient);
    return b.state === 'active' ? { ...base, balanceFen: b.balanceFen, balanceNote: null } : { ...base, balanceFen: null, balanceNote: b.message };
  } catch (err) {
    deps.log.warn({ tradeNo: order.tradeNo, err }, 'reading the one-card balance after a recharge failed');
    return { ...base, balanceFen: null, balanceNote: '充值已到账，余额暂时无法查询，请稍后刷新' };
  }
}
