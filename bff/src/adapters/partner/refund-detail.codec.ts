import { z } from 'zod';
import type { PartnerRefusal, PartnerRequest, PartnerRequestProblem } from '../../domain/partners/partner-request';
import { verifyPartnerSign } from './partner-sign';

/** The request table of refund-order-detail-openapi.txt: every field required. */
export const REQUEST_FIELDS = ['timestamp', 'sign', 'access_token', 'employee_id', 'employee_type', 'data'] as const;

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\ufffd]/;
const Data = z.object({ refund_order_id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

const unreadable = (problem: PartnerRequestProblem): PartnerRequest => ({ accessToken: null, employeeId: null, refundOrderId: null, timestampMs: null, problem, signedWith: () => false });

/** The form fields, each once, as UTF-8 text without control characters; null if the body is not that. */
export function readForm(raw: Buffer): Record<string, string> | null {
  // Bytes that are not UTF-8 (raw or percent-encoded) read as U+FFFD, which UNSAFE refuses.
  const text = raw.toString('utf8');
  const fields: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    if (Object.prototype.hasOwnProperty.call(fields, k) || UNSAFE.test(k) || UNSAFE.test(v) || k === '__proto__') return null;
    fields[k] = v;
  }
  return fields;
}

/**
 * Reads the document's form into the domain's request. The first problem found is kept, in the
 * order: missing field, then timestamp, employee_type, data. The signature is checked by the caller
 * once it knows whose secret applies; refund_order_id is kept (for the audit) whenever data reads.
 */
export function readPartnerRequest(raw: Buffer): PartnerRequest {
  const fields = readForm(raw);
  if (!fields) return unreadable('malformed-form');
  const get = (k: string) => (fields[k] === undefined || fields[k].trim() === '' ? null : fields[k]);
  let problem: PartnerRequestProblem | null = REQUEST_FIELDS.some((k) => get(k) === null) ? 'missing-field' : null;
  const ts = get('timestamp');
  const timestampMs = ts !== null && /^\d{13}$/.test(ts) ? Number(ts) : null;
  if (!problem && timestampMs === null) problem = 'malformed-timestamp';
  if (!problem && !['0', '1'].includes(fields.employee_type!)) problem = 'malformed-field';
  if (!problem && (get('employee_id')!.length > 64)) problem = 'malformed-field';
  let refundOrderId: string | null = null;
  const data = get('data');
  if (data !== null) {
    try {
      const parsed = Data.safeParse(JSON.parse(data));
      if (parsed.success) refundOrderId = parsed.data.refund_order_id;
    } catch {
      /* not JSON: told below */
    }
  }
  if (!problem && refundOrderId === null) problem = 'malformed-data';
  return {
    accessToken: get('access_token'),
    employeeId: get('employee_id'),
    refundOrderId,
    timestampMs,
    problem,
    signedWith: (secret) => verifyPartnerSign(fields, secret),
  };
}

/** What the caller is told for each refusal: an unknown order and another partner's read the same. */
const MESSAGES: Record<PartnerRefusal, string> = {
  'malformed-form': 'invalid request: not a form',
  'missing-field': 'invalid request: missing field',
  'malformed-timestamp': 'invalid timestamp',
  'malformed-field': 'invalid request: employee_id or employee_type',
  'malformed-data': 'invalid data',
  'unknown-token': 'invalid access_token',
  'rate-limited': 'too many requests',
  'bad-sign': 'invalid sign',
  'stale-timestamp': 'timestamp outside the allowed window',
  'operator-not-allowed': 'employee not allowed',
  'not-found': 'refund order not found',
  'not-entitled': 'refund order not found',
  'too-large': 'request too large',
  'content-type': 'unsupported content type',
  'address-rate-limited': 'too many requests',
  'address-not-allowed': 'address not allowed',
  internal: 'internal error, please retry',
};

/** A failure in the document's shape: code 1, a message, no data. */
export function refusalReply(reason: PartnerRefusal, requestId: string): { code: 1; msg: string; request_id: string } {
  return { code: 1, msg: MESSAGES[reason], request_id: requestId };
}
