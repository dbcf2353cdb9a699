/**
 * The closed set of error codes the BFF answers with. Each code fixes its HTTP status and whether
 * its message may be shown to a patient (`expose`); the client maps codes to Chinese messages.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, expose: true },
  BODY_TOO_LARGE: { status: 413, expose: true },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, expose: true },
  UNAUTHENTICATED: { status: 401, expose: true },
  SESSION_EXPIRED: { status: 401, expose: true },
  FORBIDDEN: { status: 403, expose: true },
  NOT_FOUND: { status: 404, expose: true },
  RATE_LIMITED: { status: 429, expose: true },
  LOGIN_FAILED: { status: 401, expose: true },
  PATIENT_LIMIT_REACHED: { status: 409, expose: true },
  PATIENT_ALREADY_BOUND: { status: 409, expose: true },
  PATIENT_MISMATCH: { status: 422, expose: true },
  CARD_NOT_FOUND: { status: 422, expose: true },
  GUARDIAN_REQUIRED: { status: 422, expose: true },
  INPATIENT_NOT_FOUND: { status: 422, expose: true },
  HIS_REJECTED: { status: 422, expose: true },
  HIS_UNAVAILABLE: { status: 503, expose: true },
  HIS_BAD_REPLY: { status: 502, expose: true },
  UPSTREAM_UNAVAILABLE: { status: 503, expose: true },
  SIGNATURE_INVALID: { status: 401, expose: false },
  CONFLICT: { status: 409, expose: true },
  SCHEDULE_STOPPED: { status: 409, expose: true },
  SCHEDULE_FULL: { status: 409, expose: true },
  NO_SCHEDULE: { status: 409, expose: true },
  CARD_INVALID: { status: 422, expose: true },
  CARD_LOST: { status: 422, expose: true },
  BOOKING_FAILED: { status: 422, expose: true },
  ORDER_EXPIRED: { status: 409, expose: true },
  DUPLICATE_BOOKING: { status: 409, expose: true },
  TOO_MANY_UNPAID: { status: 409, expose: true },
  BOOKING_IN_PROGRESS: { status: 409, expose: true },
  BOOKING_UNCERTAIN: { status: 409, expose: true },
  HIS_PATIENT_ID_MISSING: { status: 422, expose: true },
  PAYMENT_UNAVAILABLE: { status: 503, expose: true },
  // Binding proof and consent (issue 9)
  CONSENT_REQUIRED: { status: 403, expose: true },
  PROOF_NOT_ACCEPTED: { status: 422, expose: true },
  PHONE_MISMATCH: { status: 422, expose: true },
  PHONE_NOT_ON_FILE: { status: 422, expose: true },
  CODE_INVALID: { status: 422, expose: true },
  CODE_EXPIRED: { status: 422, expose: true },
  PRESCRIPTIONS_CHANGED: { status: 409, expose: true },
  PRESCRIPTION_IN_ORDER: { status: 409, expose: true },
  RECHARGE_AMOUNT_INVALID: { status: 422, expose: true },
  RECHARGE_DAILY_LIMIT: { status: 409, expose: true },
  // Outpatient fees paid from the one-card balance (payType eCardPay)
  ECARD_PAY_DISABLED: { status: 403, expose: true },
  ECARD_PAY_REFUSED: { status: 422, expose: true },
  INTERNAL: { status: 500, expose: false },
} as const satisfies Record<string, { status: number; expose: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** An error anywhere in the BFF that carries one of the codes. `detail` is for logs only. */
export class AppError extends Error {
  readonly status: number;
  readonly expose: boolean;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly detail?: Record<string, unknown>,
    /** What the patient may follow from the error, e.g. the tradeNo of the booking that already exists. */
    readonly ref?: string,
  ) {
    super(message ?? code);
    this.name = 'AppError';
    this.status = ERROR_CODES[code].status;
    this.expose = ERROR_CODES[code].expose;
  }
}
