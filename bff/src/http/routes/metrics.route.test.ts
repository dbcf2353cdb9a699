import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { bookOne } from '../../../../test/support/booking-flow';

const ADMIN = 'metrics-operator-token-0123456789';

/** One sample's value from Prometheus text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics for on-call', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'metrics', config: { admin: { token: ADMIN }, jobs: { enabled: false } as never } });
  });
  afterAll(async () => {
    await bff.close();
  });
  const scrape = async () => {
    const r = await fetch(`${bff.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    return r.text();
  };

  it('is guarded like the operator endpoints', async () => {
    expect((await fetch(`${bff.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${bff.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token-wrong' } })).status).toBe(401);
  });

  it('is off without an operator token', async () => {
    const open = await startTestBff({ name: 'metrics-off' });
    try {
      expect((await fetch(`${open.url}/metrics`)).status).toBe(404);
    } finally {
      await open.close();
    }
  });

  it('counts requests per route pattern, HIS and platform calls per method, and reads the queue and orders from the database', async () => {
    const { tradeNo } = await bookOne(bff, { user: 'metrics-user' });
    // An order waiting for a person, and a job overdue by a minute.
    await bff.deps.store.db.updateTable('orders').set({ state: 'attention', attention_reason: 'test' }).where('trade_no', '=', tradeNo).execute();
    const overdue = new Date(Date.now() - 60_000);
    await bff.deps.jobs.enqueue(bff.deps.store.db, { kind: 'metrics.test', key: 'metrics-test-1', payload: {}, runAt: overdue }, overdue);

    const text = await scrape();
    expect(sample(text, 'hospital_http_requests_total', { method: 'POST', route: '/api/bookings', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'hospital_http_request_duration_seconds_count', { route: '/api/catalogue/schedules' })).toBeGreaterThanOrEqual(1);
    // Route patterns, never raw paths with ids.
    expect(text).not.toContain(tradeNo);
    expect(sample(text, 'hospital_his_calls_total', { method: 'lockSubscription', outcome: 'ok' }) ?? sample(text, 'hospital_his_calls_total', { outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'hospital_his_call_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'hospital_platform_calls_total', { system: 'payment' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'hospital_orders_attention')).toBe(1);
    expect(sample(text, 'hospital_orders', { state: 'attention' })).toBe(1);
    expect(sample(text, 'hospital_jobs_due', { kind: 'metrics.test' })).toBe(1);
    expect(sample(text, 'hospital_jobs_oldest_due_age_seconds', { kind: 'metrics.test' })).toBeGreaterThanOrEqual(59);
    expect(sample(text, 'hospital_order_transitions_last_hour', { to_state: 'paying' })).toBeGreaterThanOrEqual(1);
  });
});
