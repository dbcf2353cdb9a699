import { join } from 'node:path';
import { parseConfig } from '@hosp/config';
import { createLogger } from '../../logger';
import { startServer, type RunningServer } from '../../server';
import { hisSeed } from '../his';
import { freePort } from '../../../../test/support/bff-process';
import { addWithCode, RELAXED_BINDING, type Requester } from '../../../../test/support/binding';
import { FAST_ORDERS } from '../../../../test/support/booking-flow';
import { scratchDir } from '../../../../test/support/scratch';
import { decodeState, encodeState } from './sim-state-file';

describe('simulator state on disk', () => {
  it('keeps Maps, Sets, Dates and plain data, and leaves functions out', () => {
    const state = { m: new Map([['a', { at: new Date('2025-01-02T03:04:05Z'), n: 1 }]]), s: new Set(['x', 'y']), list: [1, 'two'], now: () => new Date() };
    const back = decodeState(encodeState(state)) as typeof state;
    expect(back.m.get('a')!.at).toEqual(new Date('2025-01-02T03:04:05Z'));
    expect([...back.s]).toEqual(['x', 'y']);
    expect(back.list).toEqual([1, 'two']);
    expect(back).not.toHaveProperty('now');
  });
});

describe('the demo survives a restart', () => {
  const dir = scratchDir('demo-restart-');
  let cashierPort: number;
  let bff: RunningServer | undefined;
  const start = async (jobs: boolean) => {
    const config = parseConfig({
      mode: 'demo',
      server: { host: '127.0.0.1', port: 0, publicDir: '' },
      database: { sqlitePath: join(dir, 'hospital.db') },
      log: { level: 'silent' },
      ...FAST_ORDERS,
      ...RELAXED_BINDING,
      jobs: { ...FAST_ORDERS.jobs, enabled: jobs },
      demo: { cashierPort, persistSimulators: true },
    });
    bff = await startServer(config, { log: createLogger('silent') });
    return bff;
  };
  const requester = (s: RunningServer): Requester => async (method, path, opts = {}) => {
    const res = await fetch(`${s.url}${path}`, {
      method,
      headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    return { status: res.status, body: await res.json() };
  };
  afterAll(async () => {
    await bff?.close();
  });

  it('a booking paid at the fixed-port cashier before a restart is posted after it, not refunded', async () => {
    cashierPort = await freePort();
    // First run: no background jobs, so the paid order waits for HIS across the restart.
    const first = await start(false);
    const req = requester(first);
    const token = (await req('POST', '/api/auth/login', { body: { platform: 'demo', code: 'restart' } })).body.token as string;
    const patientId = (await addWithCode(req, token, hisSeed.outpatient)).body.id as string;
    const schedules = (await req('GET', '/api/catalogue/schedules?departmentCode=NK01', { token })).body.schedules as { scheduleId: string; status: string; bookingKind: string; remaining: number | null }[];
    const schedule = schedules.find((s) => s.status === 'open' && s.bookingKind === 'subscription' && (s.remaining === null || s.remaining > 0))!;
    const booked = await req('POST', '/api/bookings', { token, body: { requestId: 'restart-1', patientId, departmentCode: 'NK01', scheduleId: schedule.scheduleId, slot: null, payClient: 'h5' } });
    expect(booked.status).toBe(200);
    const tradeNo = booked.body.order.tradeNo as string;
    const cashierUrl = booked.body.payParams.cashierUrl as string;
    expect(cashierUrl.startsWith(`http://127.0.0.1:${cashierPort}/cashier/`)).toBe(true);
    expect((await fetch(cashierUrl)).status).toBe(200);
    const paid = await fetch(`${cashierUrl}/pay`, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(303);
    for (let i = 0; i < 200 && (await first.deps.orders.get(tradeNo))?.state !== 'paid'; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await first.deps.orders.get(tradeNo))?.state).toBe('paid');
    await first.close();
    bff = undefined;

    // Second run, same database and state file: HIS still holds the lock, the platform the payment.
    const second = await start(true);
    expect(second.sims.stateFile?.restored).toBe(true);
    expect(second.sims.payment!.ledger.charge(tradeNo)?.state).toBe('paid');
    let state = '';
    for (let i = 0; i < 500 && !['posted', 'refunding', 'refunded', 'attention'].includes(state); i++) {
      state = (await second.deps.orders.get(tradeNo))?.state ?? '';
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(state).toBe('posted');
    expect(second.sims.his!.ledger.bookedCount(tradeNo)).toBe(1);
    expect(second.sims.payment!.ledger.refundsOf(tradeNo)).toEqual([]);
    // The simulated phones keep their messages too.
    expect(second.sims.sms!.inbox('13800138000').length).toBeGreaterThan(0);
  }, 60_000);
});
