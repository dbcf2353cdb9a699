import { DEMO_OPERATOR, hashPassword, verifyPassword, type OperatorRole } from '@hosp/config';
import type { Deps } from '../../deps';
import { operatorAuditRepo, operatorsRepo, type Operator } from '../../store/operators.repo';

/**
 * Operator login, sessions and logout. A wrong password, an unknown name, a disabled or locked
 * account all get the same answer (and take about as long), so the form tells an attacker nothing.
 */

// Verified against when the name is unknown, so that case costs the same scrypt as a real one.
let decoyHash: Promise<string> | null = null;
const decoy = () => (decoyHash ??= hashPassword('decoy-password-never-matches'));

export type LoginResult = { ok: true; operator: Operator; token: string; csrfToken: string } | { ok: false; why: 'bad_credentials' | 'locked' };

export async function operatorLogin(deps: Deps, username: string, password: string, address: string): Promise<LoginResult> {
  const repo = operatorsRepo(deps.store.db);
  const audit = operatorAuditRepo(deps.store.db);
  const { maxFailures, lockMinutes } = deps.config.admin.login;
  const now = deps.now();
  const op = /^[A-Za-z0-9._-]{1,64}$/.test(username) ? await repo.byUsername(username) : undefined;
  const passwordOk = await verifyPassword(password, op?.passwordHash ?? (await decoy()));
  const locked = !!op?.lockedUntil && op.lockedUntil > now.toISOString();
  const name = op?.username ?? username.slice(0, 64);
  if (!op || op.disabled || locked || !passwordOk) {
    if (op && !op.disabled && !locked) await repo.recordFailure(op.id, maxFailures, new Date(now.getTime() + lockMinutes * 60_000));
    const note = !op ? 'unknown operator' : op.disabled ? 'account disabled' : locked ? 'account locked' : 'wrong password';
    await audit.record({ operatorId: op?.id ?? null, operatorName: name, action: 'login', target: null, note, outcome: 'refused', address }, now);
    return { ok: false, why: locked ? 'locked' : 'bad_credentials' };
  }
  await repo.recordSuccess(op.id);
  const session = await repo.createSession(op.id, now);
  await audit.record({ operatorId: op.id, operatorName: op.username, action: 'login', target: null, note: null, address }, now);
  return { ok: true, operator: op, ...session };
}

export interface ActiveOperator {
  operator: Operator;
  csrfToken: string;
}

/** The operator of a live console session, or null (missing, revoked, idle too long, too old, or the operator disabled). */
export async function activeOperator(deps: Deps, token: string): Promise<ActiveOperator | null> {
  const repo = operatorsRepo(deps.store.db);
  const session = await repo.session(token);
  if (!session) return null;
  const now = deps.now();
  const { idleMinutes, absoluteHours } = deps.config.admin.session;
  const idle = now.getTime() - Date.parse(session.lastSeenAt) > idleMinutes * 60_000;
  const old = now.getTime() - Date.parse(session.createdAt) > absoluteHours * 3_600_000;
  const operator = await repo.byId(session.operatorId);
  if (idle || old || !operator || operator.disabled) {
    await repo.revoke(token, now);
    return null;
  }
  await repo.touch(token, now);
  return { operator, csrfToken: session.csrfToken };
}

export async function operatorLogout(deps: Deps, token: string, operator: Operator, address: string): Promise<void> {
  const now = deps.now();
  await operatorsRepo(deps.store.db).revoke(token, now);
  await operatorAuditRepo(deps.store.db).record({ operatorId: operator.id, operatorName: operator.username, action: 'logout', target: null, note: null, address }, now);
}

/**
 * At start: the configured operators exist with their configured role and password (how
 * production gets its first admin; a redeploy with a new hash resets a password), and the demo
 * has its demo operator. Production never creates the demo operator (its password is public).
 */
export async function bootstrapOperators(deps: Deps): Promise<void> {
  const repo = operatorsRepo(deps.store.db);
  const now = deps.now();
  const wanted: { username: string; displayName: string; role: OperatorRole; passwordHash: string }[] = deps.config.admin.operators.map((o) => ({ ...o, displayName: o.displayName ?? o.username }));
  if (deps.config.mode === 'demo' && !wanted.some((o) => o.username === DEMO_OPERATOR.username) && !(await repo.byUsername(DEMO_OPERATOR.username))) {
    wanted.push({ ...DEMO_OPERATOR, passwordHash: await hashPassword(DEMO_OPERATOR.password) });
  }
  for (const o of wanted) {
    const existing = await repo.byUsername(o.username);
    if (!existing) {
      await repo.create(o, now).catch(async (err) => {
        if (!(await repo.byUsername(o.username))) throw err; // another instance created it first
      });
    } else if (existing.passwordHash !== o.passwordHash || existing.role !== o.role || existing.disabled) {
      await repo.update(existing.id, { role: o.role, passwordHash: o.passwordHash, disabled: false }, now);
      await repo.revokeAll(existing.id, now);
    }
  }
  if (deps.config.mode === 'production') {
    // A database that once ran the demo keeps no door open with the public password.
    const demo = await repo.byUsername(DEMO_OPERATOR.username);
    if (demo && !demo.disabled && (await verifyPassword(DEMO_OPERATOR.password, demo.passwordHash))) await repo.update(demo.id, { disabled: true }, now);
  }
}
