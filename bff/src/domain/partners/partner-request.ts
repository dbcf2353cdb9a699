/**
 * A partner's request as the domain sees it, read by the partner adapter from the document's form.
 * What could not be read is named in `problem`; the workflow decides the order in which problems
 * are told (nothing before the caller is known and its signature checked).
 */
export interface PartnerRequest {
  accessToken: string | null;
  employeeId: string | null;
  refundOrderId: string | null;
  /** The request's own time (epoch ms), when it is a well-formed 13-digit timestamp. */
  timestampMs: number | null;
  problem: PartnerRequestProblem | null;
  /** Whether the request carries a valid signature made with this secret. */
  signedWith(secret: string): boolean;
}

export type PartnerRequestProblem = 'malformed-form' | 'missing-field' | 'malformed-timestamp' | 'malformed-field' | 'malformed-data';

/** Why a call was refused: the audit row's reason. Closed, so no caller text reaches the audit. */
export type PartnerRefusal =
  | PartnerRequestProblem
  | 'unknown-token'
  | 'rate-limited'
  | 'bad-sign'
  | 'stale-timestamp'
  | 'operator-not-allowed'
  | 'not-found'
  | 'not-entitled'
  // Refused before the request was read: size, media type, the per-address rate, or our own failure.
  | 'too-large'
  | 'content-type'
  | 'address-rate-limited'
  | 'address-not-allowed'
  | 'internal';
