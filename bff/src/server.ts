import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '@hosp/config';
import { createApp } from './app';
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
import { beijingDate } from './domain/clock';
import { jobsRepo } from './store/jobs.repo';
import { ordersRepo, refundsRepo } from './store/orders.repo';
import { CatalogueService } from './workflows/booking/catalogue.service';
import { bookingKinds } from './adapters/his/booking-kind';
import { eCardKind } from './adapters/his/ecard-kind';
import { outpatientKind } from './adapters/his/outpatient-kind';
import { OrderKinds } from './domain/orders/order-kind';

export interface RunningServer {
  url: string;
  deps: Deps;
  sims: Simulators;
  runner: JobRunner;
  close(): Promise<void>;
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
    hisReports: outside.hisReports,
    hisQueue: outside.hisQueue,
    hisOutpatient: outside.hisOutpatient,
    hisECard: outside.hisECard,
    lab: outside.lab,
    notices: noticesRepo(store.db, crypto),
    channels: outside.channels,
    payment: outside.payment,
    catalogue: new CatalogueService(outside.hisCatalogue, config.catalogue, now, async () => {
      const rows = await store.db.selectFrom('stopped_schedules').select('schedule_id').where('clinic_date', '>=', beijingDate(now())).execute();
      return new Set(rows.map((r) => r.schedule_id));
    }),
    kinds: new OrderKinds().register(...bookingKinds(outside.hisBooking, { cancelPaidRegister: config.his.cancelPaidRegister, customerId: config.his.payCustomerId }), outpatientKind(outside.hisOutpatient), eCardKind(outside.hisECard)),
    publicBaseUrl: config.publicBaseUrl ?? '',
    identity: outside.identity,
    now,
  };
  const runner = new JobRunner(deps.jobs, log.child({ component: 'jobs' }), { ...config.jobs, now });
  registerJobs(runner, deps);
  const app = createApp(deps, outside.paymentSecret);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.server.port, config.server.host, () => resolve(s));
    s.once('error', reject);
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  const { port } = server.address() as AddressInfo;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  deps.publicBaseUrl = config.publicBaseUrl ?? url;
  outside.listening(deps.publicBaseUrl);
  await ensureRecurringJobs(deps);
  if (config.jobs.enabled) runner.start();
  return {
    url,
    deps,
    sims: outside.sims,
    runner,
    async close() {
      await runner.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await outside.close();
      await store.close();
    },
  };
}
