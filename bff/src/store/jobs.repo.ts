import type { Db, DbDialect } from './db';
import { newId } from './ids';
import type { JobTable } from './schema';

export interface Job {
  id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
  runAt: string;
}

const toJob = (r: JobTable): Job => ({ id: r.id, kind: r.kind, key: r.job_key, payload: JSON.parse(r.payload) as Record<string, unknown>, attempts: r.attempts, runAt: r.run_at });

/**
 * The outbox: a state change and the work it triggers are written in one transaction (callers pass
 * their `tx`). Jobs are claimed with a lease; on PostgreSQL with FOR UPDATE SKIP LOCKED so several
 * instances never run one job at the same time. A job whose lease ran out (its runner died) is
 * claimed again: every handler is idempotent.
 */
export function jobsRepo(db: Db, dialect: DbDialect) {
  return {
    /** Enqueues unless a job with this key exists already (then nothing happens). */
    async enqueue(tx: Db, job: { kind: string; key: string; payload: Record<string, unknown>; runAt: Date }, now: Date): Promise<boolean> {
      const r = await tx
        .insertInto('jobs')
        .values({
          id: newId(now.getTime()),
          kind: job.kind,
          job_key: job.key,
          payload: JSON.stringify(job.payload),
          state: 'pending',
          run_at: job.runAt.toISOString(),
          attempts: 0,
          lease_owner: null,
          lease_until: null,
          last_error: null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .onConflict((oc) => oc.column('job_key').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<Job[]> {
      const nowIso = now.toISOString();
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      return db.transaction().execute(async (tx) => {
        let q = tx
          .selectFrom('jobs')
          .select('id')
          .where('state', '=', 'pending')
          .where('run_at', '<=', nowIso)
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
          .orderBy('run_at')
          .limit(limit);
        if (dialect === 'postgres') q = q.forUpdate().skipLocked();
        const ids = (await q.execute()).map((r) => r.id);
        if (ids.length === 0) return [];
        const rows = await tx
          .updateTable('jobs')
          .set((eb) => ({ lease_owner: owner, lease_until: leaseUntil, attempts: eb('attempts', '+', 1), updated_at: nowIso }))
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        return rows.map(toJob);
      });
    },

    /**
     * Claims one due job by its key, as `claim` would (one UPDATE: on either database only one
     * caller wins); null when it is not due, done, or leased by someone else (e.g. the runner).
     */
    async claimKey(key: string, owner: string, now: Date, leaseMs: number): Promise<Job | null> {
      const nowIso = now.toISOString();
      const row = await db
        .updateTable('jobs')
        .set((eb) => ({ lease_owner: owner, lease_until: new Date(now.getTime() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1), updated_at: nowIso }))
        .where('job_key', '=', key)
        .where('state', '=', 'pending')
        .where('run_at', '<=', nowIso)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
        .returningAll()
        .executeTakeFirst();
      return row ? toJob(row) : null;
    },

    /** Only the lease holder may settle a job: a runner whose lease expired loses the race. */
    async complete(id: string, owner: string, now: Date): Promise<boolean> {
      const r = await db
        .updateTable('jobs')
        // lease_owner stays: it records which instance finished the job.
        .set({ state: 'done', lease_until: null, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async reschedule(id: string, owner: string, runAt: Date, error: string | null, now: Date, payload?: Record<string, unknown>): Promise<boolean> {
      const r = await db
        .updateTable('jobs')
        .set({
          run_at: runAt.toISOString(),
          lease_owner: null,
          lease_until: null,
          last_error: error,
          updated_at: now.toISOString(),
          ...(payload ? { payload: JSON.stringify(payload) } : {}),
        })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Withdraws a pending job that is no longer needed (not one being run: its lease is live). */
    async withdraw(key: string, now: Date): Promise<void> {
      await db.updateTable('jobs').set({ state: 'done', last_error: 'withdrawn', updated_at: now.toISOString() }).where('job_key', '=', key).where('state', '=', 'pending').where('lease_owner', 'is', null).execute();
    },

    async pendingCount(): Promise<number> {
      const r = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<string | number>().as('n')).where('state', '=', 'pending').executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async nextRunAt(): Promise<string | null> {
      const r = await db.selectFrom('jobs').select('run_at').where('state', '=', 'pending').orderBy('run_at').limit(1).executeTakeFirst();
      return r?.run_at ?? null;
    },
  };
}
export type JobsRepo = ReturnType<typeof jobsRepo>;
