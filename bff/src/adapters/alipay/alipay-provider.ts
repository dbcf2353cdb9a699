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
 * Not done: verifying the gateway's reply signature — the config carries no Alipay public key. The
 * reply comes over TLS from the configured gateway; add `alipayPublicKeyPem` to config to check it.
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
  parseJsonReply,
  requestLimits,
  upstreamUnavailable,
  type ProviderOptions,
} from '../shared/upstream-http';
import { simOrRemote } from '../shared/sim-or-remote';
import { gatewayAt, signedGatewayParams } from './alipay-sign';
import { ALIPAY_SIM_APP_ID, alipaySimAppKeys } from './sim-keys';

const METHOD = 'alipay.system.oauth.token';
/** sub_codes meaning "this code will never work": the user must get a new auth code. */
const CODE_REJECTED = new Set(['isv.code-invalid']);

const Envelope = z.object({
  alipay_system_oauth_token_response: z.unknown().optional(),
  error_response: z.unknown().optional(),
});
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
      alipayProvider({ gateway: gatewayAt(base), appId: ALIPAY_SIM_APP_ID, privateKeyPem: alipaySimAppKeys().privateKeyPem }, opts),
    remote: (remote, base) =>
      alipayProvider({ gateway: base ? gatewayAt(base) : remote.gateway, appId: remote.appId, privateKeyPem: remote.privateKeyPem }, opts),
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
    const envelope = Envelope.safeParse(parseJsonReply('alipay', text));
    if (!envelope.success) throw upstreamUnavailable('alipay', 'bad-reply-shape');
    const { alipay_system_oauth_token_response: okNode, error_response: errNode } = envelope.data;

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
