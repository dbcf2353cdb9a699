/**
 * A stand-in for the hospital app's ticket-exchange service, implementing the specification at
 * the top of hospital-app-provider.ts: HMAC signature, ±5 min timestamp window, nonces not reused
 * within the window, tickets valid 5 minutes and single-use, userId stable per simulated user.
 */
import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import { Router } from '@koa/router';
import { z } from 'zod';
import {
  CodeStore,
  FaultSwitch,
  applyTransportFault,
  readRawBody,
  routerApp,
  stableDigest,
  type FaultKind,
  type SimApp,
} from '../shared/sim-kit';
import {
  APP_KEY_RE,
  HOSPITAL_APP_CODES as C,
  NONCE_RE,
  TICKET_EXCHANGE_PATH,
  TICKET_RE,
  TIMESTAMP_WINDOW_S,
  ticketSignMatches,
} from './hospital-app-protocol';
import { HOSPITAL_APP_SIM_APP_KEY, HOSPITAL_APP_SIM_APP_SECRET } from './sim-credentials';

export { HOSPITAL_APP_SIM_APP_KEY, HOSPITAL_APP_SIM_APP_SECRET };

export interface HospitalAppSimulatorOptions {
  appKey?: string;
  appSecret?: string;
  /** Clock (ms since epoch) for ticket expiry, the timestamp window and nonce memory. */
  now?: () => number;
  /** Seed for user-id derivation; the default keeps ids stable across restarts. */
  seed?: string;
}

export interface HospitalAppSimulator extends SimApp {
  /** 'error' = {code: 50000} (busy). */
  faults: FaultSwitch<FaultKind>;
  /** Mints a ticket for a simulated user, as the native app would when opening our H5 page. */
  issueCode(user: string): string;
  /** The userId this simulator gives `user`. */
  userIdOf(user: string): string;
}

const Body = z.object({
  appKey: z.string().regex(APP_KEY_RE),
  ticket: z.string().regex(TICKET_RE),
  timestamp: z.number().int().nonnegative(),
  nonce: z.string().regex(NONCE_RE),
  sign: z.string().regex(/^[0-9a-f]{64}$/),
});

export function createHospitalAppSimulator(opts: HospitalAppSimulatorOptions = {}): HospitalAppSimulator {
  const appKey = opts.appKey ?? HOSPITAL_APP_SIM_APP_KEY;
  const appSecret = opts.appSecret ?? HOSPITAL_APP_SIM_APP_SECRET;
  const now = opts.now ?? Date.now;
  const seed = opts.seed ?? 'hospital-app-simulator';
  const tickets = new CodeStore(now, 5 * 60_000, () => `TK${randomBytes(18).toString('base64url')}`);
  const faults = new FaultSwitch<FaultKind>();
  /** nonce → when it was seen (ms); forgotten once outside any possible window. */
  const nonces = new Map<string, number>();

  const userIdOf = (user: string) => `hu_${stableDigest(seed, `user:${appKey}`, user).toString('base64url').slice(0, 22)}`;

  const answer = (ctx: Koa.Context, code: number, message: string, data?: object) => {
    ctx.status = 200;
    ctx.type = 'application/json';
    ctx.body = data ? { code, message, data } : { code, message };
  };

  const rememberNonce = (nonce: string): boolean => {
    const t = now();
    for (const [n, seen] of nonces) if (t - seen > 2 * TIMESTAMP_WINDOW_S * 1000) nonces.delete(n);
    if (nonces.has(nonce)) return false;
    nonces.set(nonce, t);
    return true;
  };

  const router = new Router();
  router.post(TICKET_EXCHANGE_PATH, async (ctx) => {
    const fault = faults.take();
    if (applyTransportFault(ctx, fault, '{"code":0,"message":"ok","data":{}}')) return;
    if (fault === 'error') return answer(ctx, C.BUSY, 'system busy, try again later');

    const raw = await readRawBody(ctx, 16 * 1024);
    let json: unknown;
    try {
      json = raw === null ? undefined : JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const parsed = Body.safeParse(json);
    if (!parsed.success) return answer(ctx, C.BAD_REQUEST, 'malformed request');
    const req = parsed.data;
    if (req.appKey !== appKey) return answer(ctx, C.UNKNOWN_APP, 'unknown appKey');
    if (!ticketSignMatches(appSecret, req)) return answer(ctx, C.BAD_SIGN, 'invalid sign');
    if (Math.abs(now() / 1000 - req.timestamp) > TIMESTAMP_WINDOW_S) return answer(ctx, C.BAD_TIMESTAMP, 'timestamp expired');
    if (!rememberNonce(req.nonce)) return answer(ctx, C.NONCE_REUSED, 'nonce reused');

    const used = tickets.consume(req.ticket);
    if (!used.ok) {
      const why = used.reason === 'used' ? 'ticket already used' : used.reason === 'expired' ? 'ticket expired' : 'invalid ticket';
      return answer(ctx, C.TICKET_INVALID, why);
    }
    return answer(ctx, C.OK, 'ok', { userId: userIdOf(used.user) });
  });

  return {
    ...routerApp(router),
    faults,
    issueCode: (user: string) => tickets.issue(user),
    userIdOf,
  };
}
