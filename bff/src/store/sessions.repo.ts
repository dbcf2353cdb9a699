import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db';

/** Session tokens are 256 random bits; only their SHA-256 is stored, so a database leak grants nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sessionsRepo(db: Db) {
  return {
    async create(accountId: string, now: Date, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + ttlMs);
      await db
        .insertInto('sessions')
        .values({ token_hash: hashToken(token), account_id: accountId, created_at: now.toISOString(), expires_at: expiresAt.toISOString(), revoked_at: null })
        .execute();
      return { token, expiresAt };
    },
    /** The account of a live session, or why there is none. */
    async resolve(token: string, now: Date): Promise<{ accountId: string } | 'missing' | 'expired'> {
      const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
      if (!row || row.revoked_at !== null) return 'missing';
      if (row.expires_at <= now.toISOString()) return 'expired';
      return { accountId: row.account_id };
    },
    async revoke(token: string, now: Date): Promise<void> {
      await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).execute();
    },
    async revokeAll(accountId: string, now: Date): Promise<void> {
      await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
    },
    async purgeExpired(now: Date): Promise<number> {
      const r = await db.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type SessionsRepo = ReturnType<typeof sessionsRepo>;
