/** Helpers for the deposit adapter tests (not used by production code). */
import type { DepositRecord, DepositRefundStep, DepositSettleStep } from '../../domain/deposit/ports';
import type { HisRowLogger } from '../his/his-rows.map';
import { createHisTransport, type HisTransport } from '../his/his-transport';
import { decodeXml, isXmlObject, type XmlObject } from '../his/xml-codec';
import { HisDepositAdapter } from './his-deposit.adapter';
import { HisDepositClient, type DepositTransactionCodes } from './his-deposit.client';
import { depositSeed } from './sim/deposit-seed';
import { createDepositSimulator, type DepositSimulator } from './sim/deposit-simulator';

// Monday 2024-10-14 09:00 in Beijing.
export const DEPOSIT_NOW = new Date('2024-10-14T01:00:00Z');
export const TX: DepositTransactionCodes = { OPDRechargeList: '3101', OPDRechargeFreeze: '3102', OPDRechargeCancellationFee: '3103' };
export const PROFILE = { cardType: '03', channelId: 'patient-app' };
/** Short, so the hang tests finish quickly; they check the call gives up within it. */
export const DEPOSIT_TIMEOUT_MS = 400;

export const zhangHolder = { patientCard: depositSeed.outpatient.cardNo, hisPatientId: depositSeed.outpatient.hisId };

export interface SentRequest {
  method: string;
  xml: string;
  data: XmlObject;
}

/** The real client and adapter over a transport that answers from `reply` and records what was sent. */
export function scriptedAdapter(reply: (method: string) => string | Promise<string>, sent: SentRequest[] = [], logger?: HisRowLogger) {
  const transport: HisTransport = {
    call: async (method, xml) => {
      const { value } = decodeXml(xml, { maxBytes: 65536 });
      const data = isXmlObject(value) && isXmlObject(value.Data) ? value.Data : {};
      sent.push({ method, xml, data });
      return reply(method);
    },
  };
  return new HisDepositAdapter(new HisDepositClient({ transport, maxReplyBytes: 65536, transactionCodes: TX }), PROFILE, logger);
}

export const okResp = (method: keyof DepositTransactionCodes, data: string) =>
  `<Resp><TransactionCode>${TX[method]}</TransactionCode><RespCode>10000</RespCode><RespMessage>成功</RespMessage><Data>${data}</Data></Resp>`;

export interface DepositSimOver {
  sim: DepositSimulator;
  /** Patient enough for a loaded machine's first call. */
  adapter: HisDepositAdapter;
  /** Gives up after DEPOSIT_TIMEOUT_MS: for the calls a test makes hang. */
  impatient: HisDepositAdapter;
  close(): Promise<void>;
}

/** A deposit simulator on 127.0.0.1 and real adapters for it over `transport`. */
export async function depositSimOver(transport: 'http' | 'soap'): Promise<DepositSimOver> {
  const sim = createDepositSimulator({ now: () => DEPOSIT_NOW, soapNamespace: 'urn:deposit', soapParam: 'inXml' });
  const server = await sim.listen();
  const adapterWith = (timeoutMs: number) => {
    const t = createHisTransport({
      transport,
      baseUrl: transport === 'soap' ? server.soapUrl : server.baseUrl,
      timeoutMs,
      maxReplyBytes: 512 * 1024,
      soap: { namespace: 'urn:deposit', param: 'inXml' },
    });
    return new HisDepositAdapter(new HisDepositClient({ transport: t, maxReplyBytes: 512 * 1024, transactionCodes: TX }), PROFILE);
  };
  return { sim, adapter: adapterWith(10_000), impatient: adapterWith(DEPOSIT_TIMEOUT_MS), close: server.close };
}

/** A refund step for `record` of 张三's account. */
export function refundStep(record: Pick<DepositRecord, 'recordId' | 'hisRecordNo' | 'channel'>, amountFen: number, refundId: string): DepositRefundStep {
  return { refundId, holder: zhangHolder, record, amountFen, requestedAt: new Date('2024-10-14T01:05:00Z') };
}

export function settleStep(step: DepositRefundStep, invoiceNo: string | null): DepositSettleStep {
  return { ...step, invoiceNo };
}
