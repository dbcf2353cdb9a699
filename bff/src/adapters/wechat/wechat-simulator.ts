/**
 * A stand-in for WeChat's auth.code2Session, following the public documentation:
 *
 *   GET /sns/jscode2session?appid=APPID&secret=SECRET&js_code=JSCODE&grant_type=authorization_code
 *   → 200 {"session_key": "...", "openid": "...", "unionid"?: "..."}
 *   → 200 {"errcode": N, "errmsg": "..."}
 *
 * Behaviour copied from the platform: replies are JSON served as text/plain with HTTP 200 even for
 * errors; a js_code lives 5 minutes and works once (40029 "invalid code" for unknown or expired
 * codes, 40163 "code been used" for a second use); 40013 for a wrong appid, 40125 for a wrong
 * secret, 41002/41004/41008 for missing appid/secret/code, 40002 for a wrong grant_type. openid is
 * stable per (app, user); unionid is stable per user across apps.
 */
import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import { Router } from '@koa/router';
import {
  CodeStore,
  FaultSwitch,
  applyTransportFault,
  routerApp,
  stableDigest,
  type FaultKind,
  type SimApp,
} from '../shared/sim-kit';

import { WECHAT_SIM_APP_ID, WECHAT_SIM_APP_SECRET } from './sim-credentials';

export { WECHAT_SIM_APP_ID, WECHAT_SIM_APP_SECRET };

/** 'error' = errcode -1 (system busy); 'rate-limit' = 45011; 'risk-blocked' = 40226. */
export type WechatFaultKind = FaultKind | 'rate-limit' | 'risk-blocked';

export interface WechatSimulatorOptions {
  appId?: string;
  appSecret?: string;
  /** Clock for code expiry (ms since epoch). Default Date.now. */
  now?: () => number;
  /** Whether replies carry a unionid (the mini-program is bound to an open-platform account). */
  withUnionId?: boolean;
  /** Seed for openid/unionid derivation; the default keeps ids stable across restarts. */
  seed?: string;
}

export interface WechatSimulator extends SimApp {
  faults: FaultSwitch<WechatFaultKind>;
  /** Mints a js_code for a simulated user, as wx.login would on that user's phone. */
  issueCode(user: string): string;
  /** The openid this simulator gives `user` (for tests and demo fixtures). */
  openIdOf(user: string): string;
}

export function createWechatSimulator(opts: WechatSimulatorOptions = {}): WechatSimulator {
  const appId = opts.appId ?? WECHAT_SIM_APP_ID;
  const appSecret = opts.appSecret ?? WECHAT_SIM_APP_SECRET;
  const now = opts.now ?? Date.now;
  const seed = opts.seed ?? 'wechat-simulator';
  const withUnionId = opts.withUnionId ?? true;
  const codes = new CodeStore(now, 5 * 60_000, () => randomBytes(16).toString('hex'));
  const faults = new FaultSwitch<WechatFaultKind>();

  const openIdOf = (user: string) => 'o' + stableDigest(seed, `openid:${appId}`, user).toString('base64url').slice(0, 27);
  const unionIdOf = (user: string) => 'o' + stableDigest(seed, 'unionid', user).toString('base64url').slice(0, 27);

  const rid = () => `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
  const error = (ctx: Koa.Context, errcode: number, errmsg: string) => {
    ctx.status = 200;
    ctx.type = 'text/plain';
    ctx.body = JSON.stringify({ errcode, errmsg: `${errmsg}, rid: ${rid()}` });
  };

  const router = new Router();
  router.get('/sns/jscode2session', (ctx) => {
    const fault = faults.take();
    if (applyTransportFault(ctx, fault, '{"openid": "oTruncated')) return;
    if (fault === 'error') return error(ctx, -1, 'system error');
    if (fault === 'rate-limit') return error(ctx, 45011, 'api minute-quota reach limit  mustslower  retry next minute');
    if (fault === 'risk-blocked') return error(ctx, 40226, 'code blocked');

    const q = ctx.query;
    const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
    const qAppId = one(q.appid);
    const qSecret = one(q.secret);
    const jsCode = one(q.js_code);
    const grantType = one(q.grant_type);
    if (!qAppId) return error(ctx, 41002, 'appid missing');
    if (!qSecret) return error(ctx, 41004, 'appsecret missing');
    if (!jsCode) return error(ctx, 41008, 'missing code');
    if (grantType !== 'authorization_code') return error(ctx, 40002, 'invalid grant_type');
    if (qAppId !== appId) return error(ctx, 40013, 'invalid appid');
    if (qSecret !== appSecret) return error(ctx, 40125, 'invalid appsecret');

    const used = codes.consume(jsCode);
    if (!used.ok) {
      if (used.reason === 'used') return error(ctx, 40163, 'code been used');
      return error(ctx, 40029, 'invalid code');
    }
    const reply: Record<string, string> = {
      session_key: randomBytes(16).toString('base64'),
      openid: openIdOf(used.user),
    };
    if (withUnionId) reply.unionid = unionIdOf(used.user);
    ctx.status = 200;
    ctx.type = 'text/plain';
    ctx.body = JSON.stringify(reply);
  });

  return {
    ...routerApp(router),
    faults,
    issueCode: (user: string) => codes.issue(user),
    openIdOf,
  };
}
