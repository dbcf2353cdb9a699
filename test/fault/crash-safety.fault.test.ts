import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { hisSeed as seed } from '../../bff/src/adapters/his';
import { BffProcess } from '../support/bff-process';
import { resilientRequest } from '../support/resilient-client';
import { scratchDir } from '../support/scratch';
import { startSimHost, type SimHost } from '../support/sim-host';

/**
 * Crash safety: the BFF runs as a child process and is SIGKILLed at random moments while many
 * complete booking-and-pay flows run against it, then restarted. Whatever the timing, every fen
 * taken must end posted, refunded, or with a person (attention + reason); HIS books each tradeNo
 * at most once; refunds never exceed payments. CRASH_FLOWS sets the number of flows (default 50).
 */
const FLOWS = Number(process.env.CRASH_FLOWS ?? 50);
const CONCURRENCY = 4;
const people = [seed.outpatient, seed.virtualCard, seed.inpatient, seed.discharged];

describe(`crash safety: ${FLOWS} booking-and-pay flows with the BFF killed at random points`, () => {
  let host: SimHost;
  let bff: BffProcess;
  let dbPath: string;
  let kills = 0;

  beforeAll(async () => {
    const dir = scratchDir('crash-');
    dbPath = join(dir, 'crash.db');
    host = await startSimHost();
    bff = await BffProcess.create(dir, { ...host.env, SQLITE_PATH: dbPath }, {
      orders: { attemptGapSeconds: 0.05, roundBackoffSeconds: 0.2, pollSeconds: 0.3, refundRetrySeconds: 0.1, unpaidMinutes: 30 },
      jobs: { pollMs: 20, leaseMs: 3000, batch: 20 },
      // Every flow logs in from 127.0.0.1, and the limit's counters now survive the restarts.
      rateLimits: { loginPerMinute: 10_000, bindPerHour: 100 },
    });
    host.pay.setNotifyUrl(`${bff.url}/pay/notify`);
    await bff.start();
  }, 60_000);

  afterAll(async () => {
    await bff?.kill();
    await host?.close();
  });

  async function flow(i: number): Promise<void> {
    // A patient takes a moment between taps: crashes land in every part of the flow.
    const think = () => new Promise((r) => setTimeout(r, 30 + Math.random() * 250));
    const req = async (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
      await think();
      return resilientRequest(() => bff.url, method, path, opts);
    };
    const login = await req('POST', '/api/auth/login', { body: { platform: 'demo', code: `crash${i}` } });
    const token = login.body.token as string;
    const p = people[i % people.length]!;
    const bound = await req('POST', '/api/patients/bind', { token, body: { realName: p.realName, idNumber: p.idCard, phone: p.phone, patientCard: p.patientCard, relation: 'self' } });
    const patientId = bound.status === 200 ? bound.body.id : (await req('GET', '/api/patients', { token })).body.patients[0].id;
    const dept = ['NK01', 'NK02', 'WK01', 'WK02', 'EK01', 'EK02'][i % 6]!;
    const list = await req('GET', `/api/catalogue/schedules?departmentCode=${dept}`, { token });
    const open = list.body.schedules.filter((s: { status: string; remaining: number | null }) => s.status === 'open' && (s.remaining === null || s.remaining > 2));
    const schedule = open[i % open.length];
    // Some HIS trouble on the way, too.
    if (i % 7 === 3) host.his.faults.inject(schedule.bookingKind === 'register' ? 'payRegister' : 'subscriptionPay', { kind: 'commit-then-drop' });
    if (i % 11 === 5) host.his.faults.inject(schedule.bookingKind === 'register' ? 'payRegister' : 'subscriptionPay', { kind: 'error', times: 2 });
    const requestId = `crash-${process.pid}-${i}`;
    let booking = await req('POST', '/api/bookings', { token, body: { requestId, patientId, departmentCode: dept, scheduleId: schedule.scheduleId, slot: null, payClient: 'h5' } });
    if (booking.status !== 200) return; // refused (e.g. HIS unreachable mid-crash): nothing was paid
    const tradeNo = booking.body.order.tradeNo as string;
    for (let tries = 0; !host.pay.ledger.charge(tradeNo) && tries < 50; tries++) {
      booking = await req('POST', `/api/orders/${tradeNo}/pay`, { token, body: { payClient: 'h5' } });
      if (booking.status !== 200 || !booking.body.payParams) break;
    }
    if (!host.pay.ledger.charge(tradeNo)) return;
    await think();
    await host.pay.pay(tradeNo);
    await req('POST', `/api/orders/${tradeNo}/sync`, { token, body: {} });
  }

  it('ends every paid order posted, refunded or with a person; HIS books once; refunds ≤ payments', async () => {
    let next = 0;
    let done = false;
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (next < FLOWS) await flow(next++);
    });
    const killer = (async () => {
      while (!done) {
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 350));
        if (done) break;
        await bff.kill();
        kills += 1;
        await bff.start();
      }
    })();
    await Promise.all(workers);
    done = true;
    await killer;
    if (!bff.running) await bff.start();

    // Let the restarted BFF finish the work the crashes interrupted.
    const db = new SqliteDatabase(dbPath, { readonly: true, fileMustExist: true });
    const unsettled = () => db.prepare(`select count(*) as n from orders where state in ('paid','posting','refunding')`).get() as { n: number };
    const deadline = Date.now() + 60_000;
    while (unsettled().n > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const orders = db.prepare('select trade_no, state, amount_fen, attention_reason from orders').all() as { trade_no: string; state: string; amount_fen: number; attention_reason: string | null }[];
    db.close();
    const byNo = new Map(orders.map((o) => [o.trade_no, o]));

    const paid = [...host.pay.ledger.charges.values()].filter((c) => c.state === 'paid');
    const states = orders.reduce<Record<string, number>>((acc, o) => ((acc[o.state] = (acc[o.state] ?? 0) + 1), acc), {});
    process.stdout.write(`crash safety: ${FLOWS} flows, ${kills} kills, ${orders.length} orders, ${paid.length} paid, states ${JSON.stringify(states)}\n`);
    expect(kills).toBeGreaterThanOrEqual(Math.min(10, Math.floor(FLOWS / 5)));
    expect(paid.length).toBeGreaterThanOrEqual(Math.floor(FLOWS * 0.6));
    for (const charge of paid) {
      const o = byNo.get(charge.outChargeNo);
      expect(o).toBeDefined();
      expect(['posted', 'refunded', 'attention']).toContain(o!.state);
      if (o!.state === 'attention') expect(o!.attention_reason).toBeTruthy();
      expect(host.pay.ledger.refundedFen(charge.outChargeNo)).toBeLessThanOrEqual(charge.amountFen);
      if (o!.state === 'refunded') expect(host.pay.ledger.refundedFen(charge.outChargeNo)).toBe(charge.amountFen);
      const booked = host.his.ledger.bookedCount(charge.outChargeNo);
      expect(booked).toBeLessThanOrEqual(1);
      if (o!.state === 'posted') expect(booked).toBe(1);
      if (o!.state === 'refunded') expect(booked).toBe(0);
    }
    for (const o of orders) expect(['paid', 'posting', 'refunding']).not.toContain(o.state);
  }, 600_000);
});
