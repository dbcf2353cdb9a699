import { Readable } from 'node:stream';
import type Router from '@koa/router';
import { ZodError } from 'zod';
import { HisPushParseError, readSignedHisPush } from '../../adapters/his/his-push.codec';
import { checkAccountJson, checkAccountXml, encodeFinanceReply, refundStatusReply, toCheckAccountQuery, toHisRefundRequest, toRefundStatusQuery, type FinanceReply } from '../../adapters/his/his-finance.map';
import type { Deps } from '../../deps';
import { dayAccount } from '../../workflows/finance/check-account.workflow';
import { applyHisRefund, queryHisRefund } from '../../workflows/finance/his-refund.workflow';
import type { AppContext, AppState } from '../context';
import { findUnsafeText } from '../text-safety';
import { hisCallGuard, REFUSALS, sentJson } from './his-push.route';

type Method = 'refundApply' | 'queryRefundStatus' | 'checkAccount';

function answer(ctx: AppContext, reply: FinanceReply, status = 200): void {
  ctx.status = status;
  if (sentJson(ctx)) {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = reply;
  } else {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = encodeFinanceReply(reply);
  }
}

const error = (message: string): FinanceReply => ({ result: 'ERROR', message });


/**
 * HIS calling us as "the platform" for money: refundApply (§14), queryRefundStatus (§15.1),
 * checkAccount (§13.3). Same transport and guard as /his/pushHisData; every call must carry a
 * §17 sign over all its non-empty fields but realName (also the two queries, whose tables omit
 * it: they reveal refunds and trades) and our hospitalId. No nonce is claimed: HIS repeats
 * refundApply with the very same request, and each call is idempotent by its keys.
 */
export function hisFinanceRoutes(router: Router<AppState>, deps: Deps): void {
  const guard = hisCallGuard(deps, 'his-finance', (ctx, refusal, status) => answer(ctx, error(REFUSALS[refusal]), status));

  const handle = (method: Method) => async (ctx: AppContext) => {
    let fields: Record<string, string>;
    try {
      const { push, signed } = readSignedHisPush(ctx.state.rawBody ?? Buffer.alloc(0), ctx.get('content-type'), deps.config.his.signKey, { maxBytes: deps.config.pushes.maxBytes });
      if (!signed) {
        ctx.state.log.warn({ method }, 'HIS call rejected: bad signature');
        return answer(ctx, error('invalid sign'), 401);
      }
      fields = push.fields;
    } catch (err) {
      if (!(err instanceof HisPushParseError)) throw err;
      ctx.state.log.warn({ method, reason: err.reason }, 'HIS call rejected: unreadable');
      return answer(ctx, error('malformed request'), 400);
    }
    const unsafe = findUnsafeText(fields);
    if (unsafe) return answer(ctx, error(`invalid data: ${unsafe.path}`), 400);
    if ((fields.hospitalId ?? '').trim() !== deps.config.his.hospitalId) return answer(ctx, error('unknown hospitalId'));
    try {
      if (method === 'refundApply') {
        const r = await applyHisRefund(deps, toHisRefundRequest(fields));
        ctx.state.log.info({ method, result: r.result }, 'HIS refund answered');
        return answer(ctx, { result: r.result, message: r.message });
      }
      if (method === 'queryRefundStatus') {
        const q = await queryHisRefund(deps, toRefundStatusQuery(fields).hisId);
        return answer(ctx, q.found ? refundStatusReply(q) : error('unknown hisId'));
      }
      const day = await dayAccount(deps, toCheckAccountQuery(fields).checkDate);
      if (!day.ok) return answer(ctx, error(day.reason), 400);
      const json = sentJson(ctx);
      ctx.type = json ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8';
      ctx.body = Readable.from((json ? checkAccountJson : checkAccountXml)(day.totals, day.lines));
    } catch (err) {
      if (!(err instanceof ZodError)) throw err;
      const message = `invalid data: ${err.issues.map((i) => i.path.join('.') || i.message).join(',')}`;
      ctx.state.log.warn({ method, message }, 'HIS call rejected: invalid');
      return answer(ctx, error(message), 400);
    }
  };
  router.post('/his/refundApply', guard, handle('refundApply'));
  router.post('/his/queryRefundStatus', guard, handle('queryRefundStatus'));
  router.post('/his/checkAccount', guard, handle('checkAccount'));
}
