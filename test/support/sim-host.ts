import { createHisSimulator, type HisSimulator } from '../../bff/src/adapters/his';
import { createPaymentSimulator, type PaymentSimulator } from '../../bff/src/adapters/payment';
import { bridgeDepositSims, createDepositSimulator, type DepositSimulator } from '../../bff/src/adapters/his-deposit';

export const HIS_KEY = 'fault-his-sign-key-0001';
export const HOSPITAL_ID = 'faulthospital';
export const PAY_APP = { appId: 'fault-pay-app', appSecret: 'fault-pay-secret-0001' };

export interface SimHost {
  his: HisSimulator;
  pay: PaymentSimulator;
  /** The deposit HIS; with `bridgeDeposit`, bridged to the platform as in the demo (same accounts; paid top-ups reach HIS). */
  deposit: DepositSimulator;
  hisUrl: string;
  payUrl: string;
  /** Config fragments (file or env) that point a BFF at these simulators as if they were real. */
  config: Record<string, unknown>;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * HIS and payment simulators living in the test process, so they (and their ledgers) outlive any
 * number of BFF processes that are killed and restarted against them.
 */
export async function startSimHost(opts: { notifyUrl?: string; notifyRetryDelaysMs?: number[]; bridgeDeposit?: boolean } = {}): Promise<SimHost> {
  const his = createHisSimulator({ signKey: HIS_KEY, hospitalId: HOSPITAL_ID });
  const pay = createPaymentSimulator({ ...PAY_APP, notifyRetryDelaysMs: opts.notifyRetryDelaysMs ?? [200, 500, 1000, 2000] });
  if (opts.notifyUrl) pay.setNotifyUrl(opts.notifyUrl);
  const deposit = createDepositSimulator();
  // Opt-in: bridging seeds the platform with the deposit records' charges, which other ledgers' checks do not expect.
  if (opts.bridgeDeposit) bridgeDepositSims(pay, deposit);
  const h = await his.listen();
  const p = await pay.listen();
  const d = await deposit.listen();
  return {
    his,
    pay,
    deposit,
    hisUrl: h.baseUrl,
    payUrl: p.baseUrl,
    config: {
      his: { mode: 'remote', transport: 'http', baseUrl: h.baseUrl, signKey: HIS_KEY, hospitalId: HOSPITAL_ID, timeoutMs: 1000 },
      payment: { mode: 'remote', serverAddr: p.baseUrl, ...PAY_APP, timeoutMs: 1000 },
      hisDeposit: { mode: 'remote', transport: 'http', baseUrl: d.baseUrl, timeoutMs: 1000 },
    },
    env: {
      HIS_MODE: 'remote', HIS_TRANSPORT: 'http', HIS_BASE_URL: h.baseUrl, HIS_SIGN_KEY: HIS_KEY, HIS_HOSPITAL_ID: HOSPITAL_ID, HIS_TIMEOUT_MS: '1000',
      PAYMENT_MODE: 'remote', PAYMENT_SERVER_ADDR: p.baseUrl, PAYMENT_APP_ID: PAY_APP.appId, PAYMENT_APP_SECRET: PAY_APP.appSecret,
      HIS_DEPOSIT_MODE: 'remote', HIS_DEPOSIT_TRANSPORT: 'http', HIS_DEPOSIT_BASE_URL: d.baseUrl, HIS_DEPOSIT_TIMEOUT_MS: '1000',
    },
    async close() {
      await Promise.allSettled([h.close(), p.close(), d.close()]);
    },
  };
}
