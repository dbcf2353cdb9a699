import type Router from '@koa/router';
import { ZodError } from 'zod';
import { encodeHisReply, HisPushParseError, hisResultWord, readSignedHisPush, type HisPush } from '../../adapters/his/his-push.codec';
import { pushHospitalId, replyCase, toHisPushMessage, toStopSchedule } from '../../adapters/his/his-push-messages.map';
import type { Deps } from '../../deps';
import { rateLimitsRepo } from '../../store/rate-limits.repo';
import { applyHisMessage } from '../../workflows/notices/his-messages.workflow';
import { stopSchedule } from '../../workflows/booking/stop-schedule.workflow';
import type { AppContext, AppState } from '../context';
import { callbackGuard, type CallbackRefusal } from '../middleware/callback-guard';
import { sharedLimiter } from '../middleware/rate-limit';
import { findUnsafeText } from '../text-safety';
import { checkFreshness } from './push-freshness';

type Reply = { ok: boolean; message: string };

/** Whether HIS sent JSON (then it is answered in JSON), judged before or after the body is read. */
export function sentJson(ctx: AppContext): boolean {
  if (ctx.is('application/json') === 'application/json') return true;
  const raw = ctx.state.rawBody;
  return !ctx.is('xml') && raw !== undefined && raw.subarray(0, 64).toString('latin1').trimStart().startsWith('{');
}

function answer(ctx: AppContext, reply: Reply, letterCase: 'lower' | 'upper', status = 200): void {
  const result = hisResultWord(reply.ok, letterCase);
  ctx.status = status;
  if (sentJson(ctx)) {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = { result, message: reply.message };
  } else {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = encodeHisReply(result, reply.message);
  }
}

export const REFUSALS: Record<CallbackRefusal, string> = {
  'too-large': 'request too large',
  'content-type': 'unsupported content type',
  forbidden: 'address not allowed',
  'rate-limited': 'too many requests',
  internal: 'internal error, please retry',
};

/** The guard in front of every call HIS makes to us: size, content type, allowlist, a rate per kind of call. */
export function hisCallGuard(deps: Deps, name: string, refuse: (ctx: AppContext, refusal: CallbackRefusal, status: number) => void | Promise<void>) {
  return callbackGuard({
    caller: 'his',
    maxBytes: deps.config.pushes.maxBytes,
    mediaTypes: ['application/xml', 'text/xml', 'application/json', 'text/json', 'text/plain', 'application/soap+xml'],
    allowlist: deps.config.his.pushIpAllowlist,
    limiter: sharedLimiter(rateLimitsRepo(deps.store.db), deps.log, { name, windowMs: 60_000, max: deps.config.pushes.perMinute }),
    refuse,
  });
}

/**
 * Calls HIS makes to us (we are "the platform" in sections 4.5 and 16). Behind the callback guard
 * (size, content type, allowlist, rate), each is authenticated by the section-17 signature — checked
 * before the validating XML parse — and, where the message carries them, a timestamp window and a
 * one-time nonce; validated; applied once; answered as the document shows, in XML or JSON as sent.
 */
export function hisPushRoutes(router: Router<AppState>, deps: Deps): void {
  const guard = hisCallGuard(deps, 'his-push', (ctx, refusal, status) => answer(ctx, { ok: false, message: REFUSALS[refusal] }, 'lower', status));

  const handle = (method: 'pushHisData' | 'pushStopSchedule') => async (ctx: AppContext) => {
    const raw = ctx.state.rawBody ?? Buffer.alloc(0);
    let push: HisPush;
    let signed: boolean;
    try {
      ({ push, signed } = readSignedHisPush(raw, ctx.get('content-type'), deps.config.his.signKey, { maxBytes: deps.config.pushes.maxBytes }));
    } catch (err) {
      if (!(err instanceof HisPushParseError)) throw err;
      ctx.state.log.warn({ method, reason: err.reason }, 'HIS push rejected: unreadable');
      return answer(ctx, { ok: false, message: 'malformed request' }, 'lower', 400);
    }
    const letterCase = method === 'pushStopSchedule' ? 'lower' : replyCase(push.dataType);
    if (!signed) {
      ctx.state.log.warn({ method, dataType: push.dataType.slice(0, 40) }, 'HIS push rejected: bad signature');
      return answer(ctx, { ok: false, message: 'invalid sign' }, letterCase, 401);
    }
    const unsafe = findUnsafeText({ dataType: push.dataType, ...push.fields });
    if (unsafe) {
      ctx.state.log.warn({ method, dataType: push.dataType, field: unsafe.path }, 'HIS push rejected: control characters');
      return answer(ctx, { ok: false, message: `invalid data: ${unsafe.path}` }, letterCase, 400);
    }
    const stale = await checkFreshness(deps, 'his', push.fields);
    if (stale) {
      ctx.state.log.warn({ method, dataType: push.dataType, stale }, 'HIS push rejected: replay window');
      return answer(ctx, { ok: false, message: stale }, letterCase, 401);
    }
    const hospitalId = pushHospitalId(push.fields);
    if (hospitalId !== deps.config.his.hospitalId) {
      return answer(ctx, { ok: false, message: 'unknown hospitalId' }, letterCase);
    }
    try {
      if (method === 'pushStopSchedule') await stopSchedule(deps, toStopSchedule(push.fields));
      else await applyHisMessage(deps, toHisPushMessage(push.dataType, push.fields));
    } catch (err) {
      if (err instanceof ZodError || (err instanceof Error && err.message.startsWith('unsupported'))) {
        const message = err instanceof ZodError ? `invalid data: ${err.issues.map((i) => i.path.join('.') || i.message).join(',')}` : err.message;
        ctx.state.log.warn({ method, dataType: push.dataType, message }, 'HIS push rejected: invalid');
        return answer(ctx, { ok: false, message }, letterCase, 400);
      }
      throw err;
    }
    ctx.state.log.info({ method, dataType: push.dataType }, 'HIS push applied');
    answer(ctx, { ok: true, message: '' }, letterCase);
  };
  router.post('/his/pushHisData', guard, handle('pushHisData'));
  router.post('/his/pushStopSchedule', guard, handle('pushStopSchedule'));
}
