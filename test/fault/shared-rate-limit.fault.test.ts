import { parseConfig } from '@hosp/config';
import { createLogger } from '../../bff/src/logger';
import { startServer, type RunningServer } from '../../bff/src/server';
import { freshDatabase } from '../support/stores';

/** Two BFF instances on one PostgreSQL: the login limit is the limit of both together, not twice it. */
describe('rate limits across instances', () => {
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    const database = await freshDatabase('postgres', 'shared-limits');
    const config = parseConfig({ mode: 'demo', server: { host: '127.0.0.1', port: 0, publicDir: '' }, database, jobs: { enabled: false }, rateLimits: { loginPerMinute: 10, bindPerHour: 20 } });
    a = await startServer(config, { log: createLogger('silent') });
    b = await startServer(config, { log: createLogger('silent') });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('lets 30 logins from one address spread over two instances through only 10 times', async () => {
    // Windows are whole minutes: start where this run cannot cross into the next one.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 10_000) await new Promise((r) => setTimeout(r, left + 100));
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const r = await fetch(`${(i % 2 ? a : b).url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ platform: 'demo', code: `shared${i}` }) });
      statuses.push(r.status);
    }
    // Each instance counting alone would have let 10 + 10 through.
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    expect(statuses.filter((s, i) => i % 2 === 0 && s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s, i) => i % 2 === 1 && s === 429).length).toBeGreaterThan(0);
  });
});
