import type { OrderKind } from '../orders/order-state';

/**
 * What a partner may read (config `partners.list[].entitlement`): the refunds of orders of the
 * kinds it names, of the patients whose hospital cards it names (or all patients, for the hospital's
 * own finance system), asked by one of its named operators when it names any. Anything not named is
 * not readable: a partner with nothing configured reads nothing.
 */
export interface PartnerEntitlement {
  orderKinds: readonly OrderKind[];
  patientCards: 'all' | readonly string[];
  employeeIds?: readonly string[];
}

/** The facts of a refund the rule looks at. */
export interface EntitlementFacts {
  kind: OrderKind;
  /** The patient's hospital card; null when the order does not say (then only `all` reads it). */
  patientCard: string | null;
}

/** Whether this operator of the partner may call at all. */
export function operatorAllowed(e: PartnerEntitlement, employeeId: string): boolean {
  return e.employeeIds === undefined || e.employeeIds.includes(employeeId);
}

export function mayRead(e: PartnerEntitlement, facts: EntitlementFacts): boolean {
  if (!e.orderKinds.includes(facts.kind)) return false;
  if (e.patientCards === 'all') return true;
  const card = facts.patientCard?.trim();
  return !!card && e.patientCards.some((c) => c.trim() === card);
}
