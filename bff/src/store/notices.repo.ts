import type { Db } from './db';
import type { FieldCrypto } from './field-crypto';
import { newId } from './ids';
import type { NoticeTable } from './schema';

export type NoticeRow = NoticeTable;
export interface DeliveryLogEntry {
  at: string;
  outcome: string;
  reason?: string;
}

export function noticesRepo(db: Db, crypto: FieldCrypto) {
  return {
    /** Inserts unless this account already has a notice with this dedupe key; returns the new id or null. */
    async insert(tx: Db, n: Omit<NoticeTable, 'id' | 'read_at' | 'created_at'>, now: Date): Promise<string | null> {
      const id = newId(now.getTime());
      const r = await tx
        .insertInto('notices')
        .values({ ...n, id, created_at: now.toISOString(), read_at: null })
        .onConflict((oc) => oc.columns(['account_id', 'dedupe_key']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0 ? id : null;
    },
    async list(accountId: string, limit = 100): Promise<NoticeRow[]> {
      return db.selectFrom('notices').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },
    async unreadCount(accountId: string): Promise<number> {
      const r = await db.selectFrom('notices').select((eb) => eb.fn.countAll<string | number>().as('n')).where('account_id', '=', accountId).where('read_at', 'is', null).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async get(id: string): Promise<NoticeRow | undefined> {
      return db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async markRead(accountId: string, id: string | null, now: Date): Promise<number> {
      let q = db.updateTable('notices').set({ read_at: now.toISOString() }).where('account_id', '=', accountId).where('read_at', 'is', null);
      if (id) q = q.where('id', '=', id);
      return Number((await q.executeTakeFirst()).numUpdatedRows);
    },
    async addDelivery(tx: Db, noticeId: string, channel: string, now: Date): Promise<string> {
      const id = newId(now.getTime());
      await tx.insertInto('notice_deliveries').values({ id, notice_id: noticeId, channel, state: 'pending', attempts: 0, message_id: null, log: '[]', updated_at: now.toISOString() }).execute();
      return id;
    },
    async delivery(id: string) {
      return db.selectFrom('notice_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async deliveriesOf(noticeId: string) {
      return db.selectFrom('notice_deliveries').selectAll().where('notice_id', '=', noticeId).execute();
    },
    async recordAttempt(id: string, state: string, entry: DeliveryLogEntry, messageId: string | null, now: Date): Promise<void> {
      const row = await db.selectFrom('notice_deliveries').select(['log', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
      const log = [...(JSON.parse(row.log) as DeliveryLogEntry[]), entry].slice(-20);
      await db.updateTable('notice_deliveries').set({ state, attempts: row.attempts + 1, message_id: messageId, log: JSON.stringify(log), updated_at: now.toISOString() }).where('id', '=', id).execute();
    },
    /** Kept for an operator: a message for someone we could not match. */
    async keepUnmatched(tx: Db, m: { source: string; kind: string; dedupeKey: string; payload: unknown; reason: string }, now: Date): Promise<boolean> {
      const r = await tx
        .insertInto('unmatched_messages')
        .values({ id: newId(now.getTime()), source: m.source, kind: m.kind, dedupe_key: m.dedupeKey, payload_enc: crypto.encrypt(JSON.stringify(m.payload)), reason: m.reason, received_at: now.toISOString(), resolved_at: null })
        .onConflict((oc) => oc.columns(['source', 'dedupe_key']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
    },
    async unmatched(limit = 100) {
      const rows = await db.selectFrom('unmatched_messages').selectAll().where('resolved_at', 'is', null).orderBy('received_at', 'desc').limit(limit).execute();
      return rows.map((r) => ({ ...r, payload: JSON.parse(crypto.decrypt(r.payload_enc)) as unknown }));
    },
  };
}
export type NoticesRepo = ReturnType<typeof noticesRepo>;
