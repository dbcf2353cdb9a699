/**
 * WeChat mini-program subscription message (订阅消息), per the public server API:
 *
 *   POST {baseUrl}/cgi-bin/stable_token   (getStableAccessToken)
 *        {"grant_type": "client_credential", "appid", "secret", "force_refresh": false}
 *        → {"access_token": "...", "expires_in": ≤7200} | {"errcode": N, "errmsg": "..."}
 *   POST {baseUrl}/cgi-bin/message/subscribe/send?access_token=TOKEN
 *        {"touser", "template_id", "page", "data": {"thing1": {"value": "..."}}, "miniprogram_state", "lang"}
 *        → {"errcode": 0, "errmsg": "ok", "msgid": 2908279651614949377} | {"errcode": N, "errmsg": "..."}
 *
 * Access token: the stable token API, not /cgi-bin/token. In its normal mode it hands every caller
 * the same token until that token nears its end (the platform renews it in the last 5 minutes, and
 * the old one still works until it expires), so any number of BFF instances can each fetch without
 * displacing one another — /cgi-bin/token issues a new token per call and retires the previous
 * one, which made instances knock each other's token out. The two APIs' tokens are separate.
 * The token is cached until `expires_in` minus a margin (default 300 s); concurrent sends share one
 * fetch.
 *
 * On 40001 / 42001 / 40014 (token invalid, expired, not latest) the token is dropped and one
 * refresh is made, then the send is repeated once (the first attempt was refused before delivery,
 * so the repeat cannot duplicate a message). The refresh first asks in normal mode: when the
 * platform has a different current token (it expired, or another instance force-refreshed) that
 * one is used, and nobody else's token is disturbed. Only when the platform hands back the very
 * token it just refused is it asked again with `force_refresh: true`. Forcing is rationed by the
 * platform (20 a day, at least 30 s apart — closer calls are not refreshed) and retires the token
 * of every other instance, so it is never the first resort: forcing on every 40001 would make
 * instances force-refresh each other in turn until the daily quota is gone. If even the forced
 * call returns the refused token, the send is `retry` without a second attempt.
 *
 * errcode → outcome:
 *   0                                 sent (msgid kept as a string: it exceeds 2^53)
 *   43101 user refused / no quota     rejected — one-time subscriptions: each grant allows one send
 *   40003 invalid openid              rejected
 *   47003 template data invalid       rejected
 *   40037 template id invalid         rejected (no such template for this app)
 *   41030 page invalid                rejected
 *   45009 rate limit, -1 busy, other  retry
 * Token fetch failures (wrong appid/secret, IP not allowlisted, busy, 45009 forced-refresh quota)
 * are `retry`: they are our configuration or the platform, not the recipient.
 *
 * Values are cut to the platform's per-type limits (thing 20, phrase 5, name 10, character_string /
 * number / letter 32, symbol 5, phone_number 17, car_number 8; any other type 20 characters).
 * Nothing logged or returned carries the openid, token, secret or a field value.
 */
import type { Config, NoticesConfig } from '@hosp/config';
import { z } from 'zod';
import type { NoticeChannel, OutboundMessage, SendResult } from '../../domain/notices/ports';
import { simOrRemote } from '../shared/sim-or-remote';
import { WECHAT_SIM_APP_ID, WECHAT_SIM_APP_SECRET } from '../wechat/sim-credentials';
import {
  callJson,
  checkMessageShape,
  noticeLimits,
  ok,
  rejected,
  requestLimits,
  retry,
  sendLogged,
  templateFor,
  templateValues,
  type ChannelOptions,
  type RequestLimits,
  type TemplateMap,
} from './channel-kit';

/** The classic token API: kept for reference and by the simulator; the channel does not use it. */
export const WECHAT_TOKEN_PATH = '/cgi-bin/token';
/** getStableAccessToken: POST JSON, the same token for every caller while it is valid. */
export const WECHAT_STABLE_TOKEN_PATH = '/cgi-bin/stable_token';
export const WECHAT_SUBSCRIBE_SEND_PATH = '/cgi-bin/message/subscribe/send';

/** errcodes that mean "the access token is no good": refresh once and repeat. */
export const WECHAT_TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** errcodes that will never work for this recipient / template. */
export const WECHAT_REJECTED = new Set([43101, 40003, 47003, 40037, 41030]);

const LIMITS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phone_number: 17,
  car_number: 8,
};

/** The character limit of a WeChat template key (`thing3` → 20). */
export function wechatValueLimit(key: string): number {
  return LIMITS[key.replace(/\d+$/, '')] ?? 20;
}

const TokenReply = z.object({
  access_token: z.string().min(1).max(2048).optional(),
  expires_in: z.number().int().positive().optional(),
  errcode: z.number().int().optional(),
});

const SendReply = z.object({
  errcode: z.number().int(),
  errmsg: z.string().max(2048).optional(),
  msgid: z.union([z.number(), z.string().max(64)]).optional(),
});

export interface WechatSubscribeChannelOptions extends ChannelOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  /** Per notice kind: template id and ourFieldLabel → WeChat key. */
  templates: TemplateMap;
  /** Default 'formal'. */
  miniprogramState?: 'formal' | 'trial' | 'developer';
  /** Default 'zh_CN'. */
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
  /** Token reuse stops this long before its expires_in. Default 300 s. */
  tokenMarginSeconds?: number;
}

type TokenResult = { ok: true; token: string } | { ok: false; result: SendResult };

export class WechatSubscribeChannel implements NoticeChannel {
  readonly name = 'wechat' as const;
  private readonly base: string;
  private readonly limits: RequestLimits;
  private readonly now: () => number;
  private readonly marginMs: number;
  private cached: { token: string; expiresAt: number } | null = null;
  private inflight: Promise<TokenResult> | null = null;

  constructor(private readonly opts: WechatSubscribeChannelOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.limits = requestLimits(opts);
    this.now = opts.now ?? Date.now;
    this.marginMs = (opts.tokenMarginSeconds ?? 300) * 1000;
  }

  send(message: OutboundMessage): Promise<SendResult> {
    return sendLogged('wechat', String(message?.kind), this.opts.logger, () => this.deliver(message));
  }

  private async deliver(message: OutboundMessage): Promise<SendResult> {
    const bad = checkMessageShape(message);
    if (bad) return rejected(bad);
    const spec = templateFor(this.opts.templates, message.kind);
    if (!spec) return rejected('no-template');
    const values = templateValues(message, spec, wechatValueLimit);
    const body = JSON.stringify({
      touser: message.recipient,
      template_id: spec.templateId,
      page: message.link || undefined,
      data: Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value }])),
      miniprogram_state: this.opts.miniprogramState ?? 'formal',
      lang: this.opts.lang ?? 'zh_CN',
    });

    let refused: string | undefined;
    let refusedCode = 0;
    for (let attempt = 0; ; attempt++) {
      const tok = await this.token(refused);
      if (!tok.ok) return tok.result;
      // The platform could not give us anything but the token it just refused: no second attempt.
      if (refused !== undefined && tok.token === refused) {
        this.dropToken(refused);
        return retry(`wechat:${refusedCode}`);
      }
      const url = `${this.base}${WECHAT_SUBSCRIBE_SEND_PATH}?access_token=${encodeURIComponent(tok.token)}`;
      const res = await callJson({
        platform: 'weapp',
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
        ...this.limits,
      });
      if (!res.ok) return res.result;
      const reply = SendReply.safeParse(res.json);
      if (!reply.success) return retry('bad-reply-shape');
      const code = reply.data.errcode;
      if (code === 0) return ok(msgIdOf(res.text, reply.data.msgid));
      if (WECHAT_TOKEN_ERRORS.has(code)) {
        this.dropToken(tok.token);
        if (attempt === 0) {
          refused = tok.token;
          refusedCode = code;
          continue;
        }
        return retry(`wechat:${code}`);
      }
      if (WECHAT_REJECTED.has(code)) return rejected(`wechat:${code}`);
      return retry(`wechat:${code}`);
    }
  }

  private dropToken(token: string): void {
    if (this.cached?.token === token) this.cached = null;
  }

  /**
   * A usable token: the cached one, else one shared fetch. `refused` is a token the platform just
   * refused (40001 / 42001 / 40014); a cached token other than it — another send already refreshed —
   * is used as is.
   */
  private token(refused?: string): Promise<TokenResult> {
    if (this.cached && this.cached.token !== refused && this.now() < this.cached.expiresAt) {
      return Promise.resolve({ ok: true, token: this.cached.token });
    }
    if (!this.inflight) {
      this.inflight = this.obtainToken(refused).finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  /** Normal mode; forced only when normal mode hands back the refused token. */
  private async obtainToken(refused: string | undefined): Promise<TokenResult> {
    const normal = await this.fetchToken(false);
    if (!normal.ok || refused === undefined || normal.token !== refused) return normal;
    this.dropToken(refused);
    return this.fetchToken(true);
  }

  private async fetchToken(forceRefresh: boolean): Promise<TokenResult> {
    const started = this.now();
    const res = await callJson({
      platform: 'weapp',
      url: `${this.base}${WECHAT_STABLE_TOKEN_PATH}`,
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: this.opts.appId,
        secret: this.opts.appSecret,
        force_refresh: forceRefresh,
      }),
      ...this.limits,
    });
    if (!res.ok) return { ok: false, result: retry(`token:${res.result.reason}`) };
    const reply = TokenReply.safeParse(res.json);
    if (!reply.success) return { ok: false, result: retry('token:bad-reply-shape') };
    const { access_token: token, expires_in: expiresIn, errcode } = reply.data;
    if (errcode !== undefined && errcode !== 0) return { ok: false, result: retry(`wechat-token:${errcode}`) };
    if (!token || !expiresIn) return { ok: false, result: retry('token:bad-reply-shape') };
    // A short-lived token (shorter than the margin) is still used, for half its life.
    const lifeMs = expiresIn * 1000;
    const usableMs = lifeMs > this.marginMs ? lifeMs - this.marginMs : lifeMs / 2;
    this.cached = { token, expiresAt: started + usableMs };
    return { ok: true, token };
  }
}

/** msgid is a 64-bit number: take its digits from the raw text before JSON.parse rounded them. */
function msgIdOf(text: string, parsed: number | string | undefined): string | null {
  const raw = /"msgid"\s*:\s*"?(\d{1,32})"?/.exec(text);
  if (raw) return raw[1]!;
  return parsed === undefined ? null : String(parsed);
}

/**
 * Builds the channel from the `wechat` and proposed `notices` config blocks. In `sim` mode the
 * simulator's base URL must be given and the simulator's app credentials are used.
 */
export function createWechatSubscribeChannel(
  cfg: Config['wechat'],
  notices: NoticesConfig,
  baseUrlOverride?: string,
  opts: ChannelOptions = {},
): WechatSubscribeChannel {
  const common = {
    templates: notices.wechat.templates,
    miniprogramState: notices.wechat.miniprogramState,
    lang: notices.wechat.lang,
    tokenMarginSeconds: notices.wechat.tokenMarginSeconds,
    ...noticeLimits(notices, opts),
  };
  return simOrRemote('wechat notices', cfg, baseUrlOverride, {
    sim: (base) => new WechatSubscribeChannel({ ...common, baseUrl: base, appId: WECHAT_SIM_APP_ID, appSecret: WECHAT_SIM_APP_SECRET }),
    remote: (remote, base) =>
      new WechatSubscribeChannel({ ...common, baseUrl: base ?? remote.baseUrl, appId: remote.appId, appSecret: remote.appSecret }),
  });
}
