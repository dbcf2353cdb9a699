import { AppError } from '@hosp/shared';
import type { HisCallLogger } from '../his/his-client';
import { createHisTransport, type HisTransport, type HisTransportOptions } from '../his/his-transport';
import { decodeDepositReply, encodeDepositRequest, type DepositMethod, type DepositReply, type DepositRequestData } from './his-deposit.codec';

/** The document leaves each method's TransactionCode to the hospital. */
export type DepositTransactionCodes = Record<DepositMethod, string>;

export interface HisDepositClientOptions {
  transport: HisTransport;
  maxReplyBytes: number;
  transactionCodes: DepositTransactionCodes;
  logger?: HisCallLogger;
}

/**
 * Sends one deposit-dialect request over the HIS transports (http or soap, as DESIGN.md) and
 * decodes the reply. A negative RespCode is returned, not thrown: what it means is the adapter's
 * call. Transport failures throw HIS_UNAVAILABLE / HIS_BAD_REPLY; malformed replies HIS_BAD_REPLY.
 */
export class HisDepositClient {
  constructor(private readonly opts: HisDepositClientOptions) {}

  async call(method: DepositMethod, data: DepositRequestData): Promise<DepositReply> {
    const started = performance.now();
    const transactionCode = this.opts.transactionCodes[method];
    let outcome = 'ok';
    try {
      const replyXml = await this.opts.transport.call(method, encodeDepositRequest(transactionCode, data));
      const reply = decodeDepositReply(method, replyXml, { maxBytes: this.opts.maxReplyBytes, transactionCode });
      if (!reply.ok) outcome = `RespCode ${reply.code}`;
      return reply;
    } catch (err) {
      outcome = err instanceof AppError ? err.code : 'INTERNAL';
      throw err;
    } finally {
      // Method, time and outcome only: never card numbers, names or amounts.
      const entry = { his: method, durationMs: Math.round(performance.now() - started), outcome };
      if (outcome === 'ok') this.opts.logger?.info(entry, 'his deposit call');
      else this.opts.logger?.warn(entry, 'his deposit call failed');
    }
  }
}

export interface HisDepositClientConfig extends HisTransportOptions {
  transactionCodes: DepositTransactionCodes;
}

export function createHisDepositClient(config: HisDepositClientConfig, logger?: HisCallLogger): HisDepositClient {
  return new HisDepositClient({ transport: createHisTransport(config), maxReplyBytes: config.maxReplyBytes, transactionCodes: config.transactionCodes, logger });
}
