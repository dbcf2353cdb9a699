import { randomBytes } from 'node:crypto';
import { formatCompact as formatBeijingTime } from '../../../domain/time';
import { withSign } from '../payment-sign';

/**
 * Sends one payment-platform push message (hop.inpatient.msg.*, hop.mmpay.*) the way the platform
 * does: `POST targetUrl` with the signed JSON envelope `{transType, param, appId, timestamp, nonce,
 * sign}`. For tests and the demo; `sign: 'bad' | 'none'` forges or leaves out the signature.
 */
export interface SendPushOptions {
  appId: string;
  appSecret: string;
  /** yyyyMMddHHmmss Beijing, or a Date; default now. */
  timestamp?: string | Date;
  /** Default 32 random hex characters. */
  nonce?: string;
  sign?: 'valid' | 'bad' | 'none';
  timeoutMs?: number;
}

export interface SendPushResult {
  status: number;
  /** The reply parsed as JSON, or its text when it is not JSON. */
  body: unknown;
  /** The envelope as sent (handy for replaying it). */
  envelope: Record<string, unknown>;
  /** The exact body text that was posted. */
  sent: string;
}

export function buildPlatformPush(transType: string, param: Record<string, unknown>, opts: SendPushOptions): Record<string, unknown> {
  const timestamp = opts.timestamp instanceof Date || opts.timestamp === undefined ? formatBeijingTime(opts.timestamp ?? new Date()) : opts.timestamp;
  const envelope = { transType, param, appId: opts.appId, timestamp, nonce: opts.nonce ?? randomBytes(16).toString('hex') };
  switch (opts.sign ?? 'valid') {
    case 'valid': return withSign(envelope, opts.appSecret);
    case 'bad': return withSign(envelope, `${opts.appSecret}-forged`);
    case 'none': return envelope;
  }
}

export async function sendPlatformPush(
  targetUrl: string,
  transType: string,
  param: Record<string, unknown>,
  opts: SendPushOptions,
): Promise<SendPushResult> {
  const envelope = buildPlatformPush(transType, param, opts);
  const sent = JSON.stringify(envelope);
  const res = await fetch(targetUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: sent,
    redirect: 'error',
    signal: AbortSignal.timeout(opts.timeoutMs ?? 5_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, envelope, sent };
}
