import { ApiError } from '../../services/api-error';
import { errorMessage } from '../../services/error-messages';

/** Deposit refusals the BFF words for the patient (a refund already running, the most that can go back, a blocked account). */
const OWN_WORDS = new Set(['CONFLICT', 'CARD_INVALID', 'VALIDATION_FAILED']);

export function depositError(e: unknown): string {
  if (e instanceof ApiError && OWN_WORDS.has(e.code) && /[\u4e00-\u9fa5]/.test(e.message)) return e.message;
  return errorMessage(e);
}
