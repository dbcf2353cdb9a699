import { sql } from 'kysely';
import type { Db } from './db';
import { newId } from './ids';
import type { BindingChallengeTable } from './schema';

export interface NewChallenge {
  accountId: string;
  purpose: 'bind' | 'create';
  phoneHash: string;
  factsHash: string;
  codeHash: string;
  ipHash: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface Challenge {
  id: string;
  accountId: string;
  purpose: string;
  phoneHash: string;
  factsHash: string;
  codeHash: string;
  attempts: number;
  createdAt: string;
  expiresAt: string;
  consumedAt: string | null;
}

const toChallenge = (r: BindingChallengeTable): Challenge => ({
  id: r.id,
  accountId: r.account_id,
  purpose: r.purpose,
  phoneHash: r.phone_hash,
  factsHash: r.facts_hash,
  codeHash: r.code_hash,
  attempts: Number(r.attempts),
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  consumedAt: r.consumed_at,
});

/** One-time codes for binding (hashes only) and the counts the rate limits need. */
export function bindingChallengesRepo(db: Db) {
  return {
    async insert(c: NewChallenge, id = newId(c.createdAt.getTime())): Promise<string> {
      await db
        .insertInto('binding_challenges')
        .values({
          id,
          account_id: c.accountId,
          purpose: c.purpose,
          phone_hash: c.phoneHash,
          facts_hash: c.factsHash,
          code_hash: c.codeHash,
          ip_hash: c.ipHash,
          attempts: 0,
          created_at: c.createdAt.toISOString(),
          expires_at: c.expiresAt.toISOString(),
          consumed_at: null,
        })
        .execute();
      return id;
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom('binding_challenges').where('id', '=', id).execute();
    },
    async get(id: string, tx: Db = db): Promise<Challenge | undefined> {
      const row = await tx.selectFrom('binding_challenges').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toChallenge(row);
    },
    /** Codes sent since `since` by column value: phone, account or address. */
    async countSince(column: 'phone_hash' | 'account_id' | 'ip_hash', value: string, since: Date): Promise<number> {
      const r = await db
        .selectFrom('binding_challenges')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where(column, '=', value)
        .where('created_at', '>=', since.toISOString())
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async latestForPhone(phoneHash: string): Promise<string | undefined> {
      const r = await db.selectFrom('binding_challenges').select('created_at').where('phone_hash', '=', phoneHash).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
      return r?.created_at;
    },
    /** A wrong guess counts even when nothing else succeeds. */
    async addAttempt(id: string): Promise<void> {
      await db.updateTable('binding_challenges').set({ attempts: sql<number>`attempts + 1` }).where('id', '=', id).execute();
    },
    /** Compare-and-set: true for exactly one caller, inside the transaction that saves the binding. */
    async consume(id: string, at: Date, tx: Db): Promise<boolean> {
      const r = await tx.updateTable('binding_challenges').set({ consumed_at: at.toISOString() }).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Old codes are only needed for the day-long rate limit. */
    async pruneBefore(before: Date): Promise<void> {
      await db.deleteFrom('binding_challenges').where('created_at', '<', before.toISOString()).execute();
    },
  };
}
export type BindingChallengesRepo = ReturnType<typeof bindingChallengesRepo>;
