import type { Middleware } from 'koa';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppState } from '../http/context';
import type { Db } from '../store/db';
import { processRegistry } from './call-metrics';

export interface AppMetrics {
  middleware: Middleware<AppState>;
  /** Prometheus text: request and call metrics plus the database's view, read now. */
  scrape(): Promise<{ contentType: string; text: string }>;
}

const STATES = ['created', 'paying', 'paid', 'posting', 'posted', 'closed', 'refunding', 'refunded', 'attention'];

/**
 * Request rate and latency per route (the route's pattern, never the raw path), and what on-call
 * reads from the database at scrape time: the job queue per kind, orders per state (attention
 * among them) and the last hour's order transitions (payment and posting outcomes). Computed from
 * the shared tables, every instance reports the same database figures.
 */
export function createAppMetrics(db: Db, now: () => Date): AppMetrics {
  const registry = new Registry();
  const duration = new Histogram({
    name: 'hospital_http_request_duration_seconds',
    help: 'Request latency by route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const requests = new Counter({ name: 'hospital_http_requests_total', help: 'Requests by route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry] });

  const jobsPending = new Gauge({ name: 'hospital_jobs_pending', help: 'Pending jobs by kind (due now or later)', labelNames: ['kind'], registers: [registry] });
  const jobsDue = new Gauge({ name: 'hospital_jobs_due', help: 'Jobs due now and not yet done, by kind (the backlog)', labelNames: ['kind'], registers: [registry] });
  const jobsOldest = new Gauge({ name: 'hospital_jobs_oldest_due_age_seconds', help: 'How long the oldest due job of each kind has waited', labelNames: ['kind'], registers: [registry] });
  const orders = new Gauge({ name: 'hospital_orders', help: 'Orders by state', labelNames: ['state'], registers: [registry] });
  const attention = new Gauge({ name: 'hospital_orders_attention', help: 'Orders waiting for a person (state attention)', registers: [registry] });
  const transitions = new Gauge({
    name: 'hospital_order_transitions_last_hour',
    help: 'Order state changes in the last hour by target state and actor (payment: paid/closed; posting: posted/attention/refunding)',
    labelNames: ['to_state', 'actor'],
    registers: [registry],
  });

  async function readDatabase(): Promise<void> {
    const t = now();
    const nowIso = t.toISOString();
    const jobs = await db
      .selectFrom('jobs')
      .select((eb) => ['kind', eb.fn.countAll<string>().as('n'), eb.fn.min<string>('run_at').as('oldest')])
      .where('state', '=', 'pending')
      .groupBy('kind')
      .execute();
    const due = await db
      .selectFrom('jobs')
      .select((eb) => ['kind', eb.fn.countAll<string>().as('n'), eb.fn.min<string>('run_at').as('oldest')])
      .where('state', '=', 'pending')
      .where('run_at', '<=', nowIso)
      .groupBy('kind')
      .execute();
    jobsPending.reset();
    jobsDue.reset();
    jobsOldest.reset();
    for (const r of jobs) {
      jobsPending.set({ kind: r.kind }, Number(r.n));
      jobsDue.set({ kind: r.kind }, 0);
      jobsOldest.set({ kind: r.kind }, 0);
    }
    for (const r of due) {
      jobsDue.set({ kind: r.kind }, Number(r.n));
      jobsOldest.set({ kind: r.kind }, Math.max(0, (t.getTime() - Date.parse(r.oldest)) / 1000));
    }
    const byState = await db.selectFrom('orders').select((eb) => ['state', eb.fn.countAll<string>().as('n')]).groupBy('state').execute();
    orders.reset();
    for (const s of STATES) orders.set({ state: s }, 0);
    for (const r of byState) orders.set({ state: r.state }, Number(r.n));
    attention.set(Number(byState.find((r) => r.state === 'attention')?.n ?? 0));
    const hourAgo = new Date(t.getTime() - 3_600_000).toISOString();
    const recent = await db
      .selectFrom('order_events')
      .select((eb) => ['to_state', 'actor', eb.fn.countAll<string>().as('n')])
      .where('at', '>=', hourAgo)
      .groupBy(['to_state', 'actor'])
      .execute();
    transitions.reset();
    for (const r of recent) transitions.set({ to_state: r.to_state, actor: r.actor }, Number(r.n));
  }

  const middleware: Middleware<AppState> = async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const matched = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
      const route = typeof matched === 'string' ? matched : ctx.status === 404 ? 'unmatched' : ctx.method === 'GET' ? 'static' : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      duration.observe({ method: ctx.method, route }, seconds);
      requests.inc({ method: ctx.method, route, status: String(ctx.status) });
    }
  };

  return {
    middleware,
    async scrape() {
      await readDatabase();
      const merged = Registry.merge([processRegistry, registry]);
      return { contentType: merged.contentType, text: await merged.metrics() };
    },
  };
}
