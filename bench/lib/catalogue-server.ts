/**
 * Child process of catalogue-read.bench.ts: a whole BFF (SQLite, simulators) and a bare Koa route
 * returning the same JSON, in one process so they share one event loop and one core's worth of
 * CPU exactly as each would alone. Sends { bffUrl, bareUrl, token, path, hisLoads } over IPC,
 * answers 'stats' with the cache/HIS counters, exits on 'stop'.
 */
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import { startTestBff } from '../../test/support/bff';

async function main(): Promise<void> {
  const ttl = Number(process.env.CATALOGUE_TTL_SECONDS ?? 300);
  const bff = await startTestBff({
    name: 'bench-catalogue',
    config: {
      rateLimits: { loginPerMinute: 100_000, bindPerHour: 20 },
      catalogue: { scheduleMode: 'fixed', timeSlots: true, referenceTtlSeconds: 3600, availabilityTtlSeconds: ttl, daysAhead: 7 },
    },
  });
  const token = await bff.login('bench-catalogue-reader');
  const path = '/api/catalogue/schedules?departmentCode=NK01';
  const first = await bff.request('GET', path, { token });
  if (first.status !== 200) throw new Error(`schedules: ${first.status} ${JSON.stringify(first.body)}`);
  const json = first.body as unknown;

  const bare = new Koa();
  bare.use((ctx) => {
    ctx.body = json;
  });
  const server = bare.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const bareUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const stats = () => ({
    hisLoads: bff.deps.catalogue.hisLoads,
    hisCalls: bff.sims.his!.calls.length,
    schedules: (json as { schedules: unknown[] }).schedules.length,
    bytes: Buffer.byteLength(JSON.stringify(json)),
  });
  process.send!({ type: 'ready', bffUrl: bff.url, bareUrl, token, path, ...stats() });
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'stats') process.send!({ type: 'stats', ...stats() });
    if (m.type === 'stop') {
      server.close();
      server.closeAllConnections();
      await bff.close();
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
