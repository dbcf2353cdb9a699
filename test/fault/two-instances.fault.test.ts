import { parseConfig } from '@hosp/config';
import { addWithCode, RELAXED_BINDING } from '../support/binding';
import { createLogger } from '../../bff/src/logger';
import { startServer, type RunningServer } from '../../bff/src/server';
import { hisSeed as seed } from '../../bff/src/adapters/his';
import { freshDatabase } from '../support/stores';
import { resilientRequest } from '../support/resilient-client';
import { startSimHost, type SimHost } from '../support/sim-host';

/** Two BFF instances on one PostgreSQL, both running the job runner over the same stream of payments. */
describe('two BFF instances on one PostgreSQL', () => {
  let host: SimHost;
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    host = await startSimHost();
    const database = await freshDatabase('postgres', 'two_instances');
    const config = parseConfig({
      mode: 'demo',
      server: { host: '127.0.0.1', port: 0, publicDir: '' },
      database,
      ...host.config,
      orders: { attemptGapSeconds: 0.02, roundBackoffSeconds: 0.05, pollSeconds: 0.2, refundRetrySeconds: 0.05 },
      jobs: { pollMs: 5, leaseMs: 5000, batch: 5 },
      ...RELAXED_BINDING,
      // 40 patients log in from one address (127.0.0.1), and the limit is shared by both instances.
      rateLimits: { loginPerMinute: 10_000, bindPerHour: 100 },
    });
    const log = createLogger('silent');
    a = await startServer(config, { log });
    b = await startServer(config, { log });
    // The platform notifies one address; the load balancer would spread them. Alternate here.
    let n = 0;
    host.pay.setNotifyUrl(undefined);
    const origPay = host.pay.pay.bind(host.pay);
    host.pay.pay = async (no, opts) => {
      host.pay.setNotifyUrl(`${(n++ % 2 === 0 ? a : b).url}/pay/notify`);
      return origPay(no, opts);
    };
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await host?.close();
  });

  it('posts each of 40 payments to HIS exactly once', async () => {
    const servers = [a, b];
    const tradeNos: string[] = [];
    const z = seed.outpatient;
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const s = servers[i % 2]!;
        const req = (m: string, p: string, o: { token?: string; body?: unknown } = {}) => resilientRequest(() => s.url, m, p, o);
        const token = (await req('POST', '/api/auth/login', { body: { platform: 'demo', code: `two${i}` } })).body.token;
        const patientId = (await addWithCode(req, token, z)).body.id;
        const dept = ['NK01', 'NK02', 'WK01', 'EK01'][i % 4]!;
        const list = (await req('GET', `/api/catalogue/schedules?departmentCode=${dept}`, { token })).body.schedules.filter((x: { status: string; remaining: number | null }) => x.status === 'open' && (x.remaining === null || x.remaining > 3));
        const sched = list[i % list.length];
        const r = await req('POST', '/api/bookings', { token, body: { requestId: `two-${i}-${Date.now()}`, patientId, departmentCode: dept, scheduleId: sched.scheduleId, slot: null, payClient: 'h5' } });
        expect([r.status, r.status === 200 ? null : r.body]).toEqual([200, null]);
        tradeNos.push(r.body.order.tradeNo);
        await host.pay.pay(r.body.order.tradeNo);
      }),
    );
    const deadline = Date.now() + 30_000;
    const states = async () => Promise.all(tradeNos.map(async (t) => (await a.deps.orders.get(t))!.state));
    while ((await states()).some((s) => s !== 'posted') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(new Set(await states())).toEqual(new Set(['posted']));
    for (const t of tradeNos) {
      expect(host.his.ledger.bookedCount(t)).toBe(1);
      expect(host.his.ledger.postAttempts(t)).toBe(1);
      const events = await a.deps.orders.events(t);
      expect(events.filter((e) => e.to === 'posting')).toHaveLength(1);
    }
    // Both instances took part in the posting work, each job finished by one of them.
    const done = await a.deps.store.db.selectFrom('jobs').select('lease_owner').where('kind', '=', 'order.post').where('state', '=', 'done').execute();
    expect(done).toHaveLength(40);
    expect(new Set(done.map((j) => j.lease_owner))).toEqual(new Set([a.runner.owner, b.runner.owner]));
  }, 120_000);
});
