/**
 * The payment platform's push messages (推送类接口 and the two mmpay pushes), received in the same
 * signed envelope as payment notices: `{transType, param, appId, timestamp, nonce, sign}`.
 *
 * `parsePlatformPush` checks, in this order, and refuses with a PlatformPushError (an AppError):
 *   1. the body is a JSON object                          else 'malformed'     VALIDATION_FAILED
 *   2. `sign` verifies with the app secret                 else 'bad-sign'      SIGNATURE_INVALID
 *   3. `appId` is ours (when opts.appId is given)           else 'wrong-app'     SIGNATURE_INVALID
 *   4. `timestamp` (yyyyMMddHHmmss Beijing) is within ±maxSkewMs of now (default 5 min)
 *                                                          else 'stale'         SIGNATURE_INVALID
 *   5. `nonce` is present (1–64 printable ASCII)           else 'no-nonce'      SIGNATURE_INVALID
 *   6. `transType` is one of the seven we know              else 'unknown-type'  VALIDATION_FAILED
 *   7. `param` holds every field its table marks 可空=N, with readable money/dates
 *                                                          else 'invalid'       VALIDATION_FAILED,
 *                                                               detail.field names the field
 * and returns the message in domain words. Refusing a repeated nonce is the caller's job (it has
 * the store): keep nonces for at least 2 × maxSkewMs. `dedupeKey` is stable across re-sends of one
 * message (new nonce/timestamp, same content), so a pushed notice sent twice shows once.
 *
 * This file is the entry: checks 1–5 are in payment-push.envelope.ts, the field tables (7) in
 * payment-push.{inpatient,outpatient}.map.ts; the platform's field names stay in those files and
 * `lines` carry Chinese labels and masked values.
 */
import { paramObject } from './payment-client';
import { openPushEnvelope } from './payment-push.envelope';
import { PlatformPushError } from './payment-push.errors';
import { Fields, type PushBuilder } from './payment-push.fields';
import { INPATIENT_BUILDERS } from './payment-push.inpatient.map';
import { OUTPATIENT_BUILDERS } from './payment-push.outpatient.map';
import type { ParsePushOptions, PlatformPush, PushTransType } from './payment-push.types';

export { DEFAULT_PUSH_MAX_SKEW_MS } from './payment-push.envelope';
export { PUSH_ACK, PUSH_NONCE_REUSED, PlatformPushError, pushErrorReply, pushErrorStatus, pushFieldInvalid } from './payment-push.errors';
export { PUSH_TRANS } from './payment-push.types';
export type {
  InpatientStay, ParsePushOptions, PlatformPush, PlatformPushKind, PrescriptionRef, PushPatient, PushRejectReason, PushTransType, SettlementKind,
} from './payment-push.types';

// Typed as the full record so a transType added to PUSH_TRANS without a builder fails to compile.
const BUILDERS: Record<PushTransType, PushBuilder> = { ...INPATIENT_BUILDERS, ...OUTPATIENT_BUILDERS };

export function parsePlatformPush(body: unknown, appSecret: string, opts: ParsePushOptions = {}): PlatformPush {
  const { transType: rawType, param: rawParam, nonce, sentAt } = openPushEnvelope(body, appSecret, opts);
  const transType = typeof rawType === 'string' ? rawType.trim() : '';
  // Own keys only: a signed 'constructor' or 'toString' must not reach Object.prototype.
  const build = Object.hasOwn(BUILDERS, transType) ? BUILDERS[transType as PushTransType] : undefined;
  if (!build) throw new PlatformPushError('unknown-type', 'transType');
  const param = paramObject(rawParam);
  if (!param || Object.keys(param).length === 0) throw new PlatformPushError('invalid', 'param');
  return build(new Fields(param), { transType: transType as PushTransType, nonce, sentAt });
}
