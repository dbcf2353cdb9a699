import { depositSeed } from '../../bff/src/adapters/his-deposit';
import { hisSeed as seed } from '../../bff/src/adapters/his';
import type { TestBff } from './bff';
import { FAST_ORDERS } from './booking-flow';

/** Fast pacing for the deposit saga: steps asked again within tens of milliseconds; HIS deposit gives up after 400 ms. */
export const FAST_DEPOSIT = {
  ...FAST_ORDERS,
  hisDeposit: { mode: 'sim', transport: 'http', timeoutMs: 400 },
  deposit: { stepRetrySeconds: 0.05, stepAttentionMinutes: 60 },
} as const;

export const ZHANG = depositSeed.outpatient;

/** A fresh demo user with 张三 bound: the deposit account of the seed (balance 320.00, five records). */
export async function depositPatient(bff: TestBff, user: string): Promise<{ token: string; patientId: string }> {
  const token = await bff.login(user);
  const z = seed.outpatient;
  const bound = await bff.bind(token, z);
  if (bound.status !== 200) throw new Error(`bind failed: ${JSON.stringify(bound.body)}`);
  return { token, patientId: bound.body.id };
}

/** Polls the refund until it is no longer running. */
export async function settledRefund(bff: TestBff, token: string, patientId: string, refundId: string, timeoutMs = 20_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await bff.request('GET', `/api/patients/${patientId}/deposit/refunds/${refundId}`, { token });
    if (r.status === 200 && r.body.state !== 'running') return r.body;
    if (Date.now() > until) throw new Error(`refund ${refundId} still running: ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

/** Both books, for checks: HIS's deposit ledger and the platform's account and refunds. */
export function books(bff: TestBff) {
  const his = bff.sims.hisDeposit!.ledger;
  const pay = bff.sims.payment!.ledger;
  return {
    his,
    pay,
    hisBalance: () => his.balanceFen(ZHANG.cardNo),
    platformBalance: () => pay.account(ZHANG.cardNo, '01')!.balanceFen,
    /** Platform refunds made with one of our refund ids (DR…). */
    platformRefunds: (refundId?: string) => [...pay.refunds.values()].filter((r) => (refundId ? r.outRefundNo === refundId : r.outRefundNo.startsWith('DR'))),
  };
}
