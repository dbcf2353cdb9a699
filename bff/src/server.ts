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

export interface RunningServer {
  url: string;
  deps: Deps;
  sims: Simulators;
  close(): Promise<void>;
}

/** Opens storage, runs migrations, connects the outside systems and listens. */
export async function startServer(config: Config, opts: { log?: Logger; now?: () => Date } = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config.log.level);
  const store = openStore({ url: config.database.url, sqlitePath: config.database.sqlitePath });
  await migrate(store.db);
  const outside = await connectOutside(config, log);
  const crypto = createFieldCrypto(config.security.fieldKey);
  const deps: Deps = {
    config,
    log,
    store,
    accounts: accountsRepo(store.db),
    sessions: sessionsRepo(store.db),
    patients: patientsRepo(store.db, crypto),
    inbound: inboundRepo(store.db),
    his: outside.his,
    identity: outside.identity,
    now: opts.now ?? (() => new Date()),
  };
  const app = createApp(deps);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.server.port, config.server.host, () => resolve(s));
    s.once('error', reject);
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  const { port } = server.address() as AddressInfo;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    deps,
    sims: outside.sims,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await outside.close();
      await store.close();
    },
  };
}
