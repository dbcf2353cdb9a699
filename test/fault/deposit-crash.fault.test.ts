import { join } from 'node:path';
import { addWithCode, RELAXED_BINDING } from '../support/binding';
import SqliteDatabase from 'better-sqlite3';
import { hisSeed as seed } from '../../bff/src/adapters/his';
import { BffProcess } from '../support/bff-process';
import { resilientRequest } from '../support/resilient-client';
import { scratchDir } from '../support/scratch';
import { startSimHost, type SimHost } from '../support/sim-host';

/**
 * Crash safety of the deposit refund saga: the BFF runs as a child process and is SIGKILLed at
 * random moments while patients refund their deposit, each refund spanning several top-up records,
 * with some platform and HIS answers lost on the way. Afterwards, in both simulators' books: every
 * platform refund has exactly one HIS confirmation and the other way round, no freeze is left
 * open, no record is over-refunded. CRASH_REFUNDS sets the number of refunds.
 */
const REFUNDS = Number(process.env.CRASH_REFUNDS ?? 50);
const people = [seed.outpatient, seed.virtualCard, seed.inpatient, seed.discharged];

describe(`deposit crash safety: ${REFUNDS} refunds spanning several records, the BFF killed at random points`, () => {
  let host: SimHost;
  let bff: BffProcess;
  let dbPath: string;
  let kills = 0;
  let staged = 0;
  const startMs: number[] = [];

  beforeAll(async () => {
    const dir = scratchDir('deposit-crash-');
    dbPath = join(dir, 'crash.db');
    host = await startSimHost({ bridgeDeposit: true });
    bff = await BffProcess.create(dir, { ...host.env, SQLITE_PATH: dbPath }, {
      ...RELAXED_BINDING,
      deposit: { stepRetrySeconds: 0.1, stepAttentionMinutes: 30 },
      jobs: { pollMs: 20, leaseMs: 3000, batch: 20 },
    });
    host.pay.setNotifyUrl(`${bff.url}/pay/notify`);
    await bff.start();
  }, 60_000);

  afterAll(async () => {
    await bff?.kill();
    await host?.close();
  });

  /** Top-ups made elsewhere (a wallet at a self-service machine): HIS lists them, the platform holds their charges. */
  function stageTopUps(p: (typeof people)[number], amounts: number[]): void {
    for (const amountFen of amounts) {
      staged += 1;
      const orderId = `CZX${String(staged).padStart(8, '0')}`;
      host.deposit.topUp(p.patientCard, { orderId, amountFen, channel: 'wechat' });
      host.pay.ledger.seedPaidCharge({ outChargeNo: orderId, amountFen, cardNo: p.patientCard, hisCustId: p.hisNo, userName: p.realName, accountType: '01', channel: 'WX_PUB', paidAt: new Date() });
    }
  }

  async function patientRefunds(pi: number, count: number): Promise<void> {
    const p = people[pi]!;
    host.deposit.openAccount(p.patientCard, p.hisNo, p.realName);
    host.pay.ledger.openAccount({ cardNo: p.patientCard, accountType: '01', hisCustId: p.hisNo, userName: p.realName, userSex: '1', idNo: '' });
    const req = (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => resilientRequest(() => bff.url, method, path, { ...opts, giveUpMs: 300_000 });
    const token = (await req('POST', '/api/auth/login', { body: { platform: 'demo', code: `dcrash${pi}` } })).body.token as string;
    let bound: { status: number; body: any } = { status: 0, body: null };
    // A crash between asking for the code and binding loses the code: ask again, as a patient would.
    for (let attempt = 0; attempt < 10 && bound.status !== 200 && bound.body?.error?.code !== 'PATIENT_ALREADY_BOUND'; attempt++) {
      bound = await addWithCode(req, token, p).catch((err: Error) => ({ status: 0, body: { error: { code: err.message } } }));
    }
    const patientId = bound.status === 200 ? bound.body.id : (await req('GET', '/api/patients', { token })).body.patients[0].id;
    for (let k = 0; k < count; k++) {
      stageTopUps(p, [1000, 1500, 2000]);
      // Some answers lost on the way, as well as the crashes.
      if (k % 4 === 1) host.pay.faults.next('respCodeAfter:999999', 1, 'hop.trade.refund');
      if (k % 5 === 2) host.deposit.faults.inject('OPDRechargeCancellationFee', { kind: 'commit-then-drop' });
      if (k % 6 === 3) host.deposit.faults.inject('OPDRechargeFreeze', { kind: 'commit-then-drop' });
      if (k % 7 === 4) host.pay.faults.next('respCode:034009', 1, 'hop.trade.refund');
      const requestId = `dcrash-${process.pid}-${pi}-${k}`;
      let started: { status: number; body: any };
      for (;;) {
        started = await req('POST', `/api/patients/${patientId}/deposit/refunds`, { token, body: { requestId, amountFen: 4000 } });
        if (started.status !== 409 || started.body?.error?.ref === undefined) break;
        await new Promise((r) => setTimeout(r, 200)); // the previous refund still runs
      }
      if (started.status !== 200) throw new Error(`refund ${requestId}: ${started.status} ${JSON.stringify(started.body)}`);
      for (let tries = 0; tries < 2000; tries++) {
        const s = await req('GET', `/api/patients/${patientId}/deposit/refunds/${started.body.refundId}`, { token });
        if (s.status === 200 && s.body.state !== 'running') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Start again; a start that times out on a loaded machine is tried again (the old process killed first). */
  async function restart(): Promise<void> {
    for (let i = 0; ; i++) {
      try {
        const t0 = Date.now();
        await bff.start(60_000);
        startMs.push(Date.now() - t0);
        return;
      } catch (err) {
        await bff.kill();
        if (i >= 3) throw err;
      }
    }
  }

  it('platform refunds = HIS confirmations, no freeze left open, no record over-refunded', async () => {
    let done = false;
    const killer = (async () => {
      while (!done) {
        await new Promise((r) => setTimeout(r, 150 + Math.random() * 900));
        if (done) break;
        await bff.kill();
        kills += 1;
        await restart();
      }
    })();
    const per = Math.ceil(REFUNDS / people.length);
    try {
      await Promise.all(people.map((_, pi) => patientRefunds(pi, Math.min(per, REFUNDS - pi * per))));
    } finally {
      done = true;
      await killer;
    }
    if (!bff.running) await restart();

    const db = new SqliteDatabase(dbPath, { readonly: true, fileMustExist: true });
    const running = () => (db.prepare(`select count(*) as n from deposit_refunds where state = 'running'`).get() as { n: number }).n;
    const deadline = Date.now() + 60_000;
    while (running() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const requests = db.prepare('select state from deposit_refunds').all() as { state: string }[];
    const parts = db.prepare('select refund_id, step, amount_fen from deposit_refund_parts').all() as { refund_id: string; step: string; amount_fen: number }[];
    db.close();

    const steps = parts.reduce<Record<string, number>>((acc, p) => ((acc[p.step] = (acc[p.step] ?? 0) + 1), acc), {});
    const slowest = Math.max(0, ...startMs);
    process.stdout.write(`deposit crash safety: ${requests.length} refunds, ${parts.length} record refunds, ${kills} kills (restart up to ${slowest} ms), steps ${JSON.stringify(steps)}\n`);
    expect(requests).toHaveLength(REFUNDS);
    expect(requests.filter((r) => r.state === 'running')).toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(Math.min(10, Math.floor(REFUNDS / 5)));
    expect(parts.length).toBeGreaterThanOrEqual(REFUNDS * 2);

    const platform = new Map([...host.pay.ledger.refunds.values()].filter((r) => r.outRefundNo.startsWith('DR')).map((r) => [r.outRefundNo, r.amountFen]));
    const his = host.deposit.ledger;
    const confirmed = new Map([...host.deposit.state.freezes.values()].filter((f) => f.status === 'confirmed').map((f) => [f.transNo, f.priceFen]));
    expect(platform).toEqual(confirmed);
    for (const id of confirmed.keys()) expect(his.confirmations(id)).toBe(1);
    expect(his.openFreezes()).toEqual([]);
    expect(his.overRefunded()).toEqual([]);
    for (const c of host.pay.ledger.charges.values()) expect(host.pay.ledger.refundedFen(c.outChargeNo)).toBeLessThanOrEqual(c.amountFen);
    // What we recorded agrees with both books: confirmed parts are exactly the platform's refunds.
    expect(new Set(parts.filter((p) => p.step === 'confirmed').map((p) => p.refund_id))).toEqual(new Set(platform.keys()));
    for (const p of people) expect(his.balanceFen(p.patientCard)).toBe(host.pay.ledger.account(p.patientCard, '01')!.balanceFen);
  }, 900_000);
});
