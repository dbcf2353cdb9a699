import pino, { type Logger } from 'pino';
import { isErrorCode, maskName, personNameKeys } from '@hosp/shared';
import { currentRequestId } from './request-scope';

export type { Logger };

/** Keys whose values never reach a log line, at any depth. */
const SECRET_KEYS = new Set(
  [
    'authorization', 'cookie', 'token', 'accesstoken', 'access_token', 'refreshtoken', 'sessionkey', 'session_key',
    'secret', 'appsecret', 'signkey', 'fieldkey', 'privatekey', 'privatekeypem', 'password', 'sign', 'ticket', 'authcode', 'auth_code', 'js_code',
    'openid', 'open_id', 'unionid', 'subject', 'idcard', 'id_card', 'idnumber', 'id_number', 'idno', 'id_no', 'phone', 'mobile',
  ],
);
/**
 * Person names: the keys the contract marks (personName) plus the vendors' own words for them.
 * Masked as 张* rather than hidden, so a log line still tells one person from another.
 */
const VENDOR_NAME_KEYS = ['real_name', 'realname', 'username', 'user_name', 'patientname', 'patient_name', 'custname', 'cust_name', 'payername', 'payer_name', 'cardholder'];
let nameKeys: Set<string> | undefined;
function isNameKey(key: string): boolean {
  nameKeys ??= new Set([...VENDOR_NAME_KEYS, ...[...personNameKeys()].map((k) => k.toLowerCase())]);
  return nameKeys.has(key.toLowerCase());
}
/**
 * `code` is an error code (VALIDATION_FAILED, a vendor's 040040) in most lines, and a one-time
 * login code in a few: shown only when it looks like the former.
 */
function isErrorCodeLike(value: unknown): boolean {
  return typeof value === 'string' && (isErrorCode(value) || /^\d{1,8}$/.test(value) || /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value) || /^[A-Z]{2,20}$/.test(value));
}

// ID numbers: 18 characters (last may be X) and the old 15 digits, anywhere inside a string.
const ID18_RE = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const ID15_RE = /(?<![0-9A-Za-z])(\d{6})\d{6}(\d{3})(?![0-9A-Za-z])/g;
// Mainland mobiles, also written +86 / 0086 / 86 in front and with spaces or dashes inside.
const PHONE_RE = /(?<![\d+])((?:\+|00)?86[\s-]?)?(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g;

export function scrubString(s: string): string {
  return s
    .replace(ID18_RE, '$1********$2')
    .replace(PHONE_RE, (_m, prefix: string | undefined, head: string, tail: string) => `${prefix ?? ''}${head}****${tail}`)
    .replace(ID15_RE, '$1******$2');
}

export function scrub(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[depth]';
  if (typeof value === 'string') return scrubString(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value && typeof value === 'object') {
    if (value instanceof Error) {
      return { type: value.name, message: scrubString(value.message), stack: value.stack ? scrubString(value.stack) : undefined, ...errorCode(value) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = k.toLowerCase();
      if (SECRET_KEYS.has(key)) out[k] = '[redacted]';
      else if (key === 'code') out[k] = isErrorCodeLike(v) || typeof v === 'number' ? v : '[redacted]';
      else if (isNameKey(k) && typeof v === 'string') out[k] = maskName(v);
      else out[k] = scrub(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** An AppError's code (and a Node error's code, e.g. ECONNREFUSED) stays visible on the error itself. */
function errorCode(err: Error): { code?: unknown } {
  const code = (err as { code?: unknown }).code;
  return isErrorCodeLike(code) ? { code } : {};
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'bff' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        // Messages are scrubbed too: an ID number interpolated into a message is still masked.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubString(a) : a)) as typeof args;
          return method.apply(this, scrubbed);
        },
      },
    },
    destination,
  );
}
