import type { SimNoticeFault } from './sim-faults';

/**
 * Delivers payment notices like a real platform: fire-and-forget, retried after each delay in
 * `retryDelaysMs` until the receiver answers JSON with respCode 000000. stop() cancels everything
 * (timers and sockets), so a closed simulator leaves nothing running.
 */

export interface NoticeAttempt {
  url: string;
  attempt: number;
  acked: boolean;
  status: number | null;
}

export class SimNotifier {
  readonly attempts: NoticeAttempt[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly stopper = new AbortController();

  constructor(private readonly opts: { retryDelaysMs: readonly number[]; timeoutMs: number }) {}

  send(url: string, body: string, fault: SimNoticeFault | undefined): void {
    if (fault === 'notify:drop' || this.stopper.signal.aborted) return;
    const [, kind, arg] = (fault ?? '').split(':');
    const copies = kind === 'duplicate' ? Math.max(1, Number(arg) || 1) : 1;
    const delayMs = kind === 'delay' ? Math.max(0, Number(arg) || 0) : 0;
    for (let i = 0; i < copies; i++) {
      const p = this.deliver(url, body, delayMs).finally(() => this.running.delete(p));
      this.running.add(p);
    }
  }

  /** Resolves once every notice has been acknowledged or has given up (for tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  stop(): void {
    this.stopper.abort();
  }

  private async deliver(url: string, body: string, delayMs: number): Promise<void> {
    if (delayMs > 0 && !(await this.sleep(delayMs))) return;
    const delays = [0, ...this.opts.retryDelaysMs];
    for (let attempt = 1; attempt <= delays.length; attempt++) {
      if (attempt > 1 && !(await this.sleep(delays[attempt - 1] ?? 0))) return;
      const { acked, status } = await this.post(url, body);
      this.attempts.push({ url, attempt, acked, status });
      if (acked || this.stopper.signal.aborted) return;
    }
  }

  private async post(url: string, body: string): Promise<{ acked: boolean; status: number | null }> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
        redirect: 'error',
        signal: AbortSignal.any([this.stopper.signal, AbortSignal.timeout(this.opts.timeoutMs)]),
      });
      const text = (await res.text()).slice(0, 4096);
      let acked = false;
      try {
        acked = res.ok && (JSON.parse(text) as { respCode?: unknown }).respCode === '000000';
      } catch {
        acked = false;
      }
      return { acked, status: res.status };
    } catch {
      return { acked: false, status: null };
    }
  }

  /** Resolves true after `ms`, or false at once when the notifier is stopped. */
  private sleep(ms: number): Promise<boolean> {
    const signal = this.stopper.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
