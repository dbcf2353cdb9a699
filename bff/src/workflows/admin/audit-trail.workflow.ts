import type { Deps } from '../../deps';
import { AUDIT_ACTIONS, operatorAuditRepo, type AuditAction, type AuditEntry, type Operator } from '../../store/operators.repo';

export { AUDIT_ACTIONS, type AuditAction, type AuditEntry };

/** One row of the audit trail for something an operator did (or tried to do). */
export async function recordAudit(deps: Deps, operator: Operator, address: string, entry: { action: AuditAction; target: string | null; note: string | null; outcome?: 'ok' | 'refused' }): Promise<void> {
  await operatorAuditRepo(deps.store.db).record({ operatorId: operator.id, operatorName: operator.username, address, ...entry }, deps.now());
}

/** The newest entries first, optionally of one action. */
export async function auditTrail(deps: Deps, opts: { action?: AuditAction; limit?: number } = {}): Promise<AuditEntry[]> {
  return operatorAuditRepo(deps.store.db).recent(opts);
}
