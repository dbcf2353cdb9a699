import type { Deps } from '../../deps';
import type { ChannelName } from '../../domain/notices/ports';
import { z } from 'zod';
import { DELIVER_JOB } from './notify.workflow';
import { defineJob, type JobOutcome } from '../../jobs/job-kind';
import type { Job } from '../../store/jobs.repo';
import { later } from '../../domain/time';

export const MAX_DELIVERY_ATTEMPTS = 6;

/** Sends one notice through one outside channel, with backoff; every attempt is logged on the delivery. */
export async function deliverJob(deps: Deps, job: Job): Promise<JobOutcome> {
  const deliveryId = String(job.payload.deliveryId);
  const delivery = await deps.notices.delivery(deliveryId);
  if (!delivery || delivery.state === 'sent' || delivery.state === 'rejected' || delivery.state === 'failed') return { done: true };
  const notice = await deps.notices.get(delivery.notice_id);
  const channel = deps.channels[delivery.channel as ChannelName];
  const account = notice && (await deps.store.db.selectFrom('accounts').select('subject').where('id', '=', notice.account_id).executeTakeFirst());
  const now = deps.now();
  if (!notice || !channel || !account) {
    await deps.notices.recordAttempt(deliveryId, 'rejected', { at: now.toISOString(), outcome: 'rejected', reason: 'channel or recipient missing' }, null, now);
    return { done: true };
  }
  const result = await channel.send({ recipient: account.subject, kind: notice.kind, title: notice.title, fields: (job.payload.fields as Record<string, string>) ?? {}, link: notice.link });
  const at = deps.now();
  if (result.outcome === 'sent') {
    await deps.notices.recordAttempt(deliveryId, 'sent', { at: at.toISOString(), outcome: 'sent' }, result.messageId, at);
    return { done: true };
  }
  if (result.outcome === 'rejected') {
    await deps.notices.recordAttempt(deliveryId, 'rejected', { at: at.toISOString(), outcome: 'rejected', reason: result.reason }, null, at);
    return { done: true };
  }
  const last = delivery.attempts + 1 >= MAX_DELIVERY_ATTEMPTS;
  await deps.notices.recordAttempt(deliveryId, last ? 'failed' : 'retrying', { at: at.toISOString(), outcome: 'retry', reason: result.reason }, null, at);
  if (last) return { done: true };
  return { retryAt: later(at, Math.min(3600, 5 * 3 ** delivery.attempts)), note: result.reason };
}

export const deliver = defineJob({
  kind: DELIVER_JOB,
  payload: z.object({ deliveryId: z.string(), fields: z.record(z.string(), z.string()).optional() }),
  run: (deps: Deps, _p, job) => deliverJob(deps, job),
});
