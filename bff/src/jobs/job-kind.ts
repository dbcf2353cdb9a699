import type { z } from 'zod';
import type { Db } from '../store/db';
import type { Job, JobsRepo } from '../store/jobs.repo';

/** What a handler says when it is not finished: run again at `retryAt` (same key, same work). */
export type JobOutcome = { done: true } | { retryAt: Date; payload?: Record<string, unknown>; note?: string };

/**
 * One kind of background work with a typed payload, declared by the module that owns the work.
 * `C` is whatever the handler needs (the composition root passes it when registering), so this
 * folder knows nothing of workflows and workflows import only these types.
 */
export interface JobKind<P extends Record<string, unknown>, C> {
  readonly kind: string;
  readonly payload: z.ZodType<P>;
  run(ctx: C, payload: P, job: Job): Promise<JobOutcome>;
}

export function defineJob<P extends Record<string, unknown>, C>(def: JobKind<P, C>): JobKind<P, C> {
  return def;
}

/** Enqueues typed work in the caller's transaction; the same key twice is a no-op. */
export function enqueueJob<P extends Record<string, unknown>>(
  jobs: Pick<JobsRepo, 'enqueue'>,
  tx: Db,
  def: { kind: string; payload: z.ZodType<P> },
  job: { key: string; payload: P; runAt: Date },
  now: Date,
): Promise<boolean> {
  return jobs.enqueue(tx, { kind: def.kind, key: job.key, payload: job.payload, runAt: job.runAt }, now);
}
