/**
 * WeChat mini-program login: js_code from wx.login → auth.code2Session → openid (+ unionid).
 *
 *   GET {baseUrl}/sns/jscode2session?appid=&secret=&js_code=&grant_type=authorization_code
 *
 * Errors: 40029 (invalid or expired code) and 40163 (code already used) → LOGIN_FAILED. -1 (busy),
 * 45011 (rate limit), wrong appid/secret and anything else → UPSTREAM_UNAVAILABLE.
 * session_key is never parsed into our objects (the reply schema strips it), stored, logged or
 * returned: we do not decrypt wx user data.
 */
import { z } from 'zod';
import type { Config } from '@hosp/config';
import type { ExternalIdentity, IdentityProvider } from '../../domain/auth/ports';
import {
  checkCodeShape,
  fetchUpstreamText,
  loggedProvider,
  loginFailed,
  parseJsonReply,
  requestLimits,
  upstreamUnavailable,
  type ProviderOptions,
} from '../shared/upstream-http';
import { simOrRemote } from '../shared/sim-or-remote';
import { WECHAT_SIM_APP_ID, WECHAT_SIM_APP_SECRET } from './sim-credentials';

/** errcodes meaning "this code will never work": the user must call wx.login again. */
const CODE_REJECTED = new Set([40029, 40163]);

/** Note: no session_key here, so zod drops it from the parsed value. */
const Reply = z.object({
  errcode: z.number().int().optional(),
  errmsg: z.string().max(1024).optional(),
  openid: z.string().min(1).max(128).optional(),
  unionid: z.string().min(1).max(128).optional(),
});

export interface WechatCredentials {
  baseUrl: string;
  appId: string;
  appSecret: string;
}

/**
 * Builds the provider from the `wechat` config block. In `sim` mode the simulator's base URL must
 * be given (`baseUrlOverride`) and the simulator's built-in credentials are used; in `remote` mode
 * `baseUrlOverride`, when given, replaces cfg.baseUrl.
 */
export function createWechatProvider(
  cfg: Config['wechat'],
  baseUrlOverride?: string,
  opts: ProviderOptions = {},
): IdentityProvider {
  return simOrRemote('wechat', cfg, baseUrlOverride, {
    sim: (base) => wechatProvider({ baseUrl: base, appId: WECHAT_SIM_APP_ID, appSecret: WECHAT_SIM_APP_SECRET }, opts),
    remote: (remote, base) => wechatProvider({ baseUrl: base ?? remote.baseUrl, appId: remote.appId, appSecret: remote.appSecret }, opts),
  });
}

export function wechatProvider(creds: WechatCredentials, opts: ProviderOptions = {}): IdentityProvider {
  const { timeoutMs, maxReplyBytes } = requestLimits(opts);
  const base = creds.baseUrl.replace(/\/+$/, '');

  async function exchange(code: string): Promise<ExternalIdentity> {
    const jsCode = checkCodeShape('weapp', code);
    const url = new URL(`${base}/sns/jscode2session`);
    url.searchParams.set('appid', creds.appId);
    url.searchParams.set('secret', creds.appSecret);
    url.searchParams.set('js_code', jsCode);
    url.searchParams.set('grant_type', 'authorization_code');

    const text = await fetchUpstreamText({ platform: 'weapp', url: url.toString(), method: 'GET', timeoutMs, maxReplyBytes });
    const parsed = Reply.safeParse(parseJsonReply('weapp', text));
    if (!parsed.success) throw upstreamUnavailable('weapp', 'bad-reply-shape');
    const reply = parsed.data;
    if (reply.errcode !== undefined && reply.errcode !== 0) {
      if (CODE_REJECTED.has(reply.errcode)) throw loginFailed('weapp', 'code-rejected', { platformCode: reply.errcode });
      throw upstreamUnavailable('weapp', 'platform-error', { platformCode: reply.errcode });
    }
    if (!reply.openid) throw upstreamUnavailable('weapp', 'bad-reply-shape');
    return reply.unionid ? { subject: reply.openid, unionId: reply.unionid } : { subject: reply.openid };
  }

  return loggedProvider('weapp', opts.logger, exchange);
}
