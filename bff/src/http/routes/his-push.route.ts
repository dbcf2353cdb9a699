import type Router from '@koa/router';
import { AppError } from '@hosp/shared';
import { ZodError } from 'zod';
import { encodeHisReply, hisResultWord, parseHisPush, verifyHisPushSign, type HisPush } from '../../adapters/his/his-push.codec';
import { pushHospitalId, replyCase, toHisPushMessage, toStopSchedule } from '../../adapters/his/his-push-messages.map';
import type { Deps } from '../../deps';
import { applyHisMessage } from '../../workflows/notices/his-messages.workflow';
import { stopSchedule } from '../../workflows/booking/stop-schedule.workflow';
import type { AppContext, AppState } from '../context';
import { checkFreshness } from './push-freshness';

type Reply = { ok: boolean; message: string };

function answer(ctx: AppContext, asJson: boolean, reply: Reply, letterCase: 'lower' | 'upper', status = 200): void {
  const result = hisResultWord(reply.ok, letterCase);
  ctx.status = status;
  if (asJson) {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = { result, message: reply.message };
  } else {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = encodeHisReply(result, reply.message);
  }
}

/**
 * Calls HIS makes to us (we are "the platform" in sections 4.5 and 16). Each is authenticated by
 * the section-17 signature, an optional IP allowlist and, where the message carries them, a
 * timestamp window and a one-time nonce; validated; applied once; answered as the document shows.
 */
export function hisPushRoutes(router: Router<AppState>, deps: Deps): void {
  const handle = (method: 'pushHisData' | 'pushStopSchedule') => async (ctx: AppContext) => {
    const allow = deps.config.his.pushIpAllowlist;
    if (allow.length > 0 && !allow.includes(ctx.ip)) throw new AppError('FORBIDDEN', 'address not allowed', { ip: ctx.ip });
    const raw = ctx.state.rawBody ?? Buffer.alloc(0);
    const asJson = ctx.is('application/json') === 'application/json' || raw.subarray(0, 1).toString() === '{';
    let push: HisPush;
    try {
      push = parseHisPush(raw, ctx.get('content-type'));
    } catch (err) {
      ctx.state.log.warn({ method, reason: (err as Error).message }, 'HIS push rejected: unreadable');
      return answer(ctx, asJson, { ok: false, message: 'malformed request' }, 'lower', 400);
    }
    const letterCase = method === 'pushStopSchedule' ? 'lower' : replyCase(push.dataType);
    if (!verifyHisPushSign(push, deps.config.his.signKey)) {
      ctx.state.log.warn({ method, dataType: push.dataType }, 'HIS push rejected: bad signature');
      return answer(ctx, asJson, { ok: false, message: 'invalid sign' }, letterCase, 401);
    }
    const stale = await checkFreshness(deps, 'his', push.fields);
    if (stale) {
      ctx.state.log.warn({ method, dataType: push.dataType, stale }, 'HIS push rejected: replay window');
      return answer(ctx, asJson, { ok: false, message: stale }, letterCase, 401);
    }
    const hospitalId = pushHospitalId(push.fields);
    if (hospitalId !== deps.config.his.hospitalId) {
      return answer(ctx, asJson, { ok: false, message: 'unknown hospitalId' }, letterCase);
    }
    try {
      if (method === 'pushStopSchedule') await stopSchedule(deps, toStopSchedule(push.fields));
      else await applyHisMessage(deps, toHisPushMessage(push.dataType, push.fields));
    } catch (err) {
      if (err instanceof ZodError || (err instanceof Error && err.message.startsWith('unsupported'))) {
        const message = err instanceof ZodError ? `invalid data: ${err.issues.map((i) => i.path.join('.') || i.message).join(',')}` : err.message;
        ctx.state.log.warn({ method, dataType: push.dataType, message }, 'HIS push rejected: invalid');
        return answer(ctx, asJson, { ok: false, message }, letterCase, 400);
      }
      throw err;
    }
    ctx.state.log.info({ method, dataType: push.dataType }, 'HIS push applied');
    answer(ctx, asJson, { ok: true, message: '' }, letterCase);
  };
  router.post('/his/pushHisData', handle('pushHisData'));
  router.post('/his/pushStopSchedule', handle('pushStopSchedule'));
}
