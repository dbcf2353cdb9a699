import type Router from '@koa/router';
import { AppError, isValidIdNumber, normalizeIdNumber } from '@hosp/shared';
import { z } from 'zod';
import { encodeHisReply, parseHisPush, verifyHisPushSign, type HisPush } from '../../adapters/his/his-push.codec';
import type { Deps } from '../../deps';
import { replaceCard } from '../../workflows/patients/replace-card.workflow';
import type { AppContext, AppState } from '../context';

const ReplacePatientCard = z.object({
  hospitalId: z.string().min(1),
  idCard: z.string().transform(normalizeIdNumber).refine(isValidIdNumber, 'invalid idCard'),
  realName: z.string().min(1),
  oldPatientCard: z.string().min(1).max(64),
  newPatientCard: z.string().min(1).max(64),
});

type Reply = { result: 'success' | 'error'; message: string };

function answer(ctx: AppContext, asJson: boolean, reply: Reply, status = 200): void {
  ctx.status = status;
  if (asJson) {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = reply;
  } else {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = encodeHisReply(reply.result, reply.message);
  }
}

async function handlePush(deps: Deps, push: HisPush): Promise<Reply> {
  if (push.dataType === 'ReplacePatientCard') {
    const parsed = ReplacePatientCard.safeParse(push.fields);
    if (!parsed.success) return { result: 'error', message: `invalid data: ${parsed.error.issues.map((i) => i.path.join('.')).join(',')}` };
    const d = parsed.data;
    if (d.hospitalId !== deps.config.his.hospitalId) return { result: 'error', message: 'unknown hospitalId' };
    await replaceCard(deps, { idNumber: d.idCard, realName: d.realName, oldPatientCard: d.oldPatientCard, newPatientCard: d.newPatientCard });
    return { result: 'success', message: '' };
  }
  return { result: 'error', message: `unsupported dataType: ${push.dataType}` };
}

/**
 * Calls HIS makes to us (we are "the platform" in those sections). Authenticated by the section-17
 * signature and an optional IP allowlist; answered in the shape the request came in.
 */
export function hisPushRoutes(router: Router<AppState>, deps: Deps): void {
  router.post('/his/pushHisData', async (ctx) => {
    const allow = deps.config.his.pushIpAllowlist;
    if (allow.length > 0 && !allow.includes(ctx.ip)) throw new AppError('FORBIDDEN', 'address not allowed', { ip: ctx.ip });
    const raw = ctx.state.rawBody ?? Buffer.alloc(0);
    const asJson = ctx.is('application/json') === 'application/json' || raw.subarray(0, 1).toString() === '{';
    let push: HisPush;
    try {
      push = parseHisPush(raw, ctx.get('content-type'));
    } catch (err) {
      ctx.state.log.warn({ reason: (err as Error).message }, 'HIS push rejected: unreadable');
      return answer(ctx as AppContext, asJson, { result: 'error', message: 'malformed request' });
    }
    if (!verifyHisPushSign(push, deps.config.his.signKey)) {
      ctx.state.log.warn({ dataType: push.dataType }, 'HIS push rejected: bad signature');
      return answer(ctx as AppContext, asJson, { result: 'error', message: 'invalid sign' }, 401);
    }
    const reply = await handlePush(deps, push);
    ctx.state.log.info({ dataType: push.dataType, result: reply.result }, 'HIS push handled');
    answer(ctx as AppContext, asJson, reply);
  });
}
