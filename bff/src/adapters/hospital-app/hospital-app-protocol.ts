/**
 * Constants and signing for the hospital app ticket exchange. The specification itself is the
 * comment at the top of hospital-app-provider.ts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TICKET_EXCHANGE_PATH = '/api/ticket/exchange';
export const TICKET_RE = /^[A-Za-z0-9._~-]{1,256}$/;
export const APP_KEY_RE = /^[A-Za-z0-9_.-]{1,64}$/;
export const NONCE_RE = /^[A-Za-z0-9]{16,64}$/;
export const TIMESTAMP_WINDOW_S = 5 * 60;

export const HOSPITAL_APP_CODES = {
  OK: 0,
  BAD_REQUEST: 40000,
  TICKET_INVALID: 40001,
  UNKNOWN_APP: 40100,
  BAD_SIGN: 40101,
  BAD_TIMESTAMP: 40102,
  NONCE_REUSED: 40103,
  BUSY: 50000,
} as const;

export interface TicketExchangeRequest {
  appKey: string;
  ticket: string;
  timestamp: number;
  nonce: string;
  sign: string;
}

export function ticketSign(appSecret: string, req: Omit<TicketExchangeRequest, 'sign'>): string {
  return createHmac('sha256', appSecret)
    .update(`${req.appKey}&${req.nonce}&${req.ticket}&${req.timestamp}`, 'utf8')
    .digest('hex');
}

/** Constant-time comparison of a received hex signature with the expected one. */
export function ticketSignMatches(appSecret: string, req: TicketExchangeRequest): boolean {
  const expected = Buffer.from(ticketSign(appSecret, req), 'utf8');
  const given = Buffer.from(req.sign, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
