import { freshStore } from '../../../test/support/stores';
import { createLogger } from '../logger';
import type { Store } from '../store/db';
import { jobsRepo, type JobsRepo } from '../store/jobs.repo';
import { JobRunner } from './job-runner';

describe('stopping the job runner on shutdown', () => {
  let store: Store;
  let jobs: JobsRepo;
  const now = () => new Date();
  beforeAll(async () => {
    store = await freshStore('sqlite', 'jobs-stop');
    jobs = jobsRepo(store.db, store.dialect);
  });
  afterAll(async () => {
    await store.close();
  });
  const state = async (key: string) => store.db.selectFrom('jobs').select(['state', 'lease_owner', 'lease_until']).where('job_key', '=', key).executeTakeFirstOrThrow();

  it('waits for the job being run to finish, and claims nothing more', async () => {
    const runner = new JobRunner(jobs, createLogger('silent'), { pollMs: 10, leaseMs: 60_000, batch: 1, now });
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    runner.register('slow', async () => {
      started();
      await new Promise((r) => setTimeout(r, 300));
      return { done: true };
    });
    await jobs.enqueue(store.db, { kind: 'slow', key: 'slow-1', payload: {}, runAt: now() }, now());
    await jobs.enqueue(store.db, { kind: 'slow', key: 'slow-2', payload: {}, runAt: new Date(Date.now() + 50) }, now());
    runner.start();
    await running;
    expect(await runner.stop(5_000)).toBe(true);
    expect((await state('slow-1')).state).toBe('done');
    await new Promise((r) => setTimeout(r, 100));
    expect((await state('slow-2')).state).toBe('pending');
  });

  it('gives up waiting at the deadline and leaves the job leased, for another instance once the lease runs out', async () => {
    const runner = new JobRunner(jobs, createLogger('silent'), { pollMs: 10, leaseMs: 60_000, batch: 1, now });
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    runner.register('stuck', async () => {
      started();
      await new Promise((r) => setTimeout(r, 2_000));
      return { done: true };
    });
    await jobs.enqueue(store.db, { kind: 'stuck', key: 'stuck-1', payload: {}, runAt: now() }, now());
    runner.start();
    await running;
    const t0 = Date.now();
    expect(await runner.stop(200)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(1_000);
    const row = await state('stuck-1');
    expect(row).toMatchObject({ state: 'pending', lease_owner: runner.owner });
    expect(Date.parse(row.lease_until!)).toBeGreaterThan(Date.now());
    await new Promise((r) => setTimeout(r, 2_000)); // let the handler end before the store closes
  });
});
