import { randomBytes } from 'node:crypto';
import type { OperatorRole } from '@hosp/config';
import type { Db } from './db';
import { newId } from './ids';
import type { OperatorTable } from './schema';
import { hashToken } from './sessions.repo';

export interface Operator {
  id: string;
  username: string;
  displayName: string;
  role: OperatorRole;
  passwordHash: string;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
}

export interface OperatorSession {
  operatorId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

const toOperator = (r: OperatorTable): Operator => ({
  id: r.id, username: r.username, displayName: r.display_name, role: r.role as OperatorRole, passwordHash: r.password_hash,
  disabled: r.disabled === 1, failedLogins: r.failed_logins, lockedUntil: r.locked_until,
});

/** Operators and their console sessions (only the session token's SHA-256 is stored). */
export function operatorsRepo(db: Db) {
  return {
    async byUsername(username: string): Promise<Operator | undefined> {
      const r = await db.selectFrom('operators').selectAll().where('username', '=', username).executeTakeFirst();
      return r && toOperator(r);
    },
    async byId(id: string): Promise<Operator | undefined> {
      const r = await db.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toOperator(r);
    },
    async list(): Promise<Operator[]> {
      return (await db.selectFrom('operators').selectAll().orderBy('username').execute()).map(toOperator);
    },
    async create(o: { username: string; displayName: string; role: OperatorRole; passwordHash: string }, now: Date): Promise<Operator> {
      const at = now.toISOString();
      const row: OperatorTable = { id: newId(now.getTime()), username: o.username, display_name: o.displayName, role: o.role, password_hash: o.passwordHash, disabled: 0, failed_logins: 0, locked_until: null, created_at: at, updated_at: at };
      await db.insertInto('operators').values(row).execute();
      return toOperator(row);
    },
    async update(id: string, p: { role?: OperatorRole; passwordHash?: string; disabled?: boolean; displayName?: string }, now: Date): Promise<void> {
      await db
        .updateTable('operators')
        .set({
          ...(p.role ? { role: p.role } : {}),
          ...(p.displayName ? { display_name: p.displayName } : {}),
          ...(p.passwordHash ? { password_hash: p.passwordHash, failed_logins: 0, locked_until: null } : {}),
          ...(p.disabled !== undefined ? { disabled: p.disabled ? 1 : 0 } : {}),
          updated_at: now.toISOString(),
        })
        .where('id', '=', id)
        .execute();
    },
    /** One more wrong password, counted in the database so every instance sees it; locks at `max`. */
    async recordFailure(id: string, max: number, lockUntil: Date): Promise<void> {
      await db.updateTable('operators').set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) })).where('id', '=', id).execute();
      await db.updateTable('operators').set({ locked_until: lockUntil.toISOString(), failed_logins: 0 }).where('id', '=', id).where('failed_logins', '>=', max).execute();
    },
    async recordSuccess(id: string): Promise<void> {
      await db.updateTable('operators').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
    },
    async createSession(operatorId: string, now: Date): Promise<{ token: string; csrfToken: string }> {
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const at = now.toISOString();
      await db.insertInto('operator_sessions').values({ token_hash: hashToken(token), operator_id: operatorId, csrf_token: csrfToken, created_at: at, last_seen_at: at, revoked_at: null }).execute();
      return { token, csrfToken };
    },
    async session(token: string): Promise<OperatorSession | undefined> {
      const r = await db.selectFrom('operator_sessions').selectAll().where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).executeTakeFirst();
      return r && { operatorId: r.operator_id, csrfToken: r.csrf_token, createdAt: r.created_at, lastSeenAt: r.last_seen_at };
    },
    async touch(token: string, now: Date): Promise<void> {
      await db.updateTable('operator_sessions').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', hashToken(token)).execute();
    },
    async revoke(token: string, now: Date): Promise<void> {
      await db.updateTable('operator_sessions').set({ revoked_at: now.toISOString() }).where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).execute();
    },
    /** A disabled operator or a changed role: every open console of theirs ends. */
    async revokeAll(operatorId: string, now: Date): Promise<void> {
      await db.updateTable('operator_sessions').set({ revoked_at: now.toISOString() }).where('operator_id', '=', operatorId).where('revoked_at', 'is', null).execute();
    },
  };
}
export type OperatorsRepo = ReturnType<typeof operatorsRepo>;

export interface AuditEntry {
  operatorId: string | null;
  operatorName: string;
  action: string;
  target: string | null;
  note: string | null;
  outcome: 'ok' | 'refused';
  address: string;
  at: string;
}

export const AUDIT_ACTIONS = ['login', 'logout', 'resolve', 'export', 'operator_create', 'operator_update'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did what to which, from where: append only. */
export function operatorAuditRepo(db: Db) {
  return {
    async record(e: Omit<AuditEntry, 'at' | 'outcome'> & { outcome?: AuditEntry['outcome']; action: AuditAction }, now: Date): Promise<void> {
      await db
        .insertInto('operator_audit')
        .values({ id: newId(now.getTime()), operator_id: e.operatorId, operator_name: e.operatorName.slice(0, 64), action: e.action, target: e.target?.slice(0, 128) ?? null, note: e.note?.slice(0, 600) ?? null, outcome: e.outcome ?? 'ok', address: e.address.slice(0, 64), at: now.toISOString() })
        .execute();
    },
    async recent(opts: { limit?: number; action?: AuditAction } = {}): Promise<AuditEntry[]> {
      let q = db.selectFrom('operator_audit').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(opts.limit ?? 200);
      if (opts.action) q = q.where('action', '=', opts.action);
      return (await q.execute()).map((r) => ({ operatorId: r.operator_id, operatorName: r.operator_name, action: r.action, target: r.target, note: r.note, outcome: r.outcome as AuditEntry['outcome'], address: r.address, at: r.at }));
    },
  };
}
export type OperatorAuditRepo = ReturnType<typeof operatorAuditRepo>;
