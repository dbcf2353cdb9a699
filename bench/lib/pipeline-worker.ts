/**
 * Child process of order-pipeline.bench.ts: one BFF instance (its own job runner) on the shared
 * PostgreSQL database, talking to the coordinator's HIS simulator over HTTP. Counts the HIS
 * payment notices it sends. IPC: sends 'ready'; answers 'stats' with { posts }; 'stop' closes.
 */
import { parseConfig } from '@hosp/config';
import { startServer } from '../../bff/src/server';
import { createLogger } from '../../bff/src/logger';

async function main(): Promise<void> {
  const config = parseConfig({
    mode: 'demo',
    server: { host: '127.0.0.1', port: 0, publicDir: '' },
    log: { level: 'silent' },
    database: { url: process.env.BENCH_DB_URL!, sqlitePath: ':unused:' },
    his: { mode: 'remote', transport: 'http', baseUrl: process.env.BENCH_HIS_URL! },
    jobs: { enabled: true, pollMs: Number(process.env.BENCH_POLL_MS ?? 10), leaseMs: 60_000, batch: Number(process.env.BENCH_BATCH ?? 100) },
  });
  const server = await startServer(config, { log: createLogger(process.env.TEST_LOG ?? 'silent') });
  let posts = 0;
  for (const kind of ['subscription', 'register'] as const) {
    const provider = server.deps.kinds.get(kind);
    const post = provider.post.bind(provider);
    provider.post = (...args) => {
      posts++;
      return post(...args);
    };
  }
  process.send!({ type: 'ready', url: server.url, owner: server.runner.owner });
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'stats') process.send!({ type: 'stats', posts, cpu: process.cpuUsage() });
    if (m.type === 'stop') {
      await server.close();
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
