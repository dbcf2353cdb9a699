import type { Db } from './db';
import { newId } from './ids';

/** Records each distinct inbound message once; a repeat is recognised, not processed again. */
export function inboundRepo(db: Db) {
  return {
    /** true if this is the first time (source, key) is seen; written inside the caller's transaction. */
    async claim(source: string, kind: string, dedupeKey: string, outcome: string, now: Date, tx: Db = db): Promise<boolean> {
      const r = await tx
        .insertInto('inbound_messages')
        .values({ id: newId(now.getTime()), source, kind, dedupe_key: dedupeKey, received_at: now.toISOString(), outcome })
        .onConflict((oc) => oc.columns(['source', 'dedupe_key']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
    },
  };
}
export type InboundRepo = ReturnType<typeof inboundRepo>;
