import { hisSeed as seed } from '../../bff/src/adapters/his';
import type { TestBff } from './bff';

/** Fast pacing for tests: retries, rounds, polls and refunds in tens of milliseconds. */
export const FAST_ORDERS = {
  orders: { unpaidMinutes: 15, postingWindowHours: 24, postingGiveUp: 'refund', attemptGapSeconds: 0.02, roundBackoffSeconds: 0.05, pollSeconds: 0.1, refundRetrySeconds: 0.05 },
  jobs: { enabled: true, pollMs: 10, leaseMs: 5_000, batch: 50 },
  his: { mode: 'sim', timeoutMs: 400 },
  payment: { mode: 'sim', timeoutMs: 400 },
} as const;

export interface Booked {
  token: string;
  tradeNo: string;
  amountFen: number;
}

let counter = 0;

/** Logs in a fresh demo user, binds 张三 and books the first open later-day schedule of a department. */
export async function bookOne(bff: TestBff, opts: { departmentCode?: string; doctorCode?: string | null; user?: string; today?: boolean; scheduleId?: string } = {}): Promise<Booked & { scheduleId: string }> {
  counter += 1;
  const token = await bff.login(opts.user ?? `u${process.pid}x${counter}`);
  const z = seed.outpatient;
  const bound = await bff.bind(token, z, 'self');
  if (bound.status !== 200 && bound.body?.error?.code !== 'PATIENT_ALREADY_BOUND') throw new Error(`bind failed: ${JSON.stringify(bound.body)}`);
  const patientId = bound.status === 200 ? bound.body.id : (await bff.request('GET', '/api/patients', { token })).body.patients[0].id;
  const dept = opts.departmentCode ?? 'NK01';
  const list = await bff.request('GET', `/api/catalogue/schedules?departmentCode=${dept}`, { token });
  const schedule = list.body.schedules.find(
    (s: { scheduleId: string; status: string; bookingKind: string; doctorCode: string | null; remaining: number | null }) =>
      (opts.scheduleId ? s.scheduleId === opts.scheduleId : s.status === 'open' && s.bookingKind === (opts.today ? 'register' : 'subscription')) &&
      (opts.doctorCode === undefined || s.doctorCode === opts.doctorCode) &&
      (s.remaining === null || s.remaining > 0),
  );
  if (!schedule) throw new Error(`no open schedule in ${dept}`);
  const r = await bff.request('POST', '/api/bookings', {
    token,
    body: { requestId: `r${process.pid}x${counter}x${Date.now()}`, patientId, departmentCode: dept, scheduleId: schedule.scheduleId, slot: null, payClient: 'h5' },
  });
  if (r.status !== 200) throw new Error(`booking failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { token, tradeNo: r.body.order.tradeNo, amountFen: r.body.order.amountFen, scheduleId: schedule.scheduleId };
}

export async function orderState(bff: TestBff, tradeNo: string): Promise<string> {
  const o = await bff.deps.orders.get(tradeNo);
  return o?.state ?? 'missing';
}

/** Waits until the order reaches one of `states` (or fails with the last state seen). */
export async function waitForState(bff: TestBff, tradeNo: string, states: string[], timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await orderState(bff, tradeNo);
    if (states.includes(last)) return last;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`order ${tradeNo} stayed ${last}, expected ${states.join('/')}`);
}
