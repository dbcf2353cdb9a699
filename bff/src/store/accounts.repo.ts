import type { Db } from './db';
import { newId } from './ids';

export interface Account {
  id: string;
  platform: string;
  /** The platform's user id (WeChat openid, Alipay user_id): the payer of mini-program charges. */
  subject: string;
  elderMode: boolean;
}

function toAccount(row: { id: string; platform: string; subject: string; elder_mode: number }): Account {
  return { id: row.id, platform: row.platform, subject: row.subject, elderMode: row.elder_mode === 1 };
}

export function accountsRepo(db: Db) {
  return {
    /** Finds or creates the account of a platform subject; safe under concurrent first logins. */
    async upsertBySubject(platform: string, subject: string, now: Date): Promise<Account> {
      const existing = await db.selectFrom('accounts').selectAll().where('platform', '=', platform).where('subject', '=', subject).executeTakeFirst();
      if (existing) return toAccount(existing);
      await db
        .insertInto('accounts')
        .values({ id: newId(now.getTime()), platform, subject, elder_mode: 0, created_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['platform', 'subject']).doNothing())
        .execute();
      const row = await db.selectFrom('accounts').selectAll().where('platform', '=', platform).where('subject', '=', subject).executeTakeFirstOrThrow();
      return toAccount(row);
    },
    async get(id: string): Promise<Account | undefined> {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toAccount(row);
    },
    async setElderMode(id: string, elderMode: boolean): Promise<void> {
      await db.updateTable('accounts').set({ elder_mode: elderMode ? 1 : 0 }).where('id', '=', id).execute();
    },
  };
}
export type AccountsRepo = ReturnType<typeof accountsRepo>;
