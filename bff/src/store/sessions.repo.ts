import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db';

/** Session tokens are 256 random bits; only their SHA-256 is stored, so a database leak grants nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sessionsRepo(db: Db) {
  return {
    /** `startedAt`: when the login behind a refreshed token happened (default now). */
    async create(accountId: string, now: Date, ttlMs: number, opts: { platform?: string; startedAt?: Date; maxUntil?: Date } = {}): Promise<{ token: string; expiresAt: Date }> {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Math.min(now.getTime() + ttlMs, opts.maxUntil?.getTime() ?? Infinity));
      await db
        .insertInto('sessions')
        .values({
          token_hash: hashToken(token),
          account_id: accountId,
          created_at: now.toISOString(),
          expires_at: expiresAt.toISOString(),
          revoked_at: null,
          started_at: (opts.startedAt ?? now).toISOString(),
          platform: opts.platform ?? null,
        })
        .execute();
      return { token, expiresAt };
    },
    /**
     * A live token traded for a new one: same account, platform and login time, a fresh lifetime
     * capped at `maxMs` after the login. The old token keeps working for `graceMs` (requests already
     * sent with it), then is dead.
     */
    async refresh(
      token: string,
      now: Date,
      ttlFor: (platform: string | null) => { ttlMs: number; maxMs: number },
      graceMs = 30_000,
    ): Promise<{ token: string; expiresAt: Date; accountId: string } | 'missing' | 'expired'> {
      const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
      if (!row || row.revoked_at !== null) return 'missing';
      if (row.expires_at <= now.toISOString()) return 'expired';
      const startedAt = new Date(row.started_at ?? row.created_at);
      const { ttlMs, maxMs } = ttlFor(row.platform ?? null);
      const maxUntil = new Date(startedAt.getTime() + maxMs);
      if (maxUntil.getTime() <= now.getTime()) return 'expired';
      return db.transaction().execute(async (tx) => {
        const fresh = await sessionsRepo(tx).create(row.account_id, now, ttlMs, { platform: row.platform ?? undefined, startedAt, maxUntil });
        const graceUntil = new Date(Math.min(now.getTime() + graceMs, Date.parse(row.expires_at))).toISOString();
        await tx.updateTable('sessions').set({ expires_at: graceUntil }).where('token_hash', '=', row.token_hash).execute();
        return { ...fresh, accountId: row.account_id };
      });
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
