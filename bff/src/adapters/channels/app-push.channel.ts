/**
 * Hospital-app push — our own specification (the hospital app publishes none). Same app key and
 * secret as the ticket exchange (config `hospitalApp`).
 *
 *   POST {baseUrl}/api/push/send
 *   Content-Type: application/json; charset=utf-8
 *   {"appKey", "userId", "title", "body", "link", "timestamp", "nonce", "sign"}
 *
 *   appKey     issued to us by the hospital app; [A-Za-z0-9_.-]{1,64}
 *   userId     the app's user id (the ticket exchange's userId); 1–128 chars
 *   title      ≤ 64 characters
 *   body       ≤ 512 characters; lines `name：value`, '\n'-separated
 *   link       the in-app page the push opens; ≤ 1024 characters; may be ""
 *   timestamp  Unix time in whole seconds (JSON number); within ±5 minutes of the server
 *   nonce      16–64 chars [A-Za-z0-9]; never reused within the timestamp window
 *   sign       lowercase hex HMAC-SHA256, key = appSecret (UTF-8), message = every other field,
 *              sorted by name (ASCII), as `name=value` joined with '&', where value is the field's
 *              text (numbers in decimal) percent-encoded with encodeURIComponent — so a '&' or '='
 *              inside title/body/link cannot move text from one field to another under the same
 *              signature. Example: appKey=k&body=a%3D1&link=&nonce=…&timestamp=1700000000&title=…&userId=u
 *
 * Replies are HTTP 200 JSON (any other status is an outage):
 *   {"code": 0, "message": "ok", "data": {"messageId": "..."}}   accepted (messageId ≤ 128 chars)
 *   {"code": 40401, "message": "..."}   unknown user (never installed / logged out) → rejected
 *   {"code": 40000 | 40100 | 40101 | 40102 | 40103, "message": "..."}   bad request, unknown appKey,
 *        bad signature, timestamp outside the window, nonce reused → retry (our configuration)
 *   {"code": 42900 | 50000, "message": "..."}   rate limited, busy → retry
 * Any other code, and timeouts, HTTP errors, oversize or malformed replies → retry. Signature,
 * timestamp and nonce are checked before the user is looked up.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config, NoticesConfig } from '@hosp/config';
import { z } from 'zod';
import type { NoticeChannel, OutboundMessage, SendResult } from '../../domain/notices/ports';
import { HOSPITAL_APP_SIM_APP_KEY, HOSPITAL_APP_SIM_APP_SECRET } from '../hospital-app/sim-credentials';
import { simOrRemote } from '../shared/sim-or-remote';
import {
  callJson,
  checkMessageShape,
  noticeLimits,
  cut,
  ok,
  rejected,
  requestLimits,
  retry,
  sendLogged,
  type ChannelOptions,
  type RequestLimits,
} from './channel-kit';

export const APP_PUSH_PATH = '/api/push/send';
export const APP_PUSH_TIMESTAMP_WINDOW_S = 5 * 60;
export const APP_PUSH_LIMITS = { userId: 128, title: 64, body: 512, link: 1024 } as const;
export const APP_PUSH_NONCE_RE = /^[A-Za-z0-9]{16,64}$/;
export const APP_PUSH_APP_KEY_RE = /^[A-Za-z0-9_.-]{1,64}$/;

export const APP_PUSH_CODES = {
  OK: 0,
  BAD_REQUEST: 40000,
  UNKNOWN_APP: 40100,
  BAD_SIGN: 40101,
  BAD_TIMESTAMP: 40102,
  NONCE_REUSED: 40103,
  UNKNOWN_USER: 40401,
  RATE_LIMITED: 42900,
  BUSY: 50000,
} as const;

export interface AppPushRequest {
  appKey: string;
  userId: string;
  title: string;
  body: string;
  link: string;
  timestamp: number;
  nonce: string;
  sign: string;
}

/** The signed text: every field but `sign`, sorted, `k=encodeURIComponent(v)` joined with '&'. */
export function appPushSignContent(fields: Record<string, string | number>): string {
  return Object.keys(fields)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => `${k}=${encodeURIComponent(String(fields[k]))}`)
    .join('&');
}

export function appPushSign(appSecret: string, fields: Record<string, string | number>): string {
  return createHmac('sha256', appSecret).update(appPushSignContent(fields), 'utf8').digest('hex');
}

/** Constant-time check of a received request's sign. */
export function appPushSignMatches(appSecret: string, req: Record<string, string | number>): boolean {
  if (typeof req.sign !== 'string') return false;
  const expected = Buffer.from(appPushSign(appSecret, req), 'utf8');
  const given = Buffer.from(req.sign, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const Reply = z.object({
  code: z.number().int(),
  message: z.string().max(1024).optional(),
  data: z.object({ messageId: z.union([z.string().min(1).max(128), z.number()]) }).optional(),
});

export interface AppPushChannelOptions extends ChannelOptions {
  baseUrl: string;
  appKey: string;
  appSecret: string;
}

export class AppPushChannel implements NoticeChannel {
  readonly name = 'app' as const;
  private readonly base: string;
  private readonly limits: RequestLimits;
  private readonly now: () => number;

  constructor(private readonly opts: AppPushChannelOptions) {
    if (!APP_PUSH_APP_KEY_RE.test(opts.appKey)) throw new Error('app push: appKey has an unusable shape');
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.limits = requestLimits(opts);
    this.now = opts.now ?? Date.now;
  }

  send(message: OutboundMessage): Promise<SendResult> {
    return sendLogged('app', String(message?.kind), this.opts.logger, () => this.deliver(message));
  }

  private async deliver(message: OutboundMessage): Promise<SendResult> {
    const bad = checkMessageShape(message);
    if (bad) return rejected(bad);
    const lines = Object.entries(message.fields)
      .filter(([, v]) => typeof v === 'string' && v.trim() !== '')
      .map(([name, value]) => `${name}：${value.trim()}`);
    const fields = {
      appKey: this.opts.appKey,
      userId: message.recipient,
      title: cut(message.title, APP_PUSH_LIMITS.title),
      body: cut(lines.join('\n'), APP_PUSH_LIMITS.body),
      link: message.link,
      timestamp: Math.floor(this.now() / 1000),
      nonce: randomBytes(16).toString('hex'),
    };
    const request: AppPushRequest = { ...fields, sign: appPushSign(this.opts.appSecret, fields) };

    const res = await callJson({
      platform: 'h5',
      url: `${this.base}${APP_PUSH_PATH}`,
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(request),
      ...this.limits,
    });
    if (!res.ok) return res.result;
    const reply = Reply.safeParse(res.json);
    if (!reply.success) return retry('bad-reply-shape');
    const { code, data } = reply.data;
    if (code === APP_PUSH_CODES.OK) {
      if (!data) return retry('bad-reply-shape');
      return ok(String(data.messageId));
    }
    if (code === APP_PUSH_CODES.UNKNOWN_USER) return rejected(`app:${code}`);
    return retry(`app:${code}`);
  }
}

/**
 * Builds the channel from the `hospitalApp` and proposed `notices` config blocks. In `sim` mode the
 * simulator's base URL must be given and the simulator's app key and secret are used.
 */
export function createAppPushChannel(
  cfg: Config['hospitalApp'],
  notices: NoticesConfig,
  baseUrlOverride?: string,
  opts: ChannelOptions = {},
): AppPushChannel {
  const common = noticeLimits(notices, opts);
  return simOrRemote('app push', cfg, baseUrlOverride, {
    sim: (base) =>
      new AppPushChannel({ ...common, baseUrl: base, appKey: HOSPITAL_APP_SIM_APP_KEY, appSecret: HOSPITAL_APP_SIM_APP_SECRET }),
    remote: (remote, base) =>
      new AppPushChannel({
        ...common,
        baseUrl: base ?? notices.app.baseUrl ?? remote.baseUrl,
        appKey: remote.appKey,
        appSecret: remote.appSecret,
      }),
  });
}
