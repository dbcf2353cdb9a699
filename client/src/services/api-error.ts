import type { ErrorCode } from '@hosp/shared';

/** Codes the client itself produces when there is no usable server answer. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export interface FieldError {
  path: string;
  message: string;
}

/** Every failed `call` rejects with this: a typed code, the server's text and request id. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number,
    readonly requestId?: string,
    readonly fields: FieldError[] = [],
    /** What the patient can follow, e.g. the tradeNo of the booking that already exists. */
    readonly ref?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
