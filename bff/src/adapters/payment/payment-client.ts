import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordPlatformCall } from '../../metrics/call-metrics';
import { decodeUtf8Strict, isAbortError, readCappedBody } from '../shared/capped-body';
import { formatCompact as formatBeijingTime } from '../../domain/time';
import { verifyEnvelope, withSign } from './payment-sign';

/**
 * One signed JSON exchange with the payment platform: `POST {serverAddr}` with
 * `{transType, param, appId, timestamp, nonce, sign}` → `{respCode, respMsg, param, sign?}`.
 * Anything that is not a well-formed, correctly signed reply is a PaymentTransportError; what a
 * failure means for money (unknown / pending / unavailable) is decided by the adapter.
 */

export type TransportFailureKind = 'timeout' | 'network' | 'http-status' | 'too-large' | 'malformed' | 'bad-sign';

export class PaymentTransportError extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    readonly transType: string,
    readonly detail?: string,
  ) {
    super(`payment platform ${transType}: ${kind}${detail ? ` (${detail})` : ''}`);
    this.name = 'PaymentTransportError';
  }
}

export interface PlatformReply {
  respCode: string;
  respMsg: string;
  /** The reply's `param`, always an object (absent / null / "" become {}). */
  param: Record<string, unknown>;
}

export interface PaymentClientOptions {
  serverAddr: string;
  appId: string;
  appSecret: string;
  timeoutMs: number;
  /** Real replies are a few hundred bytes; default 64 KiB. */
  maxReplyBytes?: number;
  now?: () => Date;
}

const codeText = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v).padStart(6, '0') : v.trim()));

// Unknown top-level fields are ignored (after the sign check, which covers them all).
const replySchema = z.object({
  respCode: codeText.pipe(z.string().min(1).max(32)),
  respMsg: z.union([z.string(), z.number()]).nullish().transform((v) => (v == null ? '' : String(v))),
  param: z.unknown().optional(),
});

export class PaymentClient {
  private readonly maxReplyBytes: number;
  private readonly now: () => Date;

  constructor(private readonly opts: PaymentClientOptions) {
    this.maxReplyBytes = opts.maxReplyBytes ?? 64 * 1024;
    this.now = opts.now ?? (() => new Date());
  }

  async call(transType: string, param: Record<string, unknown>): Promise<PlatformReply> {
    const envelope = withSign(
      { transType, param, appId: this.opts.appId, timestamp: formatBeijingTime(this.now()), nonce: randomBytes(16).toString('hex') },
      this.opts.appSecret,
    );
    const started = performance.now();
    let outcome = 'error';
    try {
      const reply = this.decode(transType, await this.post(transType, JSON.stringify(envelope)));
      outcome = reply.respCode;
      return reply;
    } catch (err) {
      if (err instanceof PaymentTransportError) outcome = err.kind;
      throw err;
    } finally {
      recordPlatformCall('payment', transType, outcome, (performance.now() - started) / 1000);
    }
  }

  private async post(transType: string, body: string): Promise<string> {
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    let res: Response;
    try {
      res = await fetch(this.opts.serverAddr, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
        body,
        signal,
        redirect: 'error',
      });
    } catch (err) {
      throw new PaymentTransportError(failureOf(err), transType);
    }
    if (res.status < 200 || res.status > 299) {
      await res.body?.cancel().catch(() => undefined);
      throw new PaymentTransportError('http-status', transType, String(res.status));
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > this.maxReplyBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new PaymentTransportError('too-large', transType, String(declared));
    }
    return this.readCapped(transType, res);
  }

  private async readCapped(transType: string, res: Response): Promise<string> {
    if (!res.body) return '';
    let bytes: Buffer | null;
    try {
      bytes = await readCappedBody(res.body, this.maxReplyBytes);
    } catch (err) {
      throw new PaymentTransportError(failureOf(err), transType);
    }
    if (bytes === null) throw new PaymentTransportError('too-large', transType);
    try {
      return decodeUtf8Strict(bytes);
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw new PaymentTransportError('malformed', transType, 'not utf-8');
      throw new PaymentTransportError(failureOf(err), transType);
    }
  }

  private decode(transType: string, text: string): PlatformReply {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new PaymentTransportError('malformed', transType, 'not json');
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new PaymentTransportError('malformed', transType, 'not an object');
    }
    // A signed reply must verify; unsigned replies are accepted (the document does not sign them).
    const sign = (raw as Record<string, unknown>).sign;
    if (sign !== undefined && sign !== null && sign !== '' && !verifyEnvelope(raw as Record<string, unknown>, this.opts.appSecret)) {
      throw new PaymentTransportError('bad-sign', transType);
    }
    const parsed = replySchema.safeParse(raw);
    if (!parsed.success) throw new PaymentTransportError('malformed', transType, 'shape');
    const param = paramObject(parsed.data.param);
    if (!param) throw new PaymentTransportError('malformed', transType, 'param');
    return { respCode: parsed.data.respCode, respMsg: parsed.data.respMsg, param };
  }
}

/** `param` may be an object, a JSON string of one (some gateways double-encode), or empty. */
export function paramObject(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null || value === '') return {};
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  if (v === null) return {};
  return typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function failureOf(err: unknown): TransportFailureKind {
  return isAbortError(err) ? 'timeout' : 'network';
}
