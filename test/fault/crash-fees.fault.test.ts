import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { yuanToFen } from '@hosp/shared';
import { hisOutpatientSeed as rxSeed, hisSeed as seed, hisSimPrescribe } from '../../bff/src/adapters/his';
import { BffProcess } from '../support/bff-process';
import { addWithCode, RELAXED_BINDING, type Requester } from '../support/binding';
import { startKiller } from '../support/crash-killer';
import { resilientRequest } from '../support/resilient-client';
import { scratchDir } from '../support/scratch';
import { startSimHost, type SimHost } from '../support/sim-host';

/**
 * Crash safety for mixed orders, beside the booking crash test and with its killer: bookings,
 * outpatient fees (hisSrc, paid through the platform or from the one-card balance) and one-card
 * recharges (eCardPay) run while the BFF is SIGKILLed at random moments. Whatever the timing:
 * every fen the platform took ends posted or refunded; a card payment ends posted or closed (or
 * with a person, with a reason); HIS books each outpatientPay and rechargeECard at most once and
 * the card balances moved by exactly what was posted; the platform never refunds more than it
 * took, and never anything for a card payment. CRASH_FEE_FLOWS sets the number of flows.
 */
const FLOWS = Number(process.env.CRASH_FEE_FLOWS ?? 24);
const CONCURRENCY = 3;
type Kind = 'booking' | 'fees' | 'card' | 'recharge';
const KINDS: Kind[] = ['fees', 'recharge', 'card', 'booking'];

describe(`crash safety: ${FLOWS} mixed booking / outpatient / one-card flows with the BFF killed at random points`, () => {
  let host: SimHost;
  let bff: BffProcess;
  let dbPath: string;
  const cardPaid = new Set<string>();
  const kindOf = new Map<string, Kind>();

  beforeAll(async () => {
    const dir = scratchDir('crash-fees-');
    dbPath = join(dir, 'crash.db');
    host = await startSimHost();
    bff = await BffProcess.create(dir, { ...host.env, SQLITE_PATH: dbPath, PERSIST_SIMULATORS: 'false' }, {
      orders: { attemptGapSeconds: 0.05, roundBackoffSeconds: 0.2, pollSeconds: 0.3, refundRetrySeconds: 0.1, unpaidMinutes: 30, maxUnpaidPerAccount: 10 },
      jobs: { pollMs: 20, leaseMs: 3000, batch: 20 },
      ecard: { payFees: true },
      ...RELAXED_BINDING,
      rateLimits: { loginPerMinute: 10_000, bindPerHour: 100 },
    });
    host.pay.setNotifyUrl(`${bff.url}/pay/notify`);
    // 张三 pays fees from a card that holds enough; 李思思's card takes the recharges.
    host.his.state.patients.get(seed.outpatient.patientCard)!.eCardBalance = '100000.00';
    await bff.start();
  }, 60_000);

  afterAll(async () => {
    await bff?.kill();
    await host?.close();
  });

  async function flow(i: number): Promise<void> {
    const think = () => new Promise((r) => setTimeout(r, 30 + Math.random() * 250));
    const req: Requester = async (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
      await think();
      return resilientRequest(() => bff.url, method, path, { ...opts, giveUpMs: 300_000 });
    };
    const kind = KINDS[i % KINDS.length]!;
    const token = (await req('POST', '/api/auth/login', { body: { platform: 'demo', code: `crashfee${i}` } })).body.token as string;
    const person = kind === 'recharge' ? seed.virtualCard : kind === 'booking' ? seed.inpatient : seed.outpatient;
    let bound = { status: 0, body: null as any };
    for (let attempt = 0; attempt < 10 && bound.status !== 200 && bound.body?.error?.code !== 'PATIENT_ALREADY_BOUND'; attempt++) {
      bound = await addWithCode(req, token, person).catch((err: Error) => ({ status: 0, body: { error: { code: err.message } } }));
    }
    const patientId = bound.status === 200 ? bound.body.id : (await req('GET', '/api/patients', { token })).body.patients[0].id;
    const requestId = `crashfee-${process.pid}-${i}`;
    let made: { status: number; body: any };
    if (kind === 'booking') {
      const dept = ['NK01', 'NK02', 'WK01', 'WK02'][i % 4]!;
      const list = await req('GET', `/api/catalogue/schedules?departmentCode=${dept}`, { token });
      const open = list.body.schedules.filter((s: { status: string; remaining: number | null }) => s.status === 'open' && (s.remaining === null || s.remaining > 2));
      const schedule = open[i % open.length];
      if (i % 3 === 0) host.his.faults.inject(schedule.bookingKind === 'register' ? 'payRegister' : 'subscriptionPay', { kind: 'commit-then-drop' });
      made = await req('POST', '/api/bookings', { token, body: { requestId, patientId, departmentCode: dept, scheduleId: schedule.scheduleId, slot: null, payClient: 'h5' } });
    } else if (kind === 'recharge') {
      if (i % 3 === 0) host.his.faults.inject('rechargeECard', { kind: 'commit-then-drop' });
      if (i % 3 === 2) host.his.faults.inject('rechargeECard', { kind: 'error', times: 2 });
      made = await req('POST', '/api/ecard/recharges', { token, body: { requestId, patientId, amountFen: 1_000 + i, payClient: 'h5' } });
    } else {
      const visit = host.his.state.outpatient.visits.find((v) => v.clinicNo === rxSeed.zhang.todayClinicNo)!;
      const rx = [0, 1].map((k) => hisSimPrescribe(host.his.state.outpatient, visit, { feeType: '西药费', lines: [[`崩溃药品${i}-${k}`, `${5 + k}.25`, '2', '口服', '每次1片']], windowNo: `${k + 2}号窗口` }));
      // HIS trouble: a payment booked whose answer is lost; HIS refusing (a platform payment is refunded, a card one closed).
      if (i % 3 === 0) host.his.faults.inject('outpatientPay', { kind: 'commit-then-drop' });
      if (i % 3 === 1) host.his.faults.inject('outpatientPay', kind === 'card' ? { kind: 'error', times: 1, message: '一卡通余额不足' } : { kind: 'error-refund' });
      const body = { requestId, patientId, visitKey: visit.hisRegisterId, prescriptionNos: rx.map((r) => r.prescriptionNo), payClient: 'h5', ...(kind === 'card' ? { payWith: 'eCard' } : {}) };
      made = await req('POST', '/api/outpatient/orders', { token, body });
    }
    if (made.status !== 200 && !(kind === 'card' && made.body?.error?.code === 'ECARD_PAY_REFUSED')) return;
    const tradeNo = (made.body?.order?.tradeNo ?? made.body?.error?.ref) as string | undefined;
    if (!tradeNo) return;
    kindOf.set(tradeNo, kind);
    if (kind === 'card') {
      cardPaid.add(tradeNo);
      return;
    }
    for (let tries = 0; !host.pay.ledger.charge(tradeNo) && tries < 50; tries++) {
      made = await req('POST', `/api/orders/${tradeNo}/pay`, { token, body: { payClient: 'h5' } });
      if (made.status !== 200 || !made.body.payParams) break;
    }
    if (!host.pay.ledger.charge(tradeNo)) return;
    await think();
    await host.pay.pay(tradeNo);
    await req('POST', `/api/orders/${tradeNo}/sync`, { token, body: {} });
  }

  it('ends every platform payment posted or refunded, every card payment posted or closed; HIS books once; balances exact; refunds ≤ payments', async () => {
    const zhangBefore = yuanToFen(host.his.state.patients.get(seed.outpatient.patientCard)!.eCardBalance);
    const liBefore = yuanToFen(host.his.state.patients.get(seed.virtualCard.patientCard)!.eCardBalance || '0');
    let next = 0;
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (next < FLOWS) await flow(next++);
    });
    const killer = startKiller(bff, 'crash fees');
    await Promise.all(workers);
    const kills = await killer.stop();

    // Let the restarted BFF finish what the crashes interrupted (a card payment's backup job runs once HIS's timeout has passed).
    const db = new SqliteDatabase(dbPath, { readonly: true, fileMustExist: true });
    const rows = () => db.prepare('select trade_no, kind, state, amount_fen, attention_reason from orders').all() as { trade_no: string; kind: string; state: string; amount_fen: number; attention_reason: string | null }[];
    const unsettled = () => rows().filter((o) => ['paid', 'posting', 'refunding'].includes(o.state) || (cardPaid.has(o.trade_no) && o.state === 'paying'));
    const deadline = Date.now() + 90_000;
    while (unsettled().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const orders = rows();
    const left = unsettled();
    db.close();
    const byNo = new Map(orders.map((o) => [o.trade_no, o]));

    const paid = [...host.pay.ledger.charges.values()].filter((c) => c.state === 'paid');
    const kinds = orders.reduce<Record<string, number>>((acc, o) => ((acc[`${o.kind}:${o.state}`] = (acc[`${o.kind}:${o.state}`] ?? 0) + 1), acc), {});
    process.stdout.write(`crash fees: ${FLOWS} flows, ${kills} kills, ${orders.length} orders, ${paid.length} paid on the platform, ${cardPaid.size} card payments, ${JSON.stringify(kinds)}\n`);
    expect(kills).toBeGreaterThanOrEqual(Math.min(8, Math.floor(FLOWS / 4)));
    expect(left).toEqual([]);
    // Every kind took part.
    for (const k of ['subscription|register', 'hisSrc', 'eCardPay']) expect(orders.some((o) => new RegExp(`^(${k})$`).test(o.kind) && o.state === 'posted')).toBe(true);
    expect(cardPaid.size).toBeGreaterThan(0);

    for (const charge of paid) {
      const o = byNo.get(charge.outChargeNo)!;
      expect([charge.outChargeNo, o.state]).toEqual([charge.outChargeNo, expect.stringMatching(/^(posted|refunded)$/)]);
      expect(host.pay.ledger.refundedFen(charge.outChargeNo)).toBeLessThanOrEqual(charge.amountFen);
      if (o.state === 'refunded') expect(host.pay.ledger.refundedFen(charge.outChargeNo)).toBe(charge.amountFen);
      const booked = host.his.ledger.bookedCount(charge.outChargeNo);
      expect([charge.outChargeNo, booked]).toEqual([charge.outChargeNo, o.state === 'posted' ? 1 : 0]);
    }
    for (const tradeNo of cardPaid) {
      const o = byNo.get(tradeNo)!;
      expect([tradeNo, o.state]).toEqual([tradeNo, expect.stringMatching(/^(posted|closed|attention)$/)]);
      if (o.state === 'attention') expect(o.attention_reason).toBeTruthy();
      expect(host.his.ledger.bookedCount(tradeNo)).toBe(o.state === 'posted' ? 1 : 0);
      expect(host.pay.ledger.charge(tradeNo)).toBeUndefined();
      expect(host.pay.ledger.refundedFen(tradeNo)).toBe(0);
    }
    for (const o of orders) if (o.state === 'attention') expect(o.attention_reason).toBeTruthy();
    // HIS never booked one payment twice: every outpatientPay and rechargeECard in its book.
    for (const [tradeNo] of host.his.state.ledger) expect([tradeNo, host.his.ledger.bookedCount(tradeNo) <= 1]).toEqual([tradeNo, true]);
    // The cards moved by exactly what was posted: down by the card payments, up by the recharges.
    const posted = (pred: (o: (typeof orders)[number]) => boolean) => orders.filter((o) => o.state === 'posted' && pred(o)).reduce((s, o) => s + Number(o.amount_fen), 0);
    expect(yuanToFen(host.his.state.patients.get(seed.outpatient.patientCard)!.eCardBalance)).toBe(zhangBefore - posted((o) => cardPaid.has(o.trade_no)));
    expect(yuanToFen(host.his.state.patients.get(seed.virtualCard.patientCard)!.eCardBalance)).toBe(liBefore + posted((o) => o.kind === 'eCardPay'));
  }, 900_000);
});
