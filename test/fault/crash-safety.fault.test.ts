import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { hisSeed as seed } from '../../bff/src/adapters/his';
import { BffProcess } from '../support/bff-process';
import { resilientRequest } from '../support/resilient-client';
import { scratchDir } from '../support/scratch';
import { startSimHost, type SimHost } from '../support/sim-host';
import { addWithCode, RELAXED_BINDING, type Requester } from '../support/binding';
import { startKiller } from '../support/crash-killer';

/**
 * Crash safety: the BFF runs as a child process and is SIGKILLed at random moments while many
 * complete booking-and-pay flows run against it — some cancelled before paying, some cancelled
 * after (refunded), some refunded on HIS's isRefund=1 — then restarted. Whatever the timing, every
 * fen taken must end posted or refunded; HIS books each tradeNo at most once; every paid booking
 * HIS cancelled was refunded; refunds never exceed payments. CRASH_FLOWS sets the number of flows.
 */
const FLOWS = Number(process.env.CRASH_FLOWS ?? 50);
const CONCURRENCY = 4;
const people = [seed.outpatient, seed.virtualCard, seed.inpatient, seed.discharged];

describe(`crash safety: ${FLOWS} booking-and-pay flows with the BFF killed at random points`, () => {
  let host: SimHost;
  let bff: BffProcess;
  let dbPath: string;
  let kills = 0;
  const cancelled = new Set<string>();

  beforeAll(async () => {
    const dir = scratchDir('crash-');
    dbPath = join(dir, 'crash.db');
    host = await startSimHost();
    // The simulators outside live in the sim host; the in-process SMS simulator starts afresh (a lost code is asked again).
    bff = await BffProcess.create(dir, { ...host.env, SQLITE_PATH: dbPath, PERSIST_SIMULATORS: 'false' }, {
      orders: { attemptGapSeconds: 0.05, roundBackoffSeconds: 0.2, pollSeconds: 0.3, refundRetrySeconds: 0.1, unpaidMinutes: 30 },
      jobs: { pollMs: 20, leaseMs: 3000, batch: 20 },
      ...RELAXED_BINDING,
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

  /** A crash between asking for the code and binding loses the code (the SMS simulator restarts elsewhere): ask again, as a patient would. */
  async function bindThroughCrashes(req: Requester, token: string, p: (typeof people)[number]): Promise<{ status: number; body: any }> {
    let last: { status: number; body: any } = { status: 0, body: null };
    for (let attempt = 0; attempt < 10; attempt++) {
      last = await addWithCode(req, token, p).catch((err: Error) => ({ status: 0, body: { error: { code: err.message } } }));
      if (last.status === 200 || last.body?.error?.code === 'PATIENT_ALREADY_BOUND') return last;
    }
    return last;
  }

  async function flow(i: number): Promise<void> {
    // A patient takes a moment between taps: crashes land in every part of the flow.
    const think = () => new Promise((r) => setTimeout(r, 30 + Math.random() * 250));
    const req = async (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
      await think();
      return resilientRequest(() => bff.url, method, path, { ...opts, giveUpMs: 300_000 });
    };
    const login = await req('POST', '/api/auth/login', { body: { platform: 'demo', code: `crash${i}` } });
    const token = login.body.token as string;
    const p = people[i % people.length]!;
    const bound = await bindThroughCrashes(req, token, p);
    const patientId = bound.status === 200 ? bound.body.id : (await req('GET', '/api/patients', { token })).body.patients[0].id;
    const dept = ['NK01', 'NK02', 'WK01', 'WK02', 'EK01', 'EK02'][i % 6]!;
    const list = await req('GET', `/api/catalogue/schedules?departmentCode=${dept}`, { token });
    const open = list.body.schedules.filter((s: { status: string; remaining: number | null }) => s.status === 'open' && (s.remaining === null || s.remaining > 2));
    const schedule = open[i % open.length];
    // Some HIS trouble on the way, too.
    if (i % 7 === 3) host.his.faults.inject(schedule.bookingKind === 'register' ? 'payRegister' : 'subscriptionPay', { kind: 'commit-then-drop' });
    if (i % 11 === 5) host.his.faults.inject(schedule.bookingKind === 'register' ? 'payRegister' : 'subscriptionPay', { kind: 'error', times: 2 });
    if (i % 13 === 6) host.his.faults.inject(schedule.bookingKind === 'register' ? 'payRegister' : 'subscriptionPay', { kind: 'error-refund' });
    const requestId = `crash-${process.pid}-${i}`;
    let booking = await req('POST', '/api/bookings', { token, body: { requestId, patientId, departmentCode: dept, scheduleId: schedule.scheduleId, slot: null, payClient: 'h5' } });
    if (booking.status !== 200) return; // refused (e.g. HIS unreachable mid-crash): nothing was paid
    const tradeNo = booking.body.order.tradeNo as string;
    for (let tries = 0; !host.pay.ledger.charge(tradeNo) && tries < 50; tries++) {
      booking = await req('POST', `/api/orders/${tradeNo}/pay`, { token, body: { payClient: 'h5' } });
      if (booking.status !== 200 || !booking.body.payParams) break;
    }
    if (!host.pay.ledger.charge(tradeNo)) return;
    // Some patients change their mind before paying: the charge is closed, the place released.
    if (i % 5 === 4) {
      await req('POST', `/api/orders/${tradeNo}/cancel`, { token, body: {} });
      return;
    }
    await think();
    await host.pay.pay(tradeNo);
    await req('POST', `/api/orders/${tradeNo}/sync`, { token, body: {} });
    // Some cancel a paid appointment: HIS cancels it, the platform refunds it, whatever crashes between.
    if (i % 3 === 1 && schedule.bookingKind === 'subscription') {
      for (let tries = 0; tries < 100; tries++) {
        const o = await req('GET', `/api/orders/${tradeNo}`, { token });
        const state = o.body?.status?.state;
        if (['refunding', 'refunded', 'attention'].includes(state)) break;
        if (state === 'posted') await req('POST', `/api/orders/${tradeNo}/cancel`, { token, body: {} });
      }
      cancelled.add(tradeNo);
    }
  }

  it('ends every paid order posted, refunded or with a person; HIS books once; refunds ≤ payments', async () => {
    let next = 0;
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (next < FLOWS) await flow(next++);
    });
    // Up between 0.15 and 1.05 s after each restart: a flow's requests (several now that binding
    // proves ownership by SMS) can land, and the kill still falls anywhere inside them.
    const killer = startKiller(bff, 'crash safety');
    await Promise.all(workers);
    kills = await killer.stop();

    // Let the restarted BFF finish the work the crashes interrupted.
    const db = new SqliteDatabase(dbPath, { readonly: true, fileMustExist: true });
    const unsettled = () => db.prepare(`select count(*) as n from orders where state in ('paid','posting','refunding')`).get() as { n: number };
    const deadline = Date.now() + 60_000;
    while (unsettled().n > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const orders = db.prepare('select trade_no, state, amount_fen, attention_reason, his_ref from orders').all() as { trade_no: string; state: string; amount_fen: number; attention_reason: string | null; his_ref: string | null }[];
    const closedRefs = new Map(orders.map((o) => [o.trade_no, o.his_ref]));
    db.close();
    const byNo = new Map(orders.map((o) => [o.trade_no, o]));

    const paid = [...host.pay.ledger.charges.values()].filter((c) => c.state === 'paid');
    const states = orders.reduce<Record<string, number>>((acc, o) => ((acc[o.state] = (acc[o.state] ?? 0) + 1), acc), {});
    process.stdout.write(`crash safety: ${FLOWS} flows, ${kills} kills, ${orders.length} orders, ${paid.length} paid, states ${JSON.stringify(states)}\n`);
    expect(kills).toBeGreaterThanOrEqual(Math.min(10, Math.floor(FLOWS / 5)));
    expect(paid.length).toBeGreaterThanOrEqual(Math.floor(FLOWS * 0.6));
    const refunds = [...host.pay.ledger.refunds.values()].length;
    process.stdout.write(`crash safety: ${cancelled.size} paid bookings cancelled, ${refunds} platform refunds\n`);
    expect(cancelled.size).toBeGreaterThanOrEqual(Math.floor(FLOWS / 10));
    for (const charge of paid) {
      const o = byNo.get(charge.outChargeNo);
      expect(o).toBeDefined();
      expect([charge.outChargeNo, o!.state]).toEqual([charge.outChargeNo, expect.stringMatching(/^(posted|refunded)$/)]);
      expect(host.pay.ledger.refundedFen(charge.outChargeNo)).toBeLessThanOrEqual(charge.amountFen);
      if (o!.state === 'refunded') expect(host.pay.ledger.refundedFen(charge.outChargeNo)).toBe(charge.amountFen);
      const booked = host.his.ledger.bookedCount(charge.outChargeNo);
      expect(booked).toBeLessThanOrEqual(1);
      if (o!.state === 'posted') expect(booked).toBe(1);
      // Refunded: HIS never took it, or took it and then cancelled it (the patient cancelled a paid booking).
      const cancelledInHis = [...host.his.state.bookings.values()].some((b) => b.tradeNo === charge.outChargeNo && b.status === 'cancelled');
      if (o!.state === 'refunded') expect([charge.outChargeNo, booked === 0 || cancelledInHis]).toEqual([charge.outChargeNo, true]);
    }
    for (const o of orders) expect(['paid', 'posting', 'refunding']).not.toContain(o.state);
    // Every paid booking HIS cancelled was refunded in full, and HIS holds no place for a closed order.
    for (const b of host.his.state.bookings.values()) {
      if (b.status === 'cancelled' && b.tradeNo) expect([b.tradeNo, host.pay.ledger.refundedFen(b.tradeNo)]).toEqual([b.tradeNo, byNo.get(b.tradeNo)!.amount_fen]);
    }
    const closedHolding = orders.filter((o) => o.state === 'closed').filter((o) => [...host.his.state.bookings.values()].some((b) => b.status === 'locked' && closedRefs.get(o.trade_no) === b.id));
    expect(closedHolding).toEqual([]);
  }, 600_000);
});
