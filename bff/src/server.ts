import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '@hosp/config';
import { createApp } from './app';
import { bootstrapOperators } from './workflows/admin/operator-auth.workflow';
import { createAppMetrics } from './metrics/app-metrics';
import type { Deps } from './deps';
import { createLogger, type Logger } from './logger';
import { connectOutside, type Simulators } from './outside';
import { accountsRepo } from './store/accounts.repo';
import { migrate, openStore } from './store/db';
import { createFieldCrypto } from './store/field-crypto';
import { inboundRepo } from './store/inbound.repo';
import { patientsRepo } from './store/patients.repo';
import { sessionsRepo } from './store/sessions.repo';
import { JobRunner } from './jobs/job-runner';
import { ensureRecurringJobs, registerJobs } from './background';
import { noticesRepo } from './store/notices.repo';
import { reconciliationRepo } from './store/reconciliation.repo';
import { beijingDate } from './domain/time';
import { jobsRepo } from './store/jobs.repo';
import { ordersRepo, refundsRepo } from './store/orders.repo';
import { CatalogueService } from './workflows/booking/catalogue.service';
import { bookingKinds } from './adapters/his/booking-kind';
import { prepayKind } from './adapters/his/prepay-kind';
import { eCardKind } from './adapters/his/ecard-kind';
import { outpatientKind } from './adapters/his/outpatient-kind';
import { OrderKinds } from './domain/orders/order-kind';
import { createTrust } from './trust';
import { depositKind } from './adapters/his-deposit';
import { depositRefundsRepo } from './store/deposit-refunds.repo';

export interface RunningServer {
  url: string;
  deps: Deps;
  sims: Simulators;
  runner: JobRunner;
  /**
   * Graceful stop: readiness turns 503, no new connections, in-flight requests and the running job
   * finish (within `timeoutMs`, default server.shutdownTimeoutMs), then connections, outside systems
   * and the database are closed.
   */
  close(timeoutMs?: number): Promise<void>;
}

/** Opens storage, runs migrations, connects the outside systems and listens. */
export async function startServer(config: Config, opts: { log?: Logger; now?: () => Date } = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config.log.level);
  const store = openStore({ url: config.database.url, sqlitePath: config.database.sqlitePath });
  await migrate(store.db);
  const outside = await connectOutside(config, log);
  const crypto = createFieldCrypto(config.security.fieldKey);
  const now = opts.now ?? (() => new Date());
  const deps: Deps = {
    config,
    log,
    store,
    accounts: accountsRepo(store.db),
    sessions: sessionsRepo(store.db),
    patients: patientsRepo(store.db, crypto),
    inbound: inboundRepo(store.db),
    orders: ordersRepo(store.db, crypto),
    refunds: refundsRepo(store.db),
    jobs: jobsRepo(store.db, store.dialect),
    his: outside.his,
    hisCatalogue: outside.hisCatalogue,
    hisBooking: outside.hisBooking,
    hisInpatient: outside.hisInpatient,
    hisReports: outside.hisReports,
    hisQueue: outside.hisQueue,
    hisOutpatient: outside.hisOutpatient,
    hisECard: outside.hisECard,
    hisLedger: outside.hisLedger,
    reconciliation: reconciliationRepo(store.db),
    lab: outside.lab,
    notices: noticesRepo(store.db, crypto),
    channels: outside.channels,
    payment: outside.payment,
    depositAccounts: outside.depositAccounts,
    hisDeposit: outside.hisDeposit,
    depositRefunds: depositRefundsRepo(store.db, crypto),
    catalogue: new CatalogueService(outside.hisCatalogue, config.catalogue, now, async () => {
      const rows = await store.db.selectFrom('stopped_schedules').select('schedule_id').where('clinic_date', '>=', beijingDate(now())).execute();
      return new Set(rows.map((r) => r.schedule_id));
    }),
    kinds: new OrderKinds().register(
      ...bookingKinds(outside.hisBooking, { cancelPaidRegister: config.his.cancelPaidRegister, customerId: config.his.payCustomerId }),
      depositKind(outside.hisDeposit, now),
      prepayKind(outside.hisInpatient),
      outpatientKind(outside.hisOutpatient),
      eCardKind(outside.hisECard),
    ),
    publicBaseUrl: config.publicBaseUrl ?? '',
    identity: outside.identity,
    trust: createTrust(store.db, crypto, outside.sms, outside.sims.sms?.inboxUrl),
    now,
  };
  await bootstrapOperators(deps);
  const runner = new JobRunner(deps.jobs, log.child({ component: 'jobs' }), { ...config.jobs, now });
  registerJobs(runner, deps);
  let draining = false;
  const app = createApp(deps, outside.paymentSecret, { metrics: createAppMetrics(store.db, now), draining: () => draining });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.server.port, config.server.host, () => resolve(s));
    s.once('error', reject);
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  const inFlight = trackRequests(server, () => draining);
  const { port } = server.address() as AddressInfo;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  deps.publicBaseUrl = config.publicBaseUrl ?? url;
  outside.listening(deps.publicBaseUrl);
  await ensureRecurringJobs(deps);
  let closing: Promise<void> = Promise.resolve();
  if (config.jobs.enabled) runner.start();
  return {
    url,
    deps,
    sims: outside.sims,
    runner,
    async close(timeoutMs = config.server.shutdownTimeoutMs) {
      if (draining) return closing;
      draining = true;
      closing = (async () => {
        const deadline = Date.now() + timeoutMs;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        inFlight.closeAfterAnswer();
        const [jobsDone, requestsDone] = await Promise.all([runner.stop(timeoutMs), inFlight.idle(deadline)]);
        if (!jobsDone) log.warn({ timeoutMs }, 'shutdown: a job was still running; its lease lets another instance resume it');
        if (!requestsDone) log.warn({ timeoutMs, open: inFlight.count() }, 'shutdown: requests still open were cut off');
        server.closeAllConnections();
        await closed;
        await outside.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/**
 * Requests being answered. On shutdown each answer still to come is sent with Connection: close,
 * and `idle` resolves when the last one is answered (true) or the deadline passes (false).
 */
function trackRequests(server: Server, draining: () => boolean) {
  const open = new Set<ServerResponse>();
  let onIdle: (() => void) | null = null;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    if (draining()) res.setHeader('Connection', 'close');
    res.on('close', () => {
      open.delete(res);
      if (open.size === 0) onIdle?.();
    });
  });
  return {
    count: () => open.size,
    closeAfterAnswer() {
      for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close');
    },
    idle(deadline: number): Promise<boolean> {
      if (open.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
        onIdle = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
    },
  };
}
