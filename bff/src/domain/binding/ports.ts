/**
 * Sending the one-time code that proves a card is the patient's. Implemented by the SMS adapter.
 * Failures are AppErrors: RATE_LIMITED when the SMS platform's own flow control refuses this phone,
 * UPSTREAM_UNAVAILABLE for anything else (outage, bad reply, our configuration).
 */
export interface SmsSender {
  sendCode(phone: string, code: string): Promise<void>;
}
