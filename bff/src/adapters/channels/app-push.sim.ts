/**
 * A stand-in for the hospital app's push endpoint, following the specification at the top of
 * app-push.channel.ts. Checks, in order: JSON shape and limits (40000), appKey (40100), signature
 * (40101), timestamp window (40102), nonce reuse (40103), then the user (40401 unless registered
 * with `registerUser`). Only accepted pushes are recorded in `sent`.
 */
import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import { Router } from '@koa/router';
import { FaultSwitch, applyTransportFault, readRawBody, routerApp, type FaultKind, type SimApp } from '../shared/sim-kit';
import { HOSPITAL_APP_SIM_APP_KEY, HOSPITAL_APP_SIM_APP_SECRET } from '../hospital-app/sim-credentials';
import {
  APP_PUSH_APP_KEY_RE,
  APP_PUSH_CODES as C,
  APP_PUSH_LIMITS,
  APP_PUSH_NONCE_RE,
  APP_PUSH_PATH,
  APP_PUSH_TIMESTAMP_WINDOW_S,
  appPushSignMatches,
} from './app-push.channel';

/** 'error' = 50000 busy; 'rate-limit' = 42900; transport: 'malformed', 'http500', 'hang'. */
export type AppPushFaultKind = FaultKind | 'rate-limit';

export interface AppPushSimOptions {
  appKey?: string;
  appSecret?: string;
  now?: () => number;
}

export interface SentAppPush {
  userId: string;
  title: string;
  body: string;
  link: string;
  messageId: string;
}

export interface AppPushSimulator extends SimApp {
  faults: FaultSwitch<AppPushFaultKind>;
  readonly sent: SentAppPush[];
  /** Requests refused for a bad signature. */
  readonly badSignatures: number;
  /** The user has the app installed and logged in: pushes to them are accepted. */
  registerUser(userId: string): void;
}

export function createAppPushSimulator(opts: AppPushSimOptions = {}): AppPushSimulator {
  const appKey = opts.appKey ?? HOSPITAL_APP_SIM_APP_KEY;
  const appSecret = opts.appSecret ?? HOSPITAL_APP_SIM_APP_SECRET;
  const now = opts.now ?? Date.now;
  const faults = new FaultSwitch<AppPushFaultKind>();
  const users = new Set<string>();
  const nonces = new Map<string, number>(); // nonce → seen at (ms)
  const sent: SentAppPush[] = [];
  let badSignatures = 0;

  const answer = (ctx: Koa.Context, code: number, message: string, data?: object) => {
    ctx.status = 200;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(data ? { code, message, data } : { code, message });
  };

  const router = new Router();
  router.post(APP_PUSH_PATH, async (ctx) => {
    const fault = faults.take();
    if (applyTransportFault(ctx, fault, '{"code":0,"data":{"messageId":')) return;
    if (fault === 'error') return answer(ctx, C.BUSY, 'busy');
    if (fault === 'rate-limit') return answer(ctx, C.RATE_LIMITED, 'too many requests');

    const raw = await readRawBody(ctx, 16 * 1024);
    if (raw === null) return answer(ctx, C.BAD_REQUEST, 'body too large');
    let req: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      req = parsed as Record<string, unknown>;
    } catch {
      return answer(ctx, C.BAD_REQUEST, 'malformed json');
    }
    const s = (k: string) => (typeof req[k] === 'string' ? (req[k] as string) : undefined);
    const appKeyIn = s('appKey');
    const userId = s('userId');
    const title = s('title');
    const body = s('body');
    const link = s('link');
    const nonce = s('nonce');
    const sign = s('sign');
    const timestamp = req.timestamp;
    const len = (v: string) => Array.from(v).length;
    if (
      appKeyIn === undefined || !APP_PUSH_APP_KEY_RE.test(appKeyIn) ||
      userId === undefined || userId.length < 1 || userId.length > APP_PUSH_LIMITS.userId ||
      title === undefined || len(title) > APP_PUSH_LIMITS.title ||
      body === undefined || len(body) > APP_PUSH_LIMITS.body ||
      link === undefined || link.length > APP_PUSH_LIMITS.link ||
      nonce === undefined || !APP_PUSH_NONCE_RE.test(nonce) ||
      sign === undefined ||
      typeof timestamp !== 'number' || !Number.isInteger(timestamp)
    ) {
      return answer(ctx, C.BAD_REQUEST, 'bad request');
    }
    if (appKeyIn !== appKey) return answer(ctx, C.UNKNOWN_APP, 'unknown appKey');
    const signed = { appKey: appKeyIn, userId, title, body, link, timestamp, nonce, sign };
    if (!appPushSignMatches(appSecret, signed)) {
      badSignatures++;
      return answer(ctx, C.BAD_SIGN, 'bad sign');
    }
    const nowMs = now();
    if (Math.abs(nowMs / 1000 - timestamp) > APP_PUSH_TIMESTAMP_WINDOW_S) return answer(ctx, C.BAD_TIMESTAMP, 'timestamp out of window');
    for (const [n, at] of nonces) if (nowMs - at > 2 * APP_PUSH_TIMESTAMP_WINDOW_S * 1000) nonces.delete(n);
    if (nonces.has(nonce)) return answer(ctx, C.NONCE_REUSED, 'nonce reused');
    nonces.set(nonce, nowMs);

    if (!users.has(userId)) return answer(ctx, C.UNKNOWN_USER, 'unknown user');
    const messageId = `pm_${randomBytes(12).toString('hex')}`;
    sent.push({ userId, title, body, link, messageId });
    answer(ctx, C.OK, 'ok', { messageId });
  });

  return {
    ...routerApp(router),
    faults,
    sent,
    get badSignatures() {
      return badSignatures;
    },
    registerUser(userId) {
      users.add(userId);
    },
  };
}
