/**
 * A stand-in for WeChat's access-token and subscription-message APIs, following the public docs:
 *
 *   POST /cgi-bin/stable_token  {"grant_type": "client_credential", "appid", "secret", "force_refresh"?}
 *        → {"access_token", "expires_in"}; errors as below, 47001 body not a JSON object,
 *          45009 forced-refresh daily quota used up
 *   GET  /cgi-bin/token?grant_type=client_credential&appid=&secret=
 *        → {"access_token", "expires_in": 7200}; errors 41002/41004 missing appid/secret,
 *          40002 bad grant_type, 40013 wrong appid, 40125 wrong secret
 *   POST /cgi-bin/message/subscribe/send?access_token=
 *        → {"errcode": 0, "errmsg": "ok", "msgid": <64-bit number>}; errors 41001 token missing,
 *          40001 token unknown / revoked, 42001 token expired, 47001 body not JSON, 40003 touser
 *          bad, 40037 template unknown, 47003 data missing a key or over a type's length,
 *          41030 page not a mini-program path, 43101 no subscription left for (user, template)
 *
 * Like the platform, replies are HTTP 200 JSON even for errors. Subscriptions are one-time: the
 * user's tap in wx.requestSubscribeMessage grants one send per template (`grantSubscription`);
 * each successful send consumes one; with none left the send is 43101. Requests refused for any
 * other reason consume nothing. Tokens live `tokenTtlSeconds` (7200) by the simulator's clock.
 *
 * Stable token (getStableAccessToken), as documented:
 *  - normal mode (`force_refresh` absent or false): every call while the current stable token is
 *    valid returns that same token, `expires_in` being what is left of its life. In its last
 *    5 minutes (the platform renews early) or once it is gone, a call issues a new one; the old one
 *    keeps working until its own expiry.
 *  - forced mode (`force_refresh: true`): issues a new token and retires the previous one — here
 *    after a short grace (`forceRefreshGraceSeconds`, default 30 s: our choice, the docs only say
 *    the old one becomes invalid). Rationed as documented: a forced call less than 30 s after the
 *    last forced refresh does not refresh (the current token comes back), and at most 20 forced
 *    refreshes per day (sliding 24 h here) — beyond that 45009.
 * Classic token (/cgi-bin/token): every call issues a new token; the previous classic token stays
 * valid 5 more minutes (the documented overlap), then 40001. The two kinds are kept apart: neither
 * API touches the other's tokens. `revokeTokens()` invalidates every issued token of both kinds
 * (40001 on the next send); the next normal stable call then issues a new one.
 */
import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import { Router } from '@koa/router';
import {
  FaultSwitch,
  applyTransportFault,
  readRawBody,
  routerApp,
  type FaultKind,
  type SimApp,
} from '../shared/sim-kit';
import { WECHAT_SIM_APP_ID, WECHAT_SIM_APP_SECRET } from '../wechat/sim-credentials';
import {
  WECHAT_STABLE_TOKEN_PATH,
  WECHAT_SUBSCRIBE_SEND_PATH,
  WECHAT_TOKEN_PATH,
  wechatValueLimit,
} from './wechat-subscribe.channel';
import { DEMO_WECHAT_TEMPLATES } from '@hosp/config';

/**
 * 'error' = -1 system busy; 'rate-limit' = 45009; 'token-invalid' = 40001 on a send whatever the
 * token. Transport faults: 'malformed', 'http500', 'hang'. `faults` applies to the next send,
 * `tokenFaults` to the next token request of either API ('token-invalid' means nothing there).
 */
export type WechatSubscribeFaultKind = FaultKind | 'rate-limit' | 'token-invalid';

export interface WechatSubscribeSimOptions {
  appId?: string;
  appSecret?: string;
  /** templateId → the keys its data must fill. Default: the demo templates of notices-config. */
  templates?: Record<string, string[]>;
  tokenTtlSeconds?: number;
  /** How long the previous stable token keeps working after a forced refresh. Default 30 s. */
  forceRefreshGraceSeconds?: number;
  now?: () => number;
}

export interface SentWechatMessage {
  touser: string;
  templateId: string;
  page: string | undefined;
  /** key → value, as received. */
  data: Record<string, string>;
  miniprogramState: string | undefined;
  lang: string | undefined;
  msgid: string;
}

export interface WechatSubscribeSimulator extends SimApp {
  /** Faults of the next sends. */
  faults: FaultSwitch<WechatSubscribeFaultKind>;
  /** Faults of the next token requests. */
  tokenFaults: FaultSwitch<WechatSubscribeFaultKind>;
  /** Every message the simulator accepted, oldest first. */
  readonly sent: SentWechatMessage[];
  /** How many token requests (either API) reached the simulator (including refused ones). */
  readonly tokenCalls: number;
  /** How many of those were stable_token calls with force_refresh: true (including refused ones). */
  readonly forcedTokenCalls: number;
  /** How many distinct tokens have been issued (either API). */
  readonly tokensIssued: number;
  /** The current stable token, if one is valid: what a normal-mode call would return now. */
  currentStableToken(): string | undefined;
  /** The user tapped "allow" `n` times for this template (one-time subscriptions). */
  grantSubscription(openid: string, templateId: string, n?: number): void;
  quotaOf(openid: string, templateId: string): number;
  addTemplate(templateId: string, keys: string[]): void;
  /** Invalidates every issued token: the next send answers 40001. */
  revokeTokens(): void;
}

const OPENID_RE = /^[A-Za-z0-9_-]{6,64}$/;

export function demoWechatTemplateKeys(): Record<string, string[]> {
  return Object.fromEntries(Object.values(DEMO_WECHAT_TEMPLATES).map((t) => [t.templateId, Object.values(t.fields)]));
}

export function createWechatSubscribeSimulator(opts: WechatSubscribeSimOptions = {}): WechatSubscribeSimulator {
  const appId = opts.appId ?? WECHAT_SIM_APP_ID;
  const appSecret = opts.appSecret ?? WECHAT_SIM_APP_SECRET;
  const now = opts.now ?? Date.now;
  const ttlMs = (opts.tokenTtlSeconds ?? 7200) * 1000;
  const graceMs = (opts.forceRefreshGraceSeconds ?? 30) * 1000;
  const templates = new Map(Object.entries(opts.templates ?? demoWechatTemplateKeys()));
  /** Every issued token (both kinds): when it expires, and when it was retired (displaced), if it was. */
  const tokens = new Map<string, { expiresAt: number; retiredAt?: number }>();
  let stable: { token: string; expiresAt: number } | null = null;
  let classic: string | null = null;
  const forcedAt: number[] = []; // times of forced refreshes that did refresh
  let forcedTokenCalls = 0;
  let tokensIssued = 0;
  const quota = new Map<string, number>();
  const faults = new FaultSwitch<WechatSubscribeFaultKind>();
  const tokenFaults = new FaultSwitch<WechatSubscribeFaultKind>();
  const sent: SentWechatMessage[] = [];
  let tokenCalls = 0;
  const quotaKey = (openid: string, templateId: string) => `${openid}\0${templateId}`;
  const rid = () => `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;

  const reply = (ctx: Koa.Context, text: string) => {
    ctx.status = 200;
    ctx.type = 'application/json; encoding=utf-8';
    ctx.body = text;
  };
  const error = (ctx: Koa.Context, errcode: number, errmsg: string) =>
    reply(ctx, JSON.stringify({ errcode, errmsg: `${errmsg} rid: ${rid()}` }));
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

  /** A new token valid `ttlMs`; opaque, 80–200 chars on the real platform. */
  const issue = (): { token: string; expiresAt: number } => {
    const token = randomBytes(60).toString('base64url');
    const expiresAt = now() + ttlMs;
    tokens.set(token, { expiresAt });
    tokensIssued++;
    return { token, expiresAt };
  };
  /** The token stops working `ms` from now (40001 after that), unless it expires earlier. */
  const retire = (token: string, ms: number) => {
    const t = tokens.get(token);
    if (t && t.retiredAt === undefined) t.retiredAt = now() + ms;
  };
  /** Why a token is refused now, or null when it works. */
  const tokenProblem = (token: string): 'invalid' | 'expired' | null => {
    const t = tokens.get(token);
    if (!t || (t.retiredAt !== undefined && now() >= t.retiredAt)) return 'invalid';
    return now() >= t.expiresAt ? 'expired' : null;
  };
  const stableValid = () => (stable && tokenProblem(stable.token) === null ? stable : null);
  const tokenReply = (ctx: Koa.Context, t: { token: string; expiresAt: number }) =>
    reply(ctx, JSON.stringify({ access_token: t.token, expires_in: Math.max(1, Math.floor((t.expiresAt - now()) / 1000)) }));
  /** The checks both token APIs make, in the platform's order: the error to answer, or null. */
  const credentialError = (grantType: unknown, qAppId: unknown, qSecret: unknown): [number, string] | null => {
    if (typeof qAppId !== 'string' || !qAppId) return [41002, 'appid missing'];
    if (typeof qSecret !== 'string' || !qSecret) return [41004, 'appsecret missing'];
    if (grantType !== 'client_credential') return [40002, 'invalid grant_type'];
    if (qAppId !== appId) return [40013, 'invalid appid'];
    if (qSecret !== appSecret) return [40125, 'invalid appsecret'];
    return null;
  };

  const router = new Router();

  router.post(WECHAT_STABLE_TOKEN_PATH, async (ctx) => {
    tokenCalls++;
    const fault = tokenFaults.take();
    const raw = await readRawBody(ctx, 16 * 1024);
    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = raw === null ? null : JSON.parse(raw);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
    const forced = body?.force_refresh === true;
    if (forced) forcedTokenCalls++;
    if (applyTransportFault(ctx, fault, '{"access_token":"trunc')) return;
    if (fault === 'error') return error(ctx, -1, 'system error');
    if (fault === 'rate-limit') return error(ctx, 45009, 'reach max api daily quota limit');
    if (!body) return error(ctx, 47001, 'data format error');
    const bad = credentialError(body.grant_type, body.appid, body.secret);
    if (bad) return error(ctx, ...bad);
    if (body.force_refresh !== undefined && typeof body.force_refresh !== 'boolean') {
      return error(ctx, 47001, 'data format error');
    }

    const current = stableValid();
    if (!forced) {
      // Normal mode: the current token, unless it is in its last 5 minutes (renewed early).
      if (current && now() < current.expiresAt - 5 * 60_000) return tokenReply(ctx, current);
      stable = issue();
      return tokenReply(ctx, stable);
    }
    // Forced mode: at least 30 s apart (closer calls do not refresh), at most 20 a day.
    const t = now();
    while (forcedAt.length > 0 && forcedAt[0]! <= t - 24 * 3_600_000) forcedAt.shift();
    const last = forcedAt.at(-1);
    if (current && last !== undefined && t - last < 30_000) return tokenReply(ctx, current);
    if (forcedAt.length >= 20) return error(ctx, 45009, 'reach max api daily quota limit');
    forcedAt.push(t);
    if (stable) retire(stable.token, graceMs);
    stable = issue();
    tokenReply(ctx, stable);
  });

  router.get(WECHAT_TOKEN_PATH, (ctx) => {
    tokenCalls++;
    const fault = tokenFaults.take();
    if (applyTransportFault(ctx, fault, '{"access_token":"trunc')) return;
    if (fault === 'error') return error(ctx, -1, 'system error');
    if (fault === 'rate-limit') return error(ctx, 45009, 'reach max api daily quota limit');
    const q = ctx.query;
    const bad = credentialError(one(q.grant_type), one(q.appid), one(q.secret));
    if (bad) return error(ctx, ...bad);
    // Each call issues a new token; the previous classic one keeps working 5 more minutes.
    if (classic) retire(classic, 5 * 60_000);
    const t = issue();
    classic = t.token;
    reply(ctx, JSON.stringify({ access_token: t.token, expires_in: ttlMs / 1000 }));
  });

  router.post(WECHAT_SUBSCRIBE_SEND_PATH, async (ctx) => {
    const fault = faults.take();
    if (applyTransportFault(ctx, fault, '{"errcode":0,"errmsg":"o')) return;
    if (fault === 'error') return error(ctx, -1, 'system error');
    if (fault === 'rate-limit') return error(ctx, 45009, 'reach max api daily quota limit');

    const token = one(ctx.query.access_token);
    if (!token) return error(ctx, 41001, 'access_token missing');
    if (fault === 'token-invalid') return error(ctx, 40001, 'invalid credential, access_token is invalid or not latest');
    const problem = tokenProblem(token);
    if (problem === 'invalid') return error(ctx, 40001, 'invalid credential, access_token is invalid or not latest');
    if (problem === 'expired') return error(ctx, 42001, 'access_token expired');

    const raw = await readRawBody(ctx, 64 * 1024);
    if (raw === null) return error(ctx, 47001, 'data format error');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return error(ctx, 47001, 'data format error');
    }
    if (!body || typeof body !== 'object') return error(ctx, 47001, 'data format error');
    const b = body as Record<string, unknown>;
    const touser = typeof b.touser === 'string' ? b.touser : '';
    if (!OPENID_RE.test(touser)) return error(ctx, 40003, 'invalid openid');
    const templateId = typeof b.template_id === 'string' ? b.template_id : '';
    const keys = templates.get(templateId);
    if (!keys) return error(ctx, 40037, 'invalid template_id');
    const page = typeof b.page === 'string' ? b.page : undefined;
    if (page !== undefined && (page.includes('://') || page.length > 1024)) return error(ctx, 41030, 'invalid page');
    const dataIn = b.data && typeof b.data === 'object' ? (b.data as Record<string, unknown>) : {};
    const data: Record<string, string> = {};
    for (const key of keys) {
      const node = dataIn[key];
      const value = node && typeof node === 'object' ? (node as { value?: unknown }).value : undefined;
      const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
      if (text.trim() === '' || Array.from(text).length > wechatValueLimit(key)) {
        return error(ctx, 47003, `argument invalid! data.${key}.value invalid`);
      }
      data[key] = text;
    }

    const qk = quotaKey(touser, templateId);
    const left = quota.get(qk) ?? 0;
    if (left <= 0) return error(ctx, 43101, 'user refuse to accept the msg');
    if (left === 1) quota.delete(qk);
    else quota.set(qk, left - 1);

    // A 19-digit id, written as a bare JSON number as the platform does (beyond 2^53).
    const msgid = (BigInt(2) ** BigInt(61) + (randomBytes(8).readBigUInt64BE(0) >> BigInt(16))).toString();
    sent.push({
      touser,
      templateId,
      page,
      data,
      miniprogramState: typeof b.miniprogram_state === 'string' ? b.miniprogram_state : undefined,
      lang: typeof b.lang === 'string' ? b.lang : undefined,
      msgid,
    });
    reply(ctx, `{"errcode":0,"errmsg":"ok","msgid":${msgid}}`);
  });

  return {
    ...routerApp(router),
    faults,
    tokenFaults,
    sent,
    get tokenCalls() {
      return tokenCalls;
    },
    get forcedTokenCalls() {
      return forcedTokenCalls;
    },
    get tokensIssued() {
      return tokensIssued;
    },
    currentStableToken: () => stableValid()?.token,
    grantSubscription(openid, templateId, n = 1) {
      const k = quotaKey(openid, templateId);
      quota.set(k, (quota.get(k) ?? 0) + n);
    },
    quotaOf: (openid, templateId) => quota.get(quotaKey(openid, templateId)) ?? 0,
    addTemplate(templateId, keys) {
      templates.set(templateId, [...keys]);
    },
    revokeTokens() {
      tokens.clear();
      stable = null;
      classic = null;
    },
  };
}
