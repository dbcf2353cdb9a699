/**
 * Shared pieces of the three notice channels (WeChat subscription message, Alipay template message,
 * hospital-app push): options, the template map, value cutting, one HTTP call that never throws,
 * and the outcome log.
 *
 * A channel's send() never throws: every transport failure, timeout, non-2xx status, oversize or
 * malformed reply becomes `{outcome:'retry'}`. Reasons are short fixed strings plus platform codes
 * (`wechat:43101`, `timeout`, …): they never carry recipients, tokens, secrets or field values, so
 * callers may store and log them.
 */
import type { NoticesConfig } from '@hosp/config';
import { AppError } from '@hosp/shared';
import type { ChannelName, OutboundMessage, SendResult } from '../../domain/notices/ports';
import {
  fetchUpstreamText,
  requestLimits,
  type LoggerLike,
  type ProviderOptions,
  type RequestLimits,
  type UpstreamRequest,
} from '../shared/upstream-http';

export { requestLimits, type LoggerLike, type RequestLimits };

/** timeoutMs (default 5000), maxReplyBytes (default 64 KiB), logger, now — as the login adapters. */
export type ChannelOptions = ProviderOptions;

/** The label that maps a template key to `OutboundMessage.title` instead of one of its fields. */
export const TITLE_LABEL = '$title';

/**
 * One platform template for one notice kind: its id on the platform, and which of our field labels
 * (keys of `OutboundMessage.fields`, or `$title`) fills which template key.
 */
export interface TemplateSpec {
  templateId: string;
  /** ourFieldLabel → platform key (WeChat `thing1`, `time2`…; Alipay `keyword1`…). */
  fields: Record<string, string>;
}

export type TemplateMap = Record<string, TemplateSpec>;

/** The template for a notice kind; own keys only, so a kind like `constructor` finds none. */
export function templateFor(templates: TemplateMap, kind: string): TemplateSpec | undefined {
  return Object.hasOwn(templates, kind) ? templates[kind] : undefined;
}

/** A factory's call limits from the `notices` block; options given by the caller win. */
export function noticeLimits<O extends ChannelOptions>(notices: NoticesConfig, opts: O) {
  return { timeoutMs: notices.timeoutMs, maxReplyBytes: notices.maxReplyBytes, ...opts };
}

export const ok = (messageId: string | null): SendResult => ({ outcome: 'sent', messageId });
export const rejected = (reason: string): SendResult => ({ outcome: 'rejected', reason });
export type RetryResult = Extract<SendResult, { outcome: 'retry' }>;
export const retry = (reason: string): RetryResult => ({ outcome: 'retry', reason });

/** Cuts to at most `max` characters (code points, so no half surrogate pairs), trimmed. */
export function cut(value: string, max: number): string {
  const chars = Array.from(value.trim());
  return chars.length <= max ? chars.join('') : chars.slice(0, max).join('');
}

/**
 * Builds the platform's `{key: value}` map of a message from its template. Labels the message does
 * not carry (or carries empty) are left out: the platform then refuses the message as malformed
 * template data, which is a `rejected` — a mismatch between config and the notice builder must show,
 * not be papered over with placeholders.
 */
export function templateValues(
  message: OutboundMessage,
  spec: TemplateSpec,
  limitOf: (platformKey: string) => number,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [label, key] of Object.entries(spec.fields)) {
    const raw = label === TITLE_LABEL ? message.title : message.fields[label];
    if (typeof raw !== 'string') continue;
    const value = cut(raw, limitOf(key));
    if (value !== '') out[key] = value;
  }
  return out;
}

/** A channel's call is exactly a login call: same transport, same limits. */
export type ChannelCall = UpstreamRequest;

export type CallResult = { ok: true; json: unknown; text: string } | { ok: false; result: RetryResult };

/**
 * One HTTP exchange through the shared upstream kit (timeout, size cap, no redirects), parsed as
 * JSON. Every failure is a `retry` with a fixed reason: `timeout`, `network`, `http-status:500`,
 * `reply-too-large`, `bad-encoding`, `malformed-json`.
 */
export async function callJson(req: ChannelCall): Promise<CallResult> {
  let text: string;
  const started = performance.now();
  try {
    text = await fetchUpstreamText(req);
  } catch (err) {
    if (err instanceof AppError) {
      const d = err.detail ?? {};
      let reason = typeof d.reason === 'string' ? d.reason : 'upstream';
      // An abort is recognised by its error's class, which can come from another realm (test
      // sandboxes); a "network" failure that took the whole deadline is the deadline.
      if (reason === 'network' && performance.now() - started >= req.timeoutMs - 5) reason = 'timeout';
      return { ok: false, result: retry(typeof d.status === 'number' ? `${reason}:${d.status}` : reason) };
    }
    return { ok: false, result: retry('network') };
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown, text };
  } catch {
    return { ok: false, result: retry('malformed-json') };
  }
}

/**
 * Runs one send, logging `{channel, kind, outcome, reason, durationMs}` only. Anything unexpected
 * thrown inside becomes a `retry`, never a throw to the caller.
 */
export async function sendLogged(
  channel: ChannelName,
  kind: string,
  logger: LoggerLike | undefined,
  run: () => Promise<SendResult>,
): Promise<SendResult> {
  const started = performance.now();
  let result: SendResult;
  try {
    result = await run();
  } catch {
    result = retry('unexpected');
  }
  const durationMs = Math.round(performance.now() - started);
  // kind comes from our own code, but keep the log line bounded and printable anyway.
  const safeKind = /^[A-Za-z0-9_.:-]{1,64}$/.test(kind) ? kind : 'invalid-kind';
  const line = {
    channel,
    kind: safeKind,
    outcome: result.outcome,
    ...(result.outcome === 'sent' ? {} : { reason: result.reason }),
    durationMs,
  };
  if (result.outcome === 'retry') logger?.warn(line, 'notice channel send');
  else logger?.info(line, 'notice channel send');
  return result;
}

/** The message fields an adapter can rely on before any network call; null when fine. */
export function checkMessageShape(message: OutboundMessage): string | null {
  if (!message || typeof message !== 'object') return 'bad-message';
  if (typeof message.recipient !== 'string' || message.recipient.length < 1 || message.recipient.length > 128) {
    return 'bad-recipient';
  }
  if (typeof message.kind !== 'string' || message.kind.length < 1) return 'bad-kind';
  if (typeof message.title !== 'string') return 'bad-title';
  if (!message.fields || typeof message.fields !== 'object') return 'bad-fields';
  if (typeof message.link !== 'string' || message.link.length > 1024) return 'bad-link';
  return null;
}
