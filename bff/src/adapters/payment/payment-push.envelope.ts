/**
 * Checks 1–5 of a push (see payment-push.codec.ts): the envelope is JSON, signed by us, for our
 * app, recent, and carries a nonce. Nothing in `param` is read until these pass.
 */
import { parseCompact as parseBeijingTime } from '../../domain/time';
import { PlatformPushError } from './payment-push.errors';
import type { ParsePushOptions } from './payment-push.types';
import { jsonEnvelope, verifyEnvelope } from './payment-sign';

export const DEFAULT_PUSH_MAX_SKEW_MS = 5 * 60_000;

/** A verified envelope; transType and param are still unchecked. */
export interface OpenedPush {
  transType: unknown;
  param: unknown;
  nonce: string;
  sentAt: Date;
}

export function openPushEnvelope(body: unknown, appSecret: string, opts: ParsePushOptions): OpenedPush {
  const envelope = jsonEnvelope(body, () => new PlatformPushError('malformed'));
  if (!verifyEnvelope(envelope, appSecret)) throw new PlatformPushError('bad-sign');
  if (opts.appId !== undefined && envelope.appId !== opts.appId) throw new PlatformPushError('wrong-app');
  const sentAt = parseBeijingTime(typeof envelope.timestamp === 'number' ? String(envelope.timestamp) : envelope.timestamp);
  const now = (opts.now ?? (() => new Date()))().getTime();
  const skew = opts.maxSkewMs ?? DEFAULT_PUSH_MAX_SKEW_MS;
  if (!sentAt || Math.abs(now - sentAt.getTime()) > skew) throw new PlatformPushError('stale');
  const nonce = typeof envelope.nonce === 'number' ? String(envelope.nonce) : envelope.nonce;
  if (typeof nonce !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(nonce)) throw new PlatformPushError('no-nonce');
  return { transType: envelope.transType, param: envelope.param, nonce, sentAt };
}
