/**
 * Checking the signature of an Alipay open-API gateway reply ("同步响应验签"), as the public
 * documentation and the official SDKs do it:
 *
 *   {"alipay_xxx_response": {...}, "sign": "<base64 SHA256withRSA>"}
 *   {"error_response": {...}, "sign": "..."}
 *
 * The signed content is the exact JSON text of the `*_response` / `error_response` value as it
 * appears in the reply body — braces, quotes and escapes included — never a re-serialisation of
 * the parsed object (key order, spacing and escapes would differ). It is verified with the Alipay
 * public key (not the app's). Like the official SDK, when the raw text fails and contains "/", the
 * text with every "/" written as "\/" is tried once: the gateway may sign the escaped form; both
 * forms parse to the same JSON value, so this accepts nothing the signer did not say.
 *
 * What this module refuses, so that what is verified is exactly what the adapter then reads:
 *  - a body that is not one JSON object;
 *  - a top-level key given twice (JSON.parse would silently keep the last one);
 *  - no node, or both the method's node and error_response;
 *  - no `sign`, a `sign` that is not a string, or a signature that does not verify.
 * The node handed back is parsed from the verified text itself.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { LoggerLike } from '../shared/upstream-http';
import { rsa2Verify } from './alipay-sign';

export const ALIPAY_ERROR_RESPONSE_KEY = 'error_response';

export type GatewayReplyCheck =
  | { ok: true; key: string; node: unknown }
  | { ok: false; reason: 'malformed-json' | 'bad-reply-shape' | 'bad-reply-sign' };

/**
 * Opens a gateway reply: finds the method's node (`responseKey`) or `error_response`, and — when
 * `alipayPublicKey` is given — verifies `sign` over the node's raw text. Without a key the node is
 * returned unverified (remote mode with no `alipayPublicKeyPem` configured).
 */
export function openGatewayReply(text: string, responseKey: string, alipayPublicKey: KeyObject | undefined): GatewayReplyCheck {
  const members = topLevelMembers(text);
  if (members === 'malformed') return { ok: false, reason: 'malformed-json' };
  if (members === 'not-object' || members === 'duplicate') return { ok: false, reason: 'bad-reply-shape' };
  const okRaw = members.get(responseKey);
  const errRaw = members.get(ALIPAY_ERROR_RESPONSE_KEY);
  if ((okRaw === undefined) === (errRaw === undefined)) return { ok: false, reason: 'bad-reply-shape' };
  const key = okRaw !== undefined ? responseKey : ALIPAY_ERROR_RESPONSE_KEY;
  const raw = (okRaw ?? errRaw)!;
  if (alipayPublicKey) {
    const signRaw = members.get('sign');
    const sign = signRaw === undefined ? undefined : (JSON.parse(signRaw) as unknown);
    if (typeof sign !== 'string' || sign === '' || !replySignMatches(raw, sign, alipayPublicKey)) {
      return { ok: false, reason: 'bad-reply-sign' };
    }
  }
  return { ok: true, key, node: JSON.parse(raw) as unknown };
}

/**
 * The Alipay public key as a KeyObject (a bad PEM is a startup error), or undefined — with one
 * warning, logged when the adapter is built — when none is configured. Used by the login provider
 * and the template-message channel.
 */
export function alipayPublicKeyOf(pem: string | undefined, what: string, logger: LoggerLike | undefined): KeyObject | undefined {
  if (pem === undefined) {
    logger?.warn(
      { platform: 'alipay', component: what, replySignature: 'not-verified' },
      `${what}: alipay.alipayPublicKeyPem is not configured: gateway reply signatures are NOT verified`,
    );
    return undefined;
  }
  try {
    return createPublicKey(pem);
  } catch {
    throw new Error(`${what}: alipayPublicKeyPem is not a usable public key`);
  }
}

/**
 * The raw-node check itself, with the SDK's one "\/" fallback. The fallback is only tried when no
 * "/" in the text is preceded by a backslash: then writing each "/" as "\/" cannot change what the
 * text means (a "\\/" or "\/" already in the text could be re-read with one backslash less).
 */
export function replySignMatches(rawNode: string, sign: string, alipayPublicKey: KeyObject | string): boolean {
  if (rsa2Verify(rawNode, sign, alipayPublicKey)) return true;
  if (!rawNode.includes('/') || rawNode.includes('\\/')) return false;
  return rsa2Verify(rawNode.replace(/\//g, '\\/'), sign, alipayPublicKey);
}

/** The raw JSON text of the value of `key` at the top level of `text`; undefined when absent or unclear. */
export function rawTopLevelValue(text: string, key: string): string | undefined {
  const members = topLevelMembers(text);
  return typeof members === 'string' ? undefined : members.get(key);
}

/**
 * Splits a JSON object's text into its top-level members: decoded key → raw text of the value,
 * exactly as written. The text is JSON.parse'd first, so the scan below only ever walks valid JSON.
 */
function topLevelMembers(text: string): Map<string, string> | 'malformed' | 'not-object' | 'duplicate' {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'malformed';
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'not-object';

  const members = new Map<string, string>();
  let i = skipWs(text, 0);
  // text[i] === '{' (valid JSON whose value is an object)
  i = skipWs(text, i + 1);
  if (text[i] === '}') return members;
  for (;;) {
    const keyEnd = endOfString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWs(text, keyEnd); // at ':'
    const valueStart = skipWs(text, i + 1);
    const valueEnd = endOfValue(text, valueStart);
    if (members.has(key)) return 'duplicate';
    members.set(key, text.slice(valueStart, valueEnd));
    i = skipWs(text, valueEnd); // at ',' or '}'
    if (text[i] === '}') return members;
    i = skipWs(text, i + 1);
  }
}

function skipWs(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/** `text[i]` is the opening quote; returns the index after the closing one. */
function endOfString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return text.length;
}

/** The index just after the JSON value starting at `i`. */
function endOfValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return endOfString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') j = endOfString(text, j) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  // number, true, false, null: up to the next delimiter
  let j = i;
  while (j < text.length && !',}] \t\n\r'.includes(text[j]!)) j++;
  return j;
}
