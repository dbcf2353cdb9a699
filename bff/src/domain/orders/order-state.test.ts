import { canTransition, ORDER_STATES, sourcesOf, TRANSITIONS, type OrderState } from './order-state';

const allowed: [OrderState, OrderState][] = [
  ['created', 'paying'], ['created', 'paid'], ['created', 'closed'], ['created', 'attention'],
  ['paying', 'paid'], ['paying', 'closed'], ['paying', 'attention'],
  ['paid', 'posting'], ['paid', 'refunding'], ['paid', 'attention'],
  ['posting', 'posted'], ['posting', 'refunding'], ['posting', 'attention'],
  ['posted', 'refunding'], ['posted', 'attention'],
  ['refunding', 'refunded'], ['refunding', 'attention'],
  ['closed', 'refunding'],
  ['attention', 'refunding'], ['attention', 'refunded'], ['attention', 'posted'], ['attention', 'closed'],
];

const all = ORDER_STATES.flatMap((from) => ORDER_STATES.map((to) => [from, to] as [OrderState, OrderState]));
const isAllowed = (from: OrderState, to: OrderState) => allowed.some(([f, t]) => f === from && t === to);

describe('order state machine', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(all.filter(([f, t]) => !isAllowed(f, t)))('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('never leaves refunded, and never un-pays: nothing goes back to created or paying from a paid state', () => {
    expect(TRANSITIONS.refunded).toEqual([]);
    // attention → closed exists only for orders that never took money (see closeUnpaidAttention).
    for (const s of ['paid', 'posting', 'posted', 'refunding', 'refunded'] as OrderState[]) {
      expect(canTransition(s, 'paying')).toBe(false);
      expect(canTransition(s, 'created')).toBe(false);
      expect(canTransition(s, 'closed')).toBe(false);
    }
  });

  it('derives compare-and-set guards from the table', () => {
    expect(sourcesOf('paid').sort()).toEqual(['created', 'paying']);
    expect(sourcesOf('refunding').sort()).toEqual(['attention', 'closed', 'paid', 'posted', 'posting']);
    expect(sourcesOf('refunded').sort()).toEqual(['attention', 'refunding']);
  });
});
