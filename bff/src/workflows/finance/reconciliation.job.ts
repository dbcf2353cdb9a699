import { z } from 'zod';
import type { Deps } from '../../deps';
import { beijingDate, BEIJING_OFFSET_MS } from '../../domain/time';
import { defineJob, type JobOutcome } from '../../jobs/job-kind';
import { runReconciliation } from './reconciliation.workflow';

export const RECONCILIATION_JOB = 'reconciliation.daily';

/** The next `runAt` (Beijing HH:mm) strictly after `now`. */
export function nextRunAt(now: Date, runAt: string): Date {
  const [h, m] = runAt.split(':').map(Number) as [number, number];
  const today = beijingDate(now);
  const at = new Date(Date.parse(`${today}T00:00:00Z`) - BEIJING_OFFSET_MS + (h * 60 + m) * 60_000);
  return at.getTime() > now.getTime() ? at : new Date(at.getTime() + 86_400_000);
}

/**
 * Early each morning, yesterday (Beijing). A run HIS could not serve is tried again in 30 minutes
 * (same day, same job); otherwise the job sleeps until the next morning.
 */
export const reconciliationJob = defineJob({
  kind: RECONCILIATION_JOB,
  payload: z.object({}),
  async run(deps: Deps): Promise<JobOutcome> {
    const cfg = deps.config.reconciliation;
    const now = deps.now();
    if (!cfg.enabled) return { retryAt: nextRunAt(now, cfg.runAt) };
    const date = beijingDate(now, -1);
    try {
      await runReconciliation(deps, date, 'job');
    } catch (err) {
      deps.log.warn({ date, code: (err as { code?: string }).code ?? 'INTERNAL' }, 'reconciliation failed; trying again later');
      const retry = new Date(now.getTime() + 30 * 60_000);
      const next = nextRunAt(now, cfg.runAt);
      return { retryAt: retry < next ? retry : next };
    }
    return { retryAt: nextRunAt(now, cfg.runAt) };
  },
});
