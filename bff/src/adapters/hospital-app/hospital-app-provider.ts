/**
 * Hospital app H5 ticket exchange — our own specification (no public one exists).
 *
 * When the hospital's native app opens our H5 pages it appends a one-time `ticket` to the URL. The
 * BFF trades it, server to server, for the app's stable user id:
 *
 *   POST {baseUrl}/api/ticket/exchange
 *   Content-Type: application/json; charset=utf-8
 *   {"appKey": "...", "ticket": "...", "timestamp": 1700000000, "nonce": "...", "sign": "..."}
 *
 *   appKey     issued to us by the hospital app; [A-Za-z0-9_.-]{1,64}
 *   ticket     from the H5 URL; [A-Za-z0-9._~-]{1,256}; valid 5 minutes, single use
 *   timestamp  Unix time in whole seconds (JSON number); must be within ±5 minutes of the server
 *   nonce      16–64 chars [A-Za-z0-9]; never reused within the timestamp window
 *   sign       lowercase hex HMAC-SHA256, key = appSecret (UTF-8), message =
 *              `${appKey}&${nonce}&${ticket}&${timestamp}` (field values in name order; none may
 *              contain '&', which the character sets above guarantee)
 *
 * Replies are always HTTP 200 with JSON (any other status is an outage):
 *   {"code": 0, "message": "ok", "data": {"userId": "..."}}   userId stable per user, ≤ 128 chars
 *   {"code": 40001, "message": "..."}   ticket unknown, expired or already used → LOGIN_FAILED
 *   {"code": 40000, "message": "..."}   malformed request
 *   {"code": 40100, "message": "..."}   unknown appKey
 *   {"code": 40101, "message": "..."}   bad signature
 *   {"code": 40102, "message": "..."}   timestamp outside the window
 *   {"code": 40103, "message": "..."}   nonce reused
 *   {"code": 50000, "message": "..."}   busy / internal error
 * Every code other than 0 and 40001 is UPSTREAM_UNAVAILABLE to the patient (our configuration or
 * the app's service is at fault, not the ticket). Signature, timestamp and nonce are checked before
 * the ticket, so a forged or replayed request never burns a ticket.
 */
import { randomBytes } from 'node:crypto';
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
import { HOSPITAL_APP_CODES as C, TICKET_EXCHANGE_PATH, TICKET_RE, ticketSign } from './hospital-app-protocol';
import { HOSPITAL_APP_SIM_APP_KEY, HOSPITAL_APP_SIM_APP_SECRET } from './sim-credentials';

const Reply = z.union([
  z.object({
    code: z.literal(C.OK),
    data: z.object({ userId: z.string().min(1).max(128) }),
  }),
  z.object({
    code: z.number().int().refine((c) => c !== C.OK),
    message: z.string().max(1024).optional(),
  }),
]);

export interface HospitalAppCredentials {
  baseUrl: string;
  appKey: string;
  appSecret: string;
}

/**
 * Builds the provider from the `hospitalApp` config block. In `sim` mode the simulator's base URL
 * must be given (`baseUrlOverride`) and the simulator's built-in app key/secret are used; in
 * `remote` mode `baseUrlOverride`, when given, replaces cfg.baseUrl.
 */
export function createHospitalAppProvider(
  cfg: Config['hospitalApp'],
  baseUrlOverride?: string,
  opts: ProviderOptions = {},
): IdentityProvider {
  return simOrRemote('hospitalApp', cfg, baseUrlOverride, {
    sim: (base) => hospitalAppProvider({ baseUrl: base, appKey: HOSPITAL_APP_SIM_APP_KEY, appSecret: HOSPITAL_APP_SIM_APP_SECRET }, opts),
    remote: (remote, base) =>
      hospitalAppProvider({ baseUrl: base ?? remote.baseUrl, appKey: remote.appKey, appSecret: remote.appSecret }, opts),
  });
}

export function hospitalAppProvider(creds: HospitalAppCredentials, opts: ProviderOptions = {}): IdentityProvider {
  const { timeoutMs, maxReplyBytes } = requestLimits(opts);
  const now = opts.now ?? Date.now;
  const url = `${creds.baseUrl.replace(/\/+$/, '')}${TICKET_EXCHANGE_PATH}`;

  async function exchange(code: string): Promise<ExternalIdentity> {
    const ticket = checkCodeShape('h5', code);
    if (!TICKET_RE.test(ticket)) throw loginFailed('h5', 'code-shape');
    const unsigned = {
      appKey: creds.appKey,
      ticket,
      timestamp: Math.floor(now() / 1000),
      nonce: randomBytes(16).toString('hex'),
    };
    const body = JSON.stringify({ ...unsigned, sign: ticketSign(creds.appSecret, unsigned) });

    const text = await fetchUpstreamText({
      platform: 'h5',
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      timeoutMs,
      maxReplyBytes,
    });
    const parsed = Reply.safeParse(parseJsonReply('h5', text));
    if (!parsed.success) throw upstreamUnavailable('h5', 'bad-reply-shape');
    const reply = parsed.data;
    if ('data' in reply) return { subject: reply.data.userId };
    if (reply.code === C.TICKET_INVALID) throw loginFailed('h5', 'code-rejected', { platformCode: reply.code });
    throw upstreamUnavailable('h5', 'platform-error', { platformCode: reply.code });
  }

  return loggedProvider('h5', opts.logger, exchange);
}
