import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { xmlSimRouter, type XmlSimAnswer } from '../../shared/xml-sim-routes';
import Koa from 'koa';
import { listenLocal } from '../../shared/sim-kit';
import { encodeHisPush } from '../his-push.codec';
import { verifyHisSign } from '../his-sign';
import { DEFAULT_SOAP } from '../his-transport';
import { decodeXml, encodeXml, isXmlObject, type XmlFields } from '../xml-codec';
import { createSeedState, type SimLedgerEntry, type SimLedgerSeed, type SimState } from './seed';
import { seedLedgerRow } from './sim-ledger';
import { ensureScheduleWeek } from './seed-catalogue';
import { ledgerEntry, PAY_METHODS, recordRefusal } from './sim-booking';
import { simSignOptions } from './sim-ecard';
import { SimFaults, type SimFault } from './sim-faults';
import { fail, simMethods } from './sim-methods';
import { queueKey } from './seed-reports';
import {
  simPush,
  simPushStopSchedule,
  simReportReady,
  type HisPushDataType,
  type HisPushFields,
  type HisPushFieldsByType,
  type SimPushContext,
  type SimPushOptions,
  type SimPushReply,
  type SimReportReady,
  type SimStopScheduleFields,
  type SimStopScheduleOptions,
} from './sim-push';
import { syncVisits } from './sim-queue';

/**
 * The HIS core as section 4 describes it, over both transports: `POST /{method}` (plain XML) and
 * `POST /soap` (SOAP 1.1). For development, the demo and the adapter's contract tests.
 */

export interface HisSimulatorOptions {
  signKey: string;
  hospitalId: string;
  soapNamespace?: string;
  soapParam?: string;
  /** The simulator's clock (schedules are today + 6 days in Beijing time; same-day registration). */
  now?: () => Date;
  /** rechargeECard's sign covers realName (section 17, the default); false: the revision log's reading. */
  eCardSignsRealName?: boolean;
}

export interface SimCall {
  method: string;
  transport: 'http' | 'soap';
  fields: Record<string, string>;
}

export interface SimListening {
  baseUrl: string;
  /** baseUrl + '/soap': the `his.baseUrl` to configure for the soap transport. */
  soapUrl: string;
  close(): Promise<void>;
}

export interface ReplaceCardPush {
  idCard: string;
  realName: string;
  oldPatientCard: string;
  newPatientCard: string;
}

const MAX_BODY = 1024 * 1024;
const MALFORMED = '<response><result>success</result><message>ok</msg></response>';

type Answer = XmlSimAnswer;

export function createHisSimulator(opts: HisSimulatorOptions) {
  const ns = opts.soapNamespace ?? DEFAULT_SOAP.namespace;
  const param = opts.soapParam ?? DEFAULT_SOAP.param;
  const state: SimState = createSeedState(opts.now);
  const faults = new SimFaults();
  const calls: SimCall[] = [];
  // Every hanging or delayed reply listens on this signal: many at once is normal under load.
  const newClosing = () => {
    const c = new AbortController();
    setMaxListeners(0, c.signal);
    return c;
  };
  let closing = newClosing();
  /** Payment notices being processed, by tradeNo (slow-commit). */
  const processing = new Map<string, Promise<void>>();

  const untilClosing = () => new Promise<void>((resolve) => closing.signal.addEventListener('abort', () => resolve(), { once: true }));

  /**
   * 5.3 / 6.3: "若该笔订单正在处理中，则暂时不返回任何消息，直到订单处理完毕后，再返回订单处理结果".
   * A notice for a tradeNo in processing waits; then the method answers from the ledger.
   */
  async function processOnce(tradeNo: string, fault: SimFault | undefined, run: () => XmlFields): Promise<XmlFields> {
    for (let p = processing.get(tradeNo); p; p = processing.get(tradeNo)) await p;
    if (fault?.kind !== 'slow-commit') return run();
    let done = () => {};
    processing.set(tradeNo, new Promise<void>((resolve) => (done = resolve)));
    try {
      await sleep(fault.delayMs ?? 1000, undefined, { signal: closing.signal }).catch(() => undefined);
      return run();
    } finally {
      processing.delete(tradeNo);
      done();
    }
  }

  /** One call, whatever the transport: faults first, then sign check, then the method. */
  async function answer(method: string, transport: SimCall['transport'], requestXml: string): Promise<Answer> {
    const fields: Record<string, string> = {};
    calls.push({ method, transport, fields });
    try {
      const { value } = decodeXml(requestXml, { maxBytes: MAX_BODY });
      if (isXmlObject(value)) for (const [k, v] of Object.entries(value)) if (typeof v === 'string') fields[k] = v;
    } catch {
      return respond(fail('请求报文格式错误'));
    }
    const fault = faults.take(method);
    const payKind = PAY_METHODS[method];
    // Every payment notice that reaches HIS is counted, answered or not.
    if (payKind && fields.tradeNo) ledgerEntry(state, fields.tradeNo, payKind).attempts += 1;
    if (fault?.kind === 'hang') {
      await untilClosing();
      return { status: 503 };
    }
    if (fault?.kind === 'http500') return { status: 500 };
    if (fault?.kind === 'malformed') return { status: 200, document: MALFORMED };
    if (fault?.kind === 'error') return respond(fail(fault.message ?? '医院系统处理失败'));
    if (fault?.kind === 'delay') await sleep(fault.delayMs ?? 1000, undefined, { signal: closing.signal }).catch(() => undefined);
    const signRule = simSignOptions(method, opts.eCardSignsRealName ?? true);
    if (fields.sign !== undefined && !verifyHisSign(fields, fields.sign, opts.signKey, signRule)) return respond(fail('签名验证失败'));
    const impl = simMethods[method];
    if (!impl) return { status: 404 };
    if (fault?.kind === 'error-refund') return respond(recordRefusal(state, method, fields, fault.message ?? '医院系统处理失败，请退款'));
    const reply = payKind && fields.tradeNo ? await processOnce(fields.tradeNo, fault, () => impl(state, fields)) : impl(state, fields);
    if (fault?.kind === 'commit-then-hang') {
      await untilClosing();
      return { status: 503 };
    }
    if (fault?.kind === 'commit-then-drop') return { status: 0, drop: true };
    if (fault?.kind === 'variant') {
      // Vendors shout the result and add elements nobody documented.
      const result = reply.result === undefined ? undefined : String(reply.result).toUpperCase();
      return respond({ ...reply, result, serverTime: '2024-10-12 10:00:00', extra: { note: 'x' } });
    }
    // 13.2's sample closes <hisPayId> with </HisPayId>: a HIS built from it sends that (not well-formed).
    if (fault?.kind === 'doc-sample-case') return { status: 200, document: encodeXml('response', reply).replace(/<\/hisPayId>/g, '</HisPayId>') };
    return respond(reply);
  }

  const respond = (fields: XmlFields): Answer => ({ status: 200, document: encodeXml('response', fields) });

  const router = xmlSimRouter(answer, { namespace: ns, param }, MAX_BODY);

  const app = new Koa();
  app.use(router.routes()).use(router.allowedMethods());

  async function listen(): Promise<SimListening> {
    closing = newClosing();
    const running = await listenLocal(app);
    return {
      baseUrl: running.baseUrl,
      soapUrl: `${running.baseUrl}/soap`,
      close: async () => {
        closing.abort();
        await running.close();
      },
    };
  }

  /** 4.5: HIS swaps a virtual card for a physical one, then tells us, signed. */
  async function pushReplaceCard(targetUrl: string, push: ReplaceCardPush): Promise<{ status: number; body: string }> {
    const patient = state.patients.get(push.oldPatientCard);
    if (!patient) throw new Error('pushReplaceCard: the simulator has no such card');
    state.patients.delete(push.oldPatientCard);
    state.patients.set(push.newPatientCard, { ...patient, patientCard: push.newPatientCard });
    const fields = { hospitalId: opts.hospitalId, ...push };
    const res = await fetch(targetUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/xml; charset=utf-8' },
      body: encodeHisPush('ReplacePatientCard', fields, opts.signKey),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: await res.text() };
  }

  /** Payment notices as HIS recorded them, for tests. */
  const ledger = {
    /** How many times HIS actually booked this tradeNo: the document says never more than once. */
    bookedCount: (tradeNo: string): number => state.ledger.get(tradeNo)?.booked ?? 0,
    /** How many notices for this tradeNo reached HIS (answered or not). */
    postAttempts: (tradeNo: string): number => state.ledger.get(tradeNo)?.attempts ?? 0,
    entry: (tradeNo: string): Readonly<SimLedgerEntry> | undefined => state.ledger.get(tradeNo),
    /** Test control: a 13.2 row HIS holds that no notice of ours made ("in HIS only", "refunded in HIS only"). */
    seedRow: (row: SimLedgerSeed): void => seedLedgerRow(state, row),
  };

  /** Marks a schedule stopped (status 0): locks answer `close`, unpaid locks can no longer be paid. */
  function stopSchedule(scheduleId: string): void {
    ensureScheduleWeek(state);
    const s = state.schedules.get(scheduleId);
    if (!s) throw new Error(`stopSchedule: the simulator has no schedule ${scheduleId}`);
    s.status = '0';
  }

  const pushContext: SimPushContext = { signKey: opts.signKey, hospitalId: opts.hospitalId, state };

  /** 16.1–16.8: one pushHisData callback to `targetUrl` (…/his/pushHisData), signed as the options say. */
  function push<T extends HisPushDataType>(targetUrl: string, dataType: T, fields: HisPushFields<T>, pushOpts?: SimPushOptions): Promise<SimPushReply> {
    return simPush(pushContext, targetUrl, dataType, fields, pushOpts);
  }

  /** The 16.9 fields of a schedule the simulator holds (to push its stop). */
  function stopScheduleFields(scheduleId: string): SimStopScheduleFields {
    ensureScheduleWeek(state);
    const s = state.schedules.get(scheduleId);
    if (!s) throw new Error(`stopScheduleFields: the simulator has no schedule ${scheduleId}`);
    return {
      scheduleId,
      clinicDate: s.clinicDate,
      clinicTime: s.clinicTime,
      timeQuantum: s.clinicTimeQuantum,
      departmentCode: s.departmentCode,
      doctorCode: s.doctorCode || undefined,
    };
  }

  /**
   * 16.9: HIS stops a clinic and tells us (JSON, signed). A schedule the simulator holds is marked
   * stopped first; an unknown scheduleId is pushed all the same (to test how the receiver copes).
   */
  function pushStopSchedule(targetUrl: string, fields: SimStopScheduleFields, pushOpts?: SimStopScheduleOptions): Promise<SimPushReply> {
    ensureScheduleWeek(state);
    const s = state.schedules.get(fields.scheduleId);
    if (s) s.status = '0';
    return simPushStopSchedule(pushContext, targetUrl, fields, pushOpts);
  }

  /** A finished report appears in HIS; answers the pushReportFinish fields to send about it. */
  function reportReady(cardNo: string, report?: SimReportReady): HisPushFieldsByType['pushReportFinish'] {
    return simReportReady(pushContext, cardNo, report);
  }

  /** Calls the next `by` numbers of a queue (department ordinary clinic, or one doctor's). */
  function advanceQueue(departmentCode: string, doctorCode?: string | null, by = 1): { nowServing: number; waiting: number } {
    const q = state.queues.get(queueKey(departmentCode, doctorCode ?? ''));
    if (!q) throw new Error(`advanceQueue: the simulator has no queue ${departmentCode}/${doctorCode ?? ''}`);
    q.nowServing += by;
    q.waiting = Math.max(0, q.waiting - by);
    return { nowServing: q.nowServing, waiting: q.waiting };
  }

  /** Sets a queue's figures outright (a new queue is made when there is none). */
  function setQueue(departmentCode: string, doctorCode: string | null, nowServing: number, waiting: number): void {
    state.queues.set(queueKey(departmentCode, doctorCode ?? ''), { departmentCode, doctorCode: doctorCode ?? '', nowServing, waiting });
  }

  /** The doctor has seen the patient of this registration (15.3 status 1). */
  function finishVisit(registerId: string): void {
    syncVisits(state);
    const v = state.visits.get(registerId);
    if (!v) throw new Error(`finishVisit: the simulator has no registration ${registerId}`);
    v.status = '1';
  }

  return {
    app,
    state,
    faults,
    calls,
    ledger,
    listen,
    pushReplaceCard,
    stopSchedule,
    push,
    pushStopSchedule,
    stopScheduleFields,
    reportReady,
    advanceQueue,
    setQueue,
    finishVisit,
  };
}


export type HisSimulator = ReturnType<typeof createHisSimulator>;

