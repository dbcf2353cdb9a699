import pino, { type Logger } from 'pino';
import { currentRequestId } from './request-scope';

export type { Logger };

/** Keys whose values never reach a log line, at any depth. */
const SECRET_KEYS = new Set(
  [
    'authorization', 'cookie', 'token', 'accesstoken', 'access_token', 'refreshtoken', 'sessionkey', 'session_key',
    'secret', 'appsecret', 'signkey', 'fieldkey', 'privatekey', 'privatekeypem', 'password', 'sign', 'ticket', 'code',
    'openid', 'open_id', 'unionid', 'subject', 'idcard', 'id_card', 'idnumber', 'id_number', 'phone', 'mobile', 'realname', 'real_name',
  ],
);
// ID numbers (18 chars, X allowed) and mainland mobiles anywhere inside a string.
const ID_RE = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const PHONE_RE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export function scrubString(s: string): string {
  return s.replace(ID_RE, '$1********$2').replace(PHONE_RE, '$1****$2');
}

export function scrub(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[depth]';
  if (typeof value === 'string') return scrubString(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value && typeof value === 'object') {
    if (value instanceof Error) {
      return { type: value.name, message: scrubString(value.message), stack: value.stack ? scrubString(value.stack) : undefined };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEYS.has(k.toLowerCase()) ? '[redacted]' : scrub(v, depth + 1);
    }
    return out;
  }
  return value;
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
