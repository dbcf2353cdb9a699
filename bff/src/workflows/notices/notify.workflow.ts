import type { Deps } from '../../deps';
import type { ChannelName } from '../../domain/notices/ports';
import { idMatches, type NoticeDraft, type NoticeTarget } from '../../domain/notices/notice';
import type { Db } from '../../store/db';

export const DELIVER_JOB = 'notice.deliver';

const CHANNEL_OF: Record<string, ChannelName | undefined> = { weapp: 'wechat', alipay: 'alipay', h5: 'app' };

/**
 * One notice for one account (and patient), plus its delivery jobs, in the caller's transaction.
 * The in-app message centre is the channel that never fails: the row itself.
 */
export async function notifyAccount(deps: Deps, tx: Db, accountId: string, patientId: string | null, draft: NoticeDraft, now: Date): Promise<boolean> {
  // Links name the patient as this account knows them.
  const link = draft.link.replace('{patientId}', patientId ?? '');
  const id = await deps.notices.insert(tx, { account_id: accountId, patient_id: patientId, kind: draft.kind, title: draft.title, body: draft.body, link, dedupe_key: draft.dedupeKey }, now);
  if (!id) return false;
  const account = await tx.selectFrom('accounts').select('platform').where('id', '=', accountId).executeTakeFirst();
  const channel = account && CHANNEL_OF[account.platform];
  if (channel && deps.channels[channel]) {
    const deliveryId = await deps.notices.addDelivery(tx, id, channel, now);
    await deps.jobs.enqueue(tx, { kind: DELIVER_JOB, key: `deliver:${deliveryId}`, payload: { deliveryId, fields: draft.fields }, runAt: now }, now);
  }
  return true;
}

/**
 * A message about a patient from HIS, the platform or the lab: one notice for every account that
 * has this patient bound (matched by card and ID number). Nobody matched: kept for an operator.
 */
export async function notifyPatient(deps: Deps, tx: Db, source: string, target: NoticeTarget, draft: NoticeDraft, now: Date): Promise<{ matched: number; created: number }> {
  const card = target.patientCard?.trim() || null;
  const id = target.idNumber?.trim() || null;
  const fullId = id && !id.includes('*') ? id.toUpperCase() : null;
  let bindings = await deps.patients.findForNotice(card, card ? null : fullId, tx);
  // Some senders put an insurance card in the card field: fall back to the ID number.
  if (bindings.length === 0 && card && fullId) bindings = await deps.patients.findForNotice(null, fullId, tx);
  if (id) bindings = bindings.filter((b) => idMatches(b.idNumber, id));
  if (bindings.length === 0) {
    await deps.notices.keepUnmatched(tx, { source, kind: draft.kind, dedupeKey: draft.dedupeKey, payload: { target, draft }, reason: card || id ? 'no bound patient matches card and ID number' : 'message names no patient' }, now);
    deps.log.warn({ source, kind: draft.kind }, 'notice kept for an operator: no matching patient');
    return { matched: 0, created: 0 };
  }
  let created = 0;
  for (const b of bindings) if (await notifyAccount(deps, tx, b.accountId, b.id, draft, now)) created += 1;
  return { matched: bindings.length, created };
}
