import type { Db } from './db';

/** Order states in which a claim no longer holds: the next order may take the thing over. */
const ENDED = ['closed', 'refunding', 'refunded'];

/**
 * Claims things for an order inside its creation transaction. Returns the tradeNo of a live order
 * already holding one of them (nothing claimed then), or null. Two creators racing past the check
 * meet the primary key: the loser's insert fails with a unique violation.
 */
export async function claimForOrder(tx: Db, tradeNo: string, claims: readonly string[], now: Date): Promise<string | null> {
  if (claims.length === 0) return null;
  const held = await tx
    .selectFrom('order_claims')
    .innerJoin('orders', 'orders.trade_no', 'order_claims.trade_no')
    .select(['order_claims.claim', 'order_claims.trade_no', 'orders.state'])
    .where('order_claims.claim', 'in', [...claims])
    .execute();
  const live = held.find((h) => !ENDED.includes(h.state));
  if (live) return live.trade_no;
  for (const h of held) await tx.deleteFrom('order_claims').where('claim', '=', h.claim).where('trade_no', '=', h.trade_no).execute();
  await tx.insertInto('order_claims').values(claims.map((claim) => ({ claim, trade_no: tradeNo, created_at: now.toISOString() }))).execute();
  return null;
}

/** The live order (if any) holding any of these claims, outside a transaction. */
export async function liveHolder(db: Db, claims: readonly string[]): Promise<Map<string, string>> {
  if (claims.length === 0) return new Map();
  const rows = await db
    .selectFrom('order_claims')
    .innerJoin('orders', 'orders.trade_no', 'order_claims.trade_no')
    .select(['order_claims.claim', 'order_claims.trade_no', 'orders.state'])
    .where('order_claims.claim', 'in', [...claims])
    .execute();
  return new Map(rows.filter((r) => !ENDED.includes(r.state)).map((r) => [r.claim, r.trade_no]));
}
