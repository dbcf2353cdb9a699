/**
 * Shared plumbing for the three login adapters (WeChat, Alipay, hospital app): one HTTP call with a
 * timeout and a reply-size cap, JSON parsing, and the two failures an IdentityProvider may throw.
 * The notice channels and the lab adapter make their calls through it too. Nothing in this file
 * ever sees or logs codes, tickets, ids or secrets: the `detail` of each AppError carries only the
 * platform, a reason and non-sensitive error codes.
 */
import { AppError } from '@hosp/shared';
import type { ExternalIdentity, IdentityProvider, LoginPlatform } from '../../domain/auth/ports';
import { recordPlatformCall } from '../../metrics/call-metrics';
import { decodeUtf8Strict, isAbortError, readCappedBody } from './capped-body';

/** The subset of a pino logger the adapters use. Only outcome and duration are ever logged. */
export interface LoggerLike {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Options every provider factory accepts. */
export interface ProviderOptions {
  /** Whole-call deadline (connect + headers + body). Default 5000 ms. */
  timeoutMs?: number;
  /** Replies larger than this are abandoned. Default 64 KiB (real replies are < 1 KiB). */
  maxReplyBytes?: number;
  logger?: LoggerLike;
  /** Clock for request timestamps (Alipay, hospital app). Default Date.now. */
  now?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_REPLY_BYTES = 64 * 1024;

/** The deadline and reply cap of every call an adapter makes. */
export interface RequestLimits {
  timeoutMs: number;
  maxReplyBytes: number;
}

/** The caller's limits, defaults filled in: one rule for providers, channels and the lab. */
export function requestLimits(opts: Partial<RequestLimits>): RequestLimits {
  return { timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxReplyBytes: opts.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES };
}

export function loginFailed(platform: LoginPlatform, reason: string, extra?: Record<string, unknown>): AppError {
  return new AppError('LOGIN_FAILED', '登录凭证无效或已过期，请重新登录', { platform, reason, ...extra });
}

export function upstreamUnavailable(platform: LoginPlatform, reason: string, extra?: Record<string, unknown>): AppError {
  return new AppError('UPSTREAM_UNAVAILABLE', '登录服务暂时不可用，请稍后再试', { platform, reason, ...extra });
}

/**
 * The one-time code / ticket from the client must be a short run of printable ASCII. Anything else
 * is a failed login without a network call.
 */
export function checkCodeShape(platform: LoginPlatform, code: unknown): string {
  if (typeof code !== 'string' || code.length < 1 || code.length > 256 || !/^[\x21-\x7e]+$/.test(code)) {
    throw loginFailed(platform, 'code-shape');
  }
  return code;
}

export interface UpstreamRequest {
  platform: LoginPlatform;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxReplyBytes: number;
}

/**
 * Performs the call and returns the reply body as text. Any transport failure, timeout, non-2xx
 * status or oversize body becomes UPSTREAM_UNAVAILABLE. Redirects are refused (the URL may carry
 * an app secret, as WeChat's does, and must not be replayed elsewhere).
 */
export async function fetchUpstreamText(req: UpstreamRequest): Promise<string> {
  const started = performance.now();
  let outcome = 'ok';
  try {
    return await fetchText(req);
  } catch (err) {
    outcome = (err as AppError).detail?.reason === undefined ? 'error' : String((err as AppError).detail!.reason);
    throw err;
  } finally {
    // The path names the call (code2session, message/send…); the query may carry secrets and is left out.
    recordPlatformCall(req.platform, callName(req.url), outcome, (performance.now() - started) / 1000);
  }
}

function callName(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return 'unknown';
  }
}

async function fetchText(req: UpstreamRequest): Promise<string> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal,
      redirect: 'error',
    });
  } catch (err) {
    throw upstreamUnavailable(req.platform, isAbortError(err) ? 'timeout' : 'network');
  }
  if (res.status < 200 || res.status > 299) {
    await res.body?.cancel().catch(() => undefined);
    throw upstreamUnavailable(req.platform, 'http-status', { status: res.status });
  }
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > req.maxReplyBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw upstreamUnavailable(req.platform, 'reply-too-large');
  }
  if (!res.body) return '';
  let bytes: Buffer | null;
  try {
    bytes = await readCappedBody(res.body, req.maxReplyBytes);
  } catch (err) {
    throw upstreamUnavailable(req.platform, isAbortError(err) ? 'timeout' : 'network');
  }
  if (bytes === null) throw upstreamUnavailable(req.platform, 'reply-too-large');
  try {
    return decodeUtf8Strict(bytes);
  } catch {
    throw upstreamUnavailable(req.platform, 'bad-encoding');
  }
}

/** JSON.parse that turns garbage into UPSTREAM_UNAVAILABLE. */
export function parseJsonReply(platform: LoginPlatform, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw upstreamUnavailable(platform, 'malformed-json');
  }
}

/** An IdentityProvider whose every exchange goes through withOutcomeLog. */
export function loggedProvider(
  platform: LoginPlatform,
  logger: LoggerLike | undefined,
  exchange: (code: string) => Promise<ExternalIdentity>,
): IdentityProvider {
  return { platform, exchange: (code) => withOutcomeLog(platform, logger, () => exchange(code)) };
}

/**
 * Runs one exchange, logging outcome and duration only. The outcome is the AppError code or 'ok';
 * `reason` and platform error codes come from AppError.detail, which never holds sensitive values.
 */
export async function withOutcomeLog<T>(
  platform: LoginPlatform,
  logger: LoggerLike | undefined,
  run: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  try {
    const result = await run();
    logger?.info({ platform, outcome: 'ok', durationMs: Math.round(performance.now() - started) }, 'login exchange');
    return result;
  } catch (err) {
    const durationMs = Math.round(performance.now() - started);
    if (err instanceof AppError) {
      const d = err.detail ?? {};
      const fields = { platform, outcome: err.code, reason: d.reason, platformCode: d.platformCode, durationMs };
      if (err.code === 'LOGIN_FAILED') logger?.info(fields, 'login exchange');
      else logger?.warn(fields, 'login exchange');
      throw err;
    }
    // Anything unexpected is still an upstream failure to callers, never a crash.
    logger?.warn({ platform, outcome: 'UPSTREAM_UNAVAILABLE', reason: 'unexpected', durationMs }, 'login exchange');
    throw upstreamUnavailable(platform, 'unexpected');
  }
}
