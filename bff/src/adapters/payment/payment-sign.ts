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
