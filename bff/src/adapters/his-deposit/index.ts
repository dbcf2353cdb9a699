/** The HIS outpatient deposit dialect: what the rest of the BFF may import. */
import type { Config } from '@hosp/config';
import type { HisDepositPort } from '../../domain/deposit/ports';
import type { HisCallLogger } from '../his/his-client';
import { HisDepositAdapter } from './his-deposit.adapter';
import { createHisDepositClient } from './his-deposit.client';
import { createDepositSimulator, type DepositSimulator } from './sim/deposit-simulator';

export { HisDepositAdapter, type HisDepositRequestProfile } from './his-deposit.adapter';
export { HisDepositClient, createHisDepositClient, type DepositTransactionCodes } from './his-deposit.client';
export { DEPOSIT_METHODS, type DepositMethod } from './his-deposit.codec';
export { createDepositSimulator, type DepositSimulator, type DepositSimFault, type DepositFaultKind } from './sim/deposit-simulator';
export { depositSeed, type SimDepositRecord, type SimFreeze } from './sim/deposit-seed';
export { SIM_CODES as DEPOSIT_SIM_CODES } from './sim/deposit-sim-methods';
export type { SimTopUp } from './sim/deposit-sim-ledger';
export { bridgeDepositSims } from './sim/platform-bridge';
export { depositKind, DepositDetailsSchema, type DepositDetails } from './deposit-kind';

export interface HisDepositSetup {
  port: HisDepositPort;
  /** In `sim` mode: the simulator (its ledger and test hooks) and its listening address. */
  sim?: DepositSimulator & { baseUrl: string };
  /** Stops the simulator, if one was started. */
  close(): Promise<void>;
}

/**
 * Builds the deposit port from the `hisDeposit` config block. In `sim` mode the simulator is
 * started in this process on 127.0.0.1 and the adapter talks to it over the configured transport,
 * exactly as it would to a hospital.
 */
export async function createHisDeposit(config: Config['hisDeposit'], logger?: HisCallLogger): Promise<HisDepositSetup> {
  let baseUrl: string;
  let sim: HisDepositSetup['sim'];
  let close = async () => {};
  if (config.mode === 'sim') {
    const s = createDepositSimulator({ soapNamespace: config.soap.namespace, soapParam: config.soap.param });
    const running = await s.listen();
    baseUrl = config.transport === 'soap' ? running.soapUrl : running.baseUrl;
    sim = Object.assign(s, { baseUrl: running.baseUrl });
    close = running.close;
  } else {
    baseUrl = config.baseUrl;
  }
  const client = createHisDepositClient(
    { transport: config.transport, baseUrl, timeoutMs: config.timeoutMs, maxReplyBytes: config.maxReplyBytes, soap: config.soap, transactionCodes: config.transactionCodes },
    logger,
  );
  const port = new HisDepositAdapter(client, { cardType: config.cardType, channelId: config.channelId }, logger);
  return { port, sim, close };
}
