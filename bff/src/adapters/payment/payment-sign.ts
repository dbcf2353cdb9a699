import { hisSign, verifyHisSign, type SignParams } from '../his/his-sign';

/**
 * The platform signs its JSON envelope with the HIS section 17 MD5 rule: every top-level field but
 * `sign` (objects as their compact JSON text), sorted by name, `&key=APP_SECRET`, MD5, uppercase.
 * Only `sign` is excluded — unlike HIS, `realName` is not special here (it never sits top-level).
 */
const PAYMENT_SIGN_OPTIONS = { exclude: ['sign'] } as const;

export type Envelope = Record<string, unknown>;

/**
 * Top-level fields as section 17 strings. A `param` that arrived as a JSON string is signed as
 * sent; an object is signed as JSON.stringify of it (the text we put on the wire, byte for byte).
 */
export function envelopeSignFields(envelope: Envelope): SignParams {
  const out: SignParams = {};
  for (const [k, v] of Object.entries(envelope)) {
    if (k === 'sign' || v === null || v === undefined) continue;
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
    else if (typeof v === 'boolean') out[k] = String(v);
    else out[k] = JSON.stringify(v);
  }
  return out;
}

export function signEnvelope(envelope: Envelope, appSecret: string): string {
  return hisSign(envelopeSignFields(envelope), appSecret, PAYMENT_SIGN_OPTIONS);
}

/** Returns a copy of the envelope with its `sign` set. */
export function withSign<T extends Envelope>(envelope: T, appSecret: string): T & { sign: string } {
  const { sign: _drop, ...rest } = envelope as Envelope;
  return { ...(rest as T), sign: signEnvelope(rest, appSecret) };
}

/** Constant-time check of `envelope.sign`; a missing or empty sign is a failure. */
export function verifyEnvelope(envelope: Envelope, appSecret: string): boolean {
  const sign = envelope.sign;
  if (typeof sign !== 'string') return false;
  return verifyHisSign(envelopeSignFields(envelope), sign, appSecret, PAYMENT_SIGN_OPTIONS);
}

/**
 * The body of a signed request (raw text, Buffer or already-parsed JSON) as an envelope object.
 * Notices and pushes arrive the same way but refuse with their own errors, hence `reject`.
 */
export function jsonEnvelope(body: unknown, reject: (why: 'not json' | 'not an object') => Error): Envelope {
  let value = body;
  if (Buffer.isBuffer(value)) value = value.toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw reject('not json');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw reject('not an object');
  return value as Envelope;
}
