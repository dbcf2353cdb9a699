import { DIALECTS, freshStore } from '../../../test/support/stores';
import { createLogger } from '../logger';
import type { Store } from '../store/db';
import { jobsRepo, type JobsRepo } from '../store/jobs.repo';
import { JobRunner } from './job-runner';

describe.each(DIALECTS)('job table and runner on %s', (dialect) => {
  let store: Store;
  let jobs: JobsRepo;
  let t = Date.parse('2026-11-22T00:00:00Z');
  const now = () => new Date(t);
  const log = createLogger('silent');
  beforeAll(async () => {
    store = await freshStore(dialect, 'jobs');
    jobs = jobsRepo(store.db, store.dialect);
  });
  afterAll(async () => {
    await store.close();
  });

  it('enqueues a key once', async () => {
    expect(await jobs.enqueue(store.db, { kind: 'k', key: 'once', payload: {}, runAt: now() }, now())).toBe(true);
    expect(await jobs.enqueue(store.db, { kind: 'k', key: 'once', payload: {}, runAt: now() }, now())).toBe(false);
  });

  it('lets one claimant hold a job until its lease expires, then another may take it', async () => {
    await jobs.enqueue(store.db, { kind: 'k', key: 'lease', payload: {}, runAt: now() }, now());
    const first = await jobs.claim('a', now(), 1000, 100);
    const mine = first.find((j) => j.key === 'lease')!;
    expect(mine).toBeDefined();
    expect((await jobs.claim('b', now(), 1000, 100)).find((j) => j.key === 'lease')).toBeUndefined();
    t += 1001;
    const stolen = (await jobs.claim('b', now(), 1000, 100)).find((j) => j.key === 'lease');
    expect(stolen).toMatchObject({ id: mine.id, attempts: 2 });
    // The first runner lost its lease: it can no longer settle the job.
    expect(await jobs.complete(mine.id, 'a', now())).toBe(false);
    expect(await jobs.complete(mine.id, 'b', now())).toBe(true);
  });

  it('claims one job by its key (an inline run): one of many concurrent callers, not the runner while held, not before it is due', async () => {
    await jobs.enqueue(store.db, { kind: 'k', key: 'by-key', payload: {}, runAt: now() }, now());
    const got = await Promise.all(Array.from({ length: 6 }, (_, i) => jobs.claimKey('by-key', `inline-${i}`, now(), 1000)));
    const winners = got.filter((j) => j !== null);
    expect(winners).toHaveLength(1);
    expect((await jobs.claim('runner', now(), 1000, 100)).find((j) => j.key === 'by-key')).toBeUndefined();
    expect(await jobs.reschedule(winners[0]!.id, `inline-${got.indexOf(winners[0]!)}`, new Date(t + 5000), 'later', now())).toBe(true);
    expect(await jobs.claimKey('by-key', 'inline-x', now(), 1000)).toBeNull();
    t += 5000;
    expect(await jobs.claimKey('by-key', 'inline-x', now(), 1000)).toMatchObject({ key: 'by-key', attempts: 2 });
    expect(await jobs.claimKey('no-such-key', 'inline-x', now(), 1000)).toBeNull();
  });

  it('never hands one job to two concurrent claimants', async () => {
    for (let i = 0; i < 30; i++) await jobs.enqueue(store.db, { kind: 'k', key: `race-${i}`, payload: {}, runAt: now() }, now());
    const claims = await Promise.all(['x', 'y', 'z'].map((owner) => jobs.claim(owner, now(), 60_000, 30)));
    const ids = claims.flat().filter((j) => j.key.startsWith('race-')).map((j) => j.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it('runs handlers, reschedules unfinished work, and retries after an error', async () => {
    const runner = new JobRunner(jobs, log, { pollMs: 10, leaseMs: 5000, batch: 50, now });
    const seen: string[] = [];
    let failures = 0;
    // Jobs left claimed by the earlier tests are not this runner's business.
    await store.db.updateTable('jobs').set({ state: 'done' }).execute();
    runner.register('work', async (job) => {
      seen.push(String(job.payload.step));
      if (job.payload.step === 'again') return { retryAt: new Date(t + 500), payload: { step: 'second' } };
      if (job.payload.step === 'boom' && failures++ === 0) throw new Error('transient');
      return { done: true };
    });
    await jobs.enqueue(store.db, { kind: 'work', key: 'w1', payload: { step: 'again' }, runAt: now() }, now());
    await jobs.enqueue(store.db, { kind: 'work', key: 'w2', payload: { step: 'boom' }, runAt: now() }, now());
    t += 100_000; // everything earlier is due
    await runner.tick();
    expect(seen.sort()).toEqual(['again', 'boom']);
    await runner.tick();
    expect(seen).toHaveLength(2); // nothing due yet
    t += 5_000;
    await runner.tick();
    expect(seen.slice(2).sort()).toEqual(['boom', 'second']);
    const rows = await store.db.selectFrom('jobs').select(['job_key', 'state', 'attempts']).where('job_key', 'in', ['w1', 'w2']).orderBy('job_key').execute();
    expect(rows).toEqual([{ job_key: 'w1', state: 'done', attempts: 2 }, { job_key: 'w2', state: 'done', attempts: 2 }]);
  });
});
