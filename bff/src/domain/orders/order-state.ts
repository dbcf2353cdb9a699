import { AppError } from '@hosp/shared';

/** The money state machine of DESIGN.md. Every change is checked here and recorded with its reason. */
export const ORDER_STATES = ['created', 'paying', 'paid', 'posting', 'posted', 'closed', 'refunding', 'refunded', 'attention'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const TRANSITIONS: Record<OrderState, readonly OrderState[]> = {
  // created: row written, HIS lock and platform charge under way.
  // A payment may be confirmed for an order whose charge we made but never marked paying (crash).
  created: ['paying', 'paid', 'closed', 'attention'],
  paying: ['paid', 'closed', 'attention'],
  paid: ['posting', 'refunding', 'attention'],
  posting: ['posted', 'refunding', 'attention'],
  // A posted booking the patient cancels is cancelled in HIS, then refunded.
  posted: ['refunding', 'attention'],
  refunding: ['refunded', 'attention'],
  // Money arriving for an order we already closed is returned.
  closed: ['refunding'],
  refunded: [],
  // A person resolves it: refund it, or confirm it was posted; a refund that was slow to settle
  // still completes; an order that never took money (a HIS lock whose reply was lost) is closed.
  attention: ['refunding', 'refunded', 'posted', 'closed'],
};

/** States in which the patient's money is with us and not yet settled. */
export const MONEY_HELD: readonly OrderState[] = ['paid', 'posting', 'refunding', 'attention'];
export const TERMINAL: readonly OrderState[] = ['posted', 'closed', 'refunded'];
export const UNPAID: readonly OrderState[] = ['created', 'paying'];

export function canTransition(from: OrderState, to: OrderState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: OrderState, to: OrderState): void {
  if (!canTransition(from, to)) {
    throw new AppError('CONFLICT', '订单状态已变化，请刷新后再试', { from, to });
  }
}

/** Every state that may move to `to`: the guard of a compare-and-set update. */
export function sourcesOf(to: OrderState): OrderState[] {
  return ORDER_STATES.filter((s) => TRANSITIONS[s].includes(to));
}

export type OrderKind = 'subscription' | 'register' | 'hisSrc' | 'prepaySrc' | 'eCardPay' | 'deposit';

export type Actor = 'patient' | 'platform' | 'his' | 'system' | 'operator';
