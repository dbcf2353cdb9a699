import { ConfigError, loadConfig } from '@hosp/config';
import { createLogger } from './logger';
import { startServer } from './server';

/** The process entry (npm start / npm run demo): the cashier on a fixed port, simulators that survive restarts. */
const DEMO_ENTRY_DEFAULTS = { CASHIER_PORT: '8081', PERSIST_SIMULATORS: 'true' };

/** Process entry: config, start, graceful stop on SIGTERM/SIGINT. Exits 2 with the field name on bad config. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ ...DEMO_ENTRY_DEFAULTS, ...process.env });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.log.level);
  const running = await startServer(config, { log });
  log.info({ url: running.url, mode: config.mode, database: running.deps.store.dialect, his: `${config.his.mode}/${config.his.transport}` }, 'BFF listening');
  if (config.mode === 'demo') {
    process.stdout.write(`\n  医院患者服务 demo: open ${running.url}/  (API docs: ${running.url}/api/openapi.json)\n\n`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    const timeoutMs = config.server.shutdownTimeoutMs;
    log.info({ signal, timeoutMs }, 'stopping: finishing in-flight requests and the running job');
    // Whatever hangs past the deadline (a stuck database close), the process still ends.
    setTimeout(() => process.exit(1), timeoutMs + 10_000).unref();
    running.close(timeoutMs).then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
