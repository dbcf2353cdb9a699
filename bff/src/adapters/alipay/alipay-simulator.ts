/**
 * A stand-in for the Alipay open-API gateway's `alipay.system.oauth.token`, following the public
 * documentation:
 *
 *   POST /gateway.do   (application/x-www-form-urlencoded; common params may also be in the query)
 *     app_id, method=alipay.system.oauth.token, format=JSON, charset=utf-8, sign_type=RSA2,
 *     timestamp=yyyy-MM-dd HH:mm:ss, version=1.0, grant_type=authorization_code, code, sign
 *   → {"alipay_system_oauth_token_response": {user_id | open_id, access_token, expires_in,
 *        refresh_token, re_expires_in, auth_start}, "sign": "..."}
 *   → {"error_response": {code, msg, sub_code, sub_msg}, "sign": "..."}
 *
 * What it enforces, as the gateway does: the RSA2 signature against the app's public key (checked
 * before the code is touched, so a forged request cannot burn a code); sign_type RSA2, charset
 * utf-8, version 1.0; a timestamp near the gateway's clock (±15 min: the docs do not give the
 * window, this is our choice); auth codes single-use and valid 5 minutes — every bad code, used or
 * expired, is 40002 isv.code-invalid. user_id (2088 + 12 digits) or open_id is stable per user.
 * Replies — success and error_response alike — are signed as the gateway signs them: SHA256withRSA
 * over the exact JSON text of the node as it appears in the body, with a simulated Alipay platform
 * key (by default the process-wide one, so a sim-mode provider can check it; its public half is
 * `platformPublicKeyPem`). Faults 'bad-sign' / 'no-sign' spoil that signature on the next reply.
 */
import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import type Koa from 'koa';
import { Router } from '@koa/router';
import {
  CodeStore,
  FaultSwitch,
  applyTransportFault,
  routerApp,
  stableDigest,
  type SimApp,
} from '../shared/sim-kit';
import { alipayTimestamp } from './alipay-sign';
import {
  GATEWAY_BUSY,
  gatewayReplier,
  invalid,
  readGatewayParams,
  setReplySignFault,
  type AlipayGatewayFaultKind,
  type GatewayError,
  checkGatewayRequest,
} from './sim-gateway';
import { ALIPAY_SIM_APP_ID, alipaySimAppKeys, alipaySimPlatformKeys, type PemKeyPair } from './sim-keys';

export { ALIPAY_SIM_APP_ID, alipaySimAppKeys, alipaySimPlatformKeys };

export const ALIPAY_OAUTH_METHOD = 'alipay.system.oauth.token';

export interface AlipaySimulatorOptions {
  appId?: string;
  /** The app's RSA2 public key (SPKI PEM). Default: the process-wide sim keypair. */
  appPublicKeyPem?: string;
  /** Clock (ms since epoch) for code expiry and the timestamp window. Default Date.now. */
  now?: () => number;
  /** Which id the app is configured to receive. Default 'user_id'. */
  idMode?: 'user_id' | 'open_id';
  /** Allowed distance between request timestamp and the gateway clock. Default 15 minutes. */
  timestampWindowMs?: number;
  /** Seed for id derivation; the default keeps ids stable across restarts. */
  seed?: string;
  /** The keypair that signs replies. Default: the process-wide sim platform keypair. */
  platformKeys?: PemKeyPair;
}

export interface AlipaySimulator extends SimApp {
  /**
   * 'error' = error_response 20000 isp.unknow-error (service busy); 'bad-sign' / 'no-sign' = the
   * normal reply with a corrupted / no `sign`; transport: 'malformed', 'http500', 'hang'.
   */
  faults: FaultSwitch<AlipayGatewayFaultKind>;
  /** Mints an auth code for a simulated user, as my.getAuthCode would. */
  issueCode(user: string): string;
  /** The subject (user_id or open_id, by idMode) this simulator gives `user`. */
  subjectOf(user: string): string;
  /** Public half of the simulated Alipay platform key that signs replies. */
  platformPublicKeyPem: string;
}

export function createAlipaySimulator(opts: AlipaySimulatorOptions = {}): AlipaySimulator {
  const appId = opts.appId ?? ALIPAY_SIM_APP_ID;
  const appPublicKey: KeyObject = createPublicKey(opts.appPublicKeyPem ?? alipaySimAppKeys().publicKeyPem);
  const now = opts.now ?? Date.now;
  const idMode = opts.idMode ?? 'user_id';
  const window = opts.timestampWindowMs ?? 15 * 60_000;
  const seed = opts.seed ?? 'alipay-simulator';
  const platformKeys = opts.platformKeys ?? alipaySimPlatformKeys();
  const platformPrivateKey = createPrivateKey(platformKeys.privateKeyPem);
  const codes = new CodeStore(now, 5 * 60_000, () => randomBytes(16).toString('hex'));
  const faults = new FaultSwitch<AlipayGatewayFaultKind>();

  const userIdOf = (user: string) => {
    const n = stableDigest(seed, `user_id`, user).readBigUInt64BE(0) % 1_000_000_000_000n;
    return '2088' + n.toString().padStart(12, '0');
  };
  const openIdOf = (user: string) => '0' + stableDigest(seed, `open_id:${appId}`, user).toString('hex').slice(0, 43);
  const subjectOf = (user: string) => (idMode === 'user_id' ? userIdOf(user) : openIdOf(user));

  const reply = gatewayReplier(platformPrivateKey);
  const fail = (ctx: Koa.Context, e: GatewayError) => reply(ctx, 'error_response', e);

  const router = new Router();
  router.post('/gateway.do', async (ctx) => {
    const fault = faults.take();
    if (applyTransportFault(ctx, fault, '{"alipay_system_oauth_token_response":{"user_id":2088102150477652}}')) return;
    setReplySignFault(ctx, fault);
    if (fault === 'error') return fail(ctx, GATEWAY_BUSY);

    const params = await readGatewayParams(ctx, 16 * 1024);
    if (params === null) return;

    const refused = checkGatewayRequest(params, { method: ALIPAY_OAUTH_METHOD, appId, appPublicKey, nowMs: now(), windowMs: window });
    if (refused) return fail(ctx, refused.error);
    if (params.grant_type !== 'authorization_code') return fail(ctx, invalid('grant-type-invalid', 'grant_type参数不正确'));
    if (!params.code) return fail(ctx, invalid('code-invalid', '授权码code无效'));

    const used = codes.consume(params.code);
    if (!used.ok) return fail(ctx, invalid('code-invalid', '授权码code无效'));

    const issued = now();
    reply(ctx, 'alipay_system_oauth_token_response', {
      [idMode]: subjectOf(used.user),
      access_token: `authusrB${randomBytes(16).toString('hex')}`,
      expires_in: 1296000,
      refresh_token: `authusrB${randomBytes(16).toString('hex')}`,
      re_expires_in: 2592000,
      auth_start: alipayTimestamp(issued),
    });
  });

  return {
    ...routerApp(router),
    faults,
    issueCode: (user: string) => codes.issue(user),
    subjectOf,
    platformPublicKeyPem: platformKeys.publicKeyPem,
  };
}
