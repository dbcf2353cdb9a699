/**
 * Alipay mini-program login: auth code from my.getAuthCode → alipay.system.oauth.token → user_id
 * (or open_id, for apps switched to open_id mode).
 *
 * One form POST to the gateway, signed RSA2 with the app's private key (see alipay-sign.ts).
 * Replies: `alipay_system_oauth_token_response` on success, `error_response` on failure.
 * sub_code isv.code-invalid (unknown, used or expired code) → LOGIN_FAILED; anything else
 * (isp.* busy, signature/app-id problems, garbage) → UPSTREAM_UNAVAILABLE. access_token and
 * refresh_token are dropped by the reply schema: we only need the id.
 *
 * Reply signature: every reply's `sign` is checked with the Alipay public key over the exact text
 * of its node (alipay-reply.ts) before anything in it is believed; a missing or bad sign is
 * UPSTREAM_UNAVAILABLE (reason `bad-reply-sign`), never LOGIN_FAILED or an identity. Sim mode always
 * checks (the simulators' platform key); remote mode checks when `alipay.alipayPublicKeyPem` is
 * configured. Without it, replies are taken unverified as before (TLS to the configured gateway
 * only) and a warning says so once, when the provider is built.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '@hosp/config';
import type { ExternalIdentity, IdentityProvider } from '../../domain/auth/ports';
import {
  checkCodeShape,
  fetchUpstreamText,
  loggedProvider,
  loginFailed,
  requestLimits,
  upstreamUnavailable,
  type ProviderOptions,
} from '../shared/upstream-http';
import { simOrRemote } from '../shared/sim-or-remote';
import { alipayPublicKeyOf, openGatewayReply } from './alipay-reply';
import { gatewayAt, signedGatewayParams } from './alipay-sign';
import { ALIPAY_SIM_APP_ID, alipaySimAppKeys, alipaySimPlatformKeys } from './sim-keys';

const METHOD = 'alipay.system.oauth.token';
const RESPONSE_KEY = 'alipay_system_oauth_token_response';
/** sub_codes meaning "this code will never work": the user must get a new auth code. */
const CODE_REJECTED = new Set(['isv.code-invalid']);

const ErrorNode = z.object({
  code: z.union([z.string().max(32), z.number()]).transform(String),
  msg: z.string().max(512).optional(),
  sub_code: z.string().max(128).optional(),
});
const Id = z.string().min(1).max(128);
/** Only the ids: access_token / refresh_token are stripped by zod and never held. */
const TokenNode = z
  .object({ user_id: Id.optional(), open_id: Id.optional() })
  .refine((n) => n.user_id !== undefined || n.open_id !== undefined);

export interface AlipayCredentials {
  /** Full gateway URL, e.g. https://openapi.alipay.com/gateway.do */
  gateway: string;
  appId: string;
  /** PKCS#8 PEM of the app's RSA2 private key. */
  privateKeyPem: string;
  /**
   * The Alipay public key (SPKI PEM) that checks reply signatures. Absent: replies are not
   * verified (a warning is logged when the provider is built).
   */
  alipayPublicKeyPem?: string;
}

/**
 * Builds the provider from the `alipay` config block. In `sim` mode `baseUrlOverride` must be the
 * simulator's base URL (the provider posts to `{baseUrl}/gateway.do`) and the process-wide sim app
 * keypair is used; in `remote` mode `baseUrlOverride`, when given, replaces the gateway's origin.
 */
export function createAlipayProvider(
  cfg: Config['alipay'],
  baseUrlOverride?: string,
  opts: ProviderOptions = {},
): IdentityProvider {
  return simOrRemote('alipay', cfg, baseUrlOverride, {
    sim: (base) =>
      alipayProvider(
        {
          gateway: gatewayAt(base),
          appId: ALIPAY_SIM_APP_ID,
          privateKeyPem: alipaySimAppKeys().privateKeyPem,
          alipayPublicKeyPem: alipaySimPlatformKeys().publicKeyPem,
        },
        opts,
      ),
    remote: (remote, base) =>
      alipayProvider(
        {
          gateway: base ? gatewayAt(base) : remote.gateway,
          appId: remote.appId,
          privateKeyPem: remote.privateKeyPem,
          ...(remote.alipayPublicKeyPem ? { alipayPublicKeyPem: remote.alipayPublicKeyPem } : {}),
        },
        opts,
      ),
  });
}

export function alipayProvider(creds: AlipayCredentials, opts: ProviderOptions = {}): IdentityProvider {
  const { timeoutMs, maxReplyBytes } = requestLimits(opts);
  const now = opts.now ?? Date.now;
  // Parse once: a bad key is a startup error, not a failed login.
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(creds.privateKeyPem);
  } catch {
    throw new Error('alipay: privateKeyPem is not a usable private key');
  }
  const alipayPublicKey = alipayPublicKeyOf(creds.alipayPublicKeyPem, 'alipay', opts.logger);

  async function exchange(code: string): Promise<ExternalIdentity> {
    const authCode = checkCodeShape('alipay', code);
    const params = signedGatewayParams(creds.appId, METHOD, now(), { grant_type: 'authorization_code', code: authCode }, privateKey);

    const text = await fetchUpstreamText({
      platform: 'alipay',
      url: creds.gateway,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(params).toString(),
      timeoutMs,
      maxReplyBytes,
    });
    // Signature first: nothing in the reply (not even its error codes) is believed before it.
    const reply = openGatewayReply(text, RESPONSE_KEY, alipayPublicKey);
    if (!reply.ok) throw upstreamUnavailable('alipay', reply.reason);
    const okNode = reply.key === RESPONSE_KEY ? reply.node : undefined;
    const errNode = reply.key === RESPONSE_KEY ? undefined : reply.node;

    // Errors may arrive as error_response or, for some gateways, inside the method node with a code.
    const errCandidate = errNode ?? (isObjectWithCode(okNode) ? okNode : undefined);
    if (errCandidate !== undefined) {
      const err = ErrorNode.safeParse(errCandidate);
      if (!err.success) throw upstreamUnavailable('alipay', 'bad-reply-shape');
      if (err.data.code !== '10000') {
        const platformCode = err.data.sub_code ?? err.data.code;
        if (err.data.sub_code && CODE_REJECTED.has(err.data.sub_code)) {
          throw loginFailed('alipay', 'code-rejected', { platformCode });
        }
        throw upstreamUnavailable('alipay', 'platform-error', { platformCode });
      }
    }
    const ok = TokenNode.safeParse(okNode);
    if (!ok.success) throw upstreamUnavailable('alipay', 'bad-reply-shape');
    // Prefer user_id: it is what older apps (and stored accounts) are keyed by.
    const subject = ok.data.user_id ?? ok.data.open_id;
    if (!subject) throw upstreamUnavailable('alipay', 'bad-reply-shape');
    return { subject };
  }

  return loggedProvider('alipay', opts.logger, exchange);
}

function isObjectWithCode(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'code' in v;
}
