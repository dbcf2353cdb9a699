/**
 * Alipay open-API request signing (RSA2), per the public "自行实现签名" documentation:
 *  1. take every request parameter except `sign` whose value is non-empty (sign_type included);
 *  2. sort by parameter name (ASCII order) and join as `k=v&k=v` with raw, un-encoded values;
 *  3. SHA256withRSA over the UTF-8 bytes with the app's private key, base64.
 * Timestamps are Beijing time (UTC+8), `yyyy-MM-dd HH:mm:ss`.
 */
import { createSign, createVerify, type KeyObject } from 'node:crypto';

export function alipaySignContent(params: Record<string, string | undefined>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export function rsa2Sign(content: string, privateKey: KeyObject | string): string {
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privateKey, 'base64');
}

/** False (never a throw) for a bad key, a bad base64 string or a wrong signature. */
export function rsa2Verify(content: string, signature: string, publicKey: KeyObject | string): boolean {
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** `yyyy-MM-dd HH:mm:ss` in Beijing time. */
export function alipayTimestamp(epochMs: number): string {
  const iso = new Date(epochMs + BEIJING_OFFSET_MS).toISOString(); // 2024-01-02T03:04:05.678Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Parses an Alipay (Beijing time) timestamp; NaN when it is not exactly that shape. */
export function parseAlipayTimestamp(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return Number.NaN;
  const ms = Date.parse(`${text.replace(' ', 'T')}+08:00`);
  return Number.isFinite(ms) && alipayTimestamp(ms) === text ? ms : Number.NaN;
}

/** The gateway endpoint under a base URL (the simulator's, or an override of the configured one). */
export function gatewayAt(base: string): string {
  return `${base.replace(/\/+$/, '')}/gateway.do`;
}

/**
 * A gateway call's form: the common parameters (JSON, utf-8, RSA2, version 1.0), then the method's
 * own, then `sign` over all of them. Shared by login and template messages, which differ only in
 * `method` and their own parameters.
 */
export function signedGatewayParams(
  appId: string,
  method: string,
  epochMs: number,
  own: Record<string, string>,
  privateKey: KeyObject,
): Record<string, string> {
  const params: Record<string, string> = {
    app_id: appId,
    method,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: alipayTimestamp(epochMs),
    version: '1.0',
    ...own,
  };
  params.sign = rsa2Sign(alipaySignContent(params), privateKey);
  return params;
}
