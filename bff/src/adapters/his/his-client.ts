import { AppError } from '@hosp/shared';
import { hisBadReply, hisRejected } from '../../domain/his-errors';
import { recordHisCall } from '../../metrics/call-metrics';
import { hisSign, type SignOptions } from './his-sign';
import { createHisTransport, type HisTransport, type HisTransportOptions } from './his-transport';
import { childCi, decodeXml, encodeXml, isXmlObject, XmlDecodeError, type XmlObject, type XmlValue } from './xml-codec';

/** Only what is safe to log: method, duration, outcome. Never fields (ID numbers, phones, names). */
export interface HisCallLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface HisClientOptions {
  transport: HisTransport;
  signKey: string;
  maxReplyBytes: number;
  logger?: HisCallLogger;
}

export interface HisReply {
  /** `result` as HIS wrote it (success, SUCCESS…). */
  result: string;
  message: string;
  /** The children of `<response>`; vendor field names, read by the adapters in this folder. */
  body: XmlObject;
}

export interface HisCallOptions {
  /** Result codes other than success that a method defines and its adapter wants to see (e.g. invalid_card). */
  passResults?: readonly string[];
  /**
   * The method's documented reply may carry no `result` at all (12.1 findQueueUp's sample): a reply
   * without one is then answered with result '' instead of HIS_BAD_REPLY. The adapter must check
   * that the fields it needs are there.
   */
  resultOptional?: boolean;
  /** Which fields the section 17 sign leaves out, where a method differs from the default (11.2 realName). */
  sign?: SignOptions;
  /**
   * A named repair of the reply text before it is parsed, for a method whose own document shows a
   * reply that is not well-formed XML (13.2's `<hisPayId>…</HisPayId>`). Applied to that method only.
   */
  repairReply?: (xml: string) => string;
}

export type HisRequestFields = Record<string, string | undefined>;

/** Signs, sends, decodes and checks `result` for one HIS core (section 4–16 XML) call. */
export class HisClient {
  constructor(private readonly opts: HisClientOptions) {}

  async call(method: string, fields: HisRequestFields, callOpts: HisCallOptions = {}): Promise<HisReply> {
    const started = performance.now();
    let outcome = 'ok';
    try {
      const present: Record<string, string> = {};
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) present[k] = v;
      const requestXml = encodeXml('request', { ...present, sign: hisSign(present, this.opts.signKey, callOpts.sign) });
      const raw = await this.opts.transport.call(method, requestXml);
      const replyXml = callOpts.repairReply ? callOpts.repairReply(raw) : raw;
      return this.check(method, replyXml, callOpts);
    } catch (err) {
      outcome = err instanceof AppError ? err.code : 'INTERNAL';
      throw err;
    } finally {
      const elapsed = performance.now() - started;
      recordHisCall(method, outcome, elapsed / 1000);
      const entry = { his: method, durationMs: Math.round(elapsed), outcome };
      if (outcome === 'ok') this.opts.logger?.info(entry, 'his call');
      else this.opts.logger?.warn(entry, 'his call failed');
    }
  }

  private check(method: string, replyXml: string, callOpts: HisCallOptions): HisReply {
    let root: string;
    let value: XmlValue;
    try {
      ({ root, value } = decodeXml(replyXml, { maxBytes: this.opts.maxReplyBytes }));
    } catch (err) {
      if (err instanceof XmlDecodeError) throw hisBadReply(method, `xml ${err.reason}`);
      throw err;
    }
    if (root.toLowerCase() !== 'response') throw hisBadReply(method, `unexpected root <${root}>`);
    const body: XmlObject = isXmlObject(value) ? value : {};
    const top = readResult(body);
    // Some replies (4.4) repeat result/message inside <data>; others put them only there.
    const data = firstObject(childCi(body, 'data'));
    const inner = data ? readResult(data) : undefined;
    const result = top?.result ?? inner?.result;
    if (result === undefined) {
      if (callOpts.resultOptional) return { result: '', message: '', body };
      throw hisBadReply(method, 'reply without result');
    }
    const message = top?.message || inner?.message || '';
    const pass = (r: string) => r.toLowerCase() === 'success' || !!callOpts.passResults?.some((p) => p.toLowerCase() === r.toLowerCase());
    const refused = [top, inner].find((r) => r !== undefined && !pass(r.result));
    if (refused) throw hisRejected(method, refused.message || message);
    return { result, message, body };
  }
}

function readResult(obj: XmlObject): { result: string; message: string } | undefined {
  const result = childCi(obj, 'result');
  if (typeof result !== 'string' || result === '') return undefined;
  const message = childCi(obj, 'message');
  return { result, message: typeof message === 'string' ? message : '' };
}

/** `<data>` once is an object, several times an array: the first object either way. */
export function firstObject(v: XmlValue | undefined): XmlObject | undefined {
  if (isXmlObject(v)) return v;
  if (Array.isArray(v)) return v.find(isXmlObject);
  return undefined;
}

export interface HisClientConfig extends HisTransportOptions {
  signKey: string;
}

/** Builds the client from the `his` config block (with the simulator's URL in sim mode). */
export function createHisClient(config: HisClientConfig, logger?: HisCallLogger): HisClient {
  return new HisClient({ transport: createHisTransport(config), signKey: config.signKey, maxReplyBytes: config.maxReplyBytes, logger });
}
