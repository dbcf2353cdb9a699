import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { xmlSimRouter, type XmlSimAnswer } from '../../shared/xml-sim-routes';
import { routerApp } from '../../shared/sim-kit';
import { DEFAULT_SOAP } from '../../his/his-transport';
import { SimFaults } from '../../his/sim/sim-faults';
import { decodeXml, encodeXml, isXmlObject } from '../../his/xml-codec';
import { createDepositState } from './deposit-seed';
import { depositLedger, depositTestHooks } from './deposit-sim-ledger';
import { depositSimMethods, SIM_CODES, type SimAnswer } from './deposit-sim-methods';

/**
 * The HIS outpatient deposit dialect (his-outpatient-deposit-api.txt) over both transports of
 * DESIGN.md: `POST /{method}` with the `<Req>` document, and `POST /soap` (SOAP 1.1, one string
 * parameter). For development, the demo and the adapter's contract tests.
 */

/**
 * Switches that make the next N calls of a method ('*' = any) misbehave:
 *  - error: RespCode `code` (default -99) with `message`; nothing done
 *  - hang / http500 / malformed: no answer until close / HTTP 500 (a SOAP fault) / not XML; nothing done
 *  - delay: the normal answer, `delayMs` late
 *  - commit-then-hang / commit-then-drop: does the work, then never answers / drops the connection
 */
export type DepositFaultKind = 'error' | 'hang' | 'http500' | 'malformed' | 'delay' | 'commit-then-hang' | 'commit-then-drop';
export interface DepositSimFault {
  kind: DepositFaultKind;
  times?: number;
  delayMs?: number;
  code?: number;
  message?: string;
}

export interface DepositSimulatorOptions {
  soapNamespace?: string;
  soapParam?: string;
  now?: () => Date;
}

export interface DepositSimCall {
  method: string;
  transport: 'http' | 'soap';
  transactionCode: string;
  /** `<Data>`'s text children as sent. */
  data: Record<string, string>;
}

const MAX_BODY = 1024 * 1024;
const MALFORMED = '<Resp><TransactionCode>1</TransactionCode><RespCode>10000</RespCode><RespMessage>成功</Msg></Resp>';

type Answer = XmlSimAnswer;

export function createDepositSimulator(opts: DepositSimulatorOptions = {}) {
  const ns = opts.soapNamespace ?? DEFAULT_SOAP.namespace;
  const param = opts.soapParam ?? DEFAULT_SOAP.param;
  const state = createDepositState(opts.now);
  const faults = new SimFaults<DepositSimFault>();
  const calls: DepositSimCall[] = [];
  let closing = new AbortController();
  const untilClosing = () => new Promise<void>((resolve) => closing.signal.addEventListener('abort', () => resolve(), { once: true }));

  const respond = (transactionCode: string, a: SimAnswer): Answer => ({
    status: 200,
    document: encodeXml('Resp', { TransactionCode: transactionCode, RespCode: a.code, RespMessage: a.message, Data: a.data }),
  });

  /** One call, whatever the transport: request checks, faults, then the method. */
  async function answer(method: string, transport: DepositSimCall['transport'], requestXml: string): Promise<Answer> {
    if (!Object.hasOwn(depositSimMethods, method)) return { status: 404 };
    const data: Record<string, string> = {};
    const call: DepositSimCall = { method, transport, transactionCode: '', data };
    calls.push(call);
    let transactionCode = '';
    try {
      const { root, value } = decodeXml(requestXml, { maxBytes: MAX_BODY });
      if (root !== 'Req' || !isXmlObject(value)) throw new Error('not a <Req>');
      const tc = value.TransactionCode;
      transactionCode = typeof tc === 'string' ? tc : '';
      call.transactionCode = transactionCode;
      const d = value.Data;
      if (isXmlObject(d)) for (const [k, v] of Object.entries(d)) if (typeof v === 'string') data[k] = v;
    } catch {
      return respond('', { code: SIM_CODES.badRequest, message: '请求报文格式错误' });
    }
    // TransactionCode: Integer, 必须 (its values are the hospital's; any integer is taken and echoed).
    if (!/^\d{1,9}$/.test(transactionCode)) return respond(transactionCode, { code: SIM_CODES.badRequest, message: 'TransactionCode不能为空且应为整数' });
    const fault = faults.take(method);
    if (fault?.kind === 'hang') {
      await untilClosing();
      return { status: 503 };
    }
    if (fault?.kind === 'http500') return { status: 500 };
    if (fault?.kind === 'malformed') return { status: 200, document: MALFORMED };
    if (fault?.kind === 'error') return respond(transactionCode, { code: fault.code ?? SIM_CODES.failure, message: fault.message ?? 'HIS处理失败' });
    if (fault?.kind === 'delay') await sleep(fault.delayMs ?? 1000, undefined, { signal: closing.signal }).catch(() => undefined);
    const reply = depositSimMethods[method]!(state, data);
    if (fault?.kind === 'commit-then-hang') {
      await untilClosing();
      return { status: 503 };
    }
    if (fault?.kind === 'commit-then-drop') return { status: 0, drop: true };
    return respond(transactionCode, reply);
  }

  const router = xmlSimRouter(answer, { namespace: ns, param }, MAX_BODY);

  const sim = routerApp(router);

  async function listen(port?: number): Promise<{ baseUrl: string; soapUrl: string; close(): Promise<void> }> {
    closing = new AbortController();
    // Every hanging reply listens on this signal: many at once is normal under load.
    setMaxListeners(0, closing.signal);
    const running = await sim.listen(port);
    return {
      baseUrl: running.baseUrl,
      soapUrl: `${running.baseUrl}/soap`,
      close: async () => {
        closing.abort();
        await running.close();
      },
    };
  }

  return { app: sim.app, listen, state, faults, calls, ledger: depositLedger(state), ...depositTestHooks(state) };
}

export type DepositSimulator = ReturnType<typeof createDepositSimulator>;


