import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger';
import type { Job, JobsRepo } from '../store/jobs.repo';

import type { JobKind, JobOutcome } from './job-kind';

export type { JobOutcome } from './job-kind';
export type JobHandler = (job: Job) => Promise<JobOutcome>;

export interface JobRunnerOptions {
  pollMs: number;
  leaseMs: number;
  batch: number;
  now(): Date;
}

/** Backoff for unexpected errors: 2 s, 4 s, … capped at 5 minutes. */
export function errorBackoffMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.min(attempts, 12));
}

/**
 * Claims due jobs with a lease and runs their handlers. Any number of runners (processes) may share
 * one database: a job runs in one of them at a time, and again elsewhere only if its lease expires.
 */
export class JobRunner {
  readonly owner = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = true;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobs: JobsRepo,
    private readonly log: Logger,
    private readonly opts: JobRunnerOptions,
  ) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Registers typed kinds: a payload that does not match its schema fails the job loudly, never runs it. */
  registerKinds<C>(ctx: C, kinds: readonly JobKind<any, C>[]): void {
    for (const def of kinds) {
      this.register(def.kind, (job) => def.run(ctx, def.payload.parse(job.payload), job));
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * Claims nothing more and waits for the jobs being run, at most `timeoutMs` (default: as long as
   * they take). Answers whether they finished; a job cut off keeps its lease, which runs out, and
   * another instance runs it again (handlers are idempotent).
   */
  async stop(timeoutMs?: number): Promise<boolean> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (timeoutMs === undefined) {
      await this.inFlight;
      return true;
    }
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      this.inFlight.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return finished;
  }

  /** Runs every due job once (used by tests and by the loop). Returns how many ran. */
  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let run = 0;
    const done = (async () => {
      try {
        const claimed = await this.jobs.claim(this.owner, this.opts.now(), this.opts.leaseMs, this.opts.batch);
        await Promise.all(claimed.map((job) => this.runOne(job)));
        run = claimed.length;
      } catch (err) {
        this.log.error({ err }, 'job claim failed');
      } finally {
        this.running = false;
      }
    })();
    this.inFlight = done;
    await done;
    return run;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      const ran = await this.tick();
      // Busy: go again at once; idle: wait a poll interval.
      this.schedule(ran >= this.opts.batch ? 0 : this.opts.pollMs);
    }, ms);
    this.timer.unref?.();
  }

  private async runOne(job: Job): Promise<void> {
    const handler = this.handlers.get(job.kind);
    const now = () => this.opts.now();
    if (!handler) {
      this.log.error({ kind: job.kind, jobId: job.id }, 'no handler for job kind');
      await this.jobs.reschedule(job.id, this.owner, new Date(now().getTime() + 60_000), 'no handler', now());
      return;
    }
    try {
      const outcome = await handler(job);
      if ('done' in outcome) await this.jobs.complete(job.id, this.owner, now());
      else await this.jobs.reschedule(job.id, this.owner, outcome.retryAt, outcome.note ?? null, now(), outcome.payload);
    } catch (err) {
      const retryAt = new Date(now().getTime() + errorBackoffMs(job.attempts));
      this.log.warn({ kind: job.kind, key: job.key, attempts: job.attempts, err }, 'job failed; will retry');
      await this.jobs.reschedule(job.id, this.owner, retryAt, err instanceof Error ? err.message : String(err), now()).catch(() => undefined);
    }
  }
}
