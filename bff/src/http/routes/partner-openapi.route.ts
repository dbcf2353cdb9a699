import type Router from '@koa/router';
import { refusalReply, readPartnerRequest } from '../../adapters/partner/refund-detail.codec';
import { successReply } from '../../adapters/partner/refund-detail.map';
import type { Deps } from '../../deps';
import type { PartnerRefusal } from '../../domain/partners/partner-request';
import { rateLimitsRepo } from '../../store/rate-limits.repo';
import { refundDetailService } from '../../workflows/partners/refund-detail.workflow';
import type { AppContext, AppState } from '../context';
import { callbackGuard, type CallbackRefusal } from '../middleware/callback-guard';
import { sharedLimiter } from '../middleware/rate-limit';

export const REFUND_DETAIL_PATH = '/openapi/func/orders/altman/refundDetail';

const UNREAD: Record<CallbackRefusal, PartnerRefusal> = {
  'too-large': 'too-large', 'content-type': 'content-type', forbidden: 'address-not-allowed', 'rate-limited': 'address-rate-limited', internal: 'internal',
};

/**
 * Partners read one of our refund orders (refund-order-detail-openapi.txt): form-encoded only,
 * under the server's body limit and a per-address rate, answered in the document's JSON shape —
 * `code` 0 with `data`, or `code` 1 with a message and no data.
 */
export function partnerOpenApiRoutes(router: Router<AppState>, deps: Deps): void {
  const service = refundDetailService(deps);
  const call = (ctx: AppContext) => ({ callerAddress: ctx.ip, requestId: ctx.state.requestId });
  const answer = (ctx: AppContext, body: object, status = 200) => {
    ctx.status = status;
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = body;
  };
  const guard = callbackGuard({
    caller: 'partner',
    maxBytes: deps.config.server.bodyLimitBytes,
    mediaTypes: ['application/x-www-form-urlencoded'],
    typeRequired: true,
    allowlist: [],
    limiter: sharedLimiter(rateLimitsRepo(deps.store.db), deps.log, { name: 'partner-address', windowMs: 60_000, max: deps.config.partners.addressPerMinute }),
    refuse: async (ctx, refusal, status) => {
      try {
        await service.refusedUnread(UNREAD[refusal], call(ctx));
      } catch (err) {
        ctx.state.log.error({ err }, 'partner call audit failed');
      }
      answer(ctx, refusalReply(UNREAD[refusal], ctx.state.requestId), status);
    },
  });

  router.post(REFUND_DETAIL_PATH, guard, async (ctx) => {
    const request = readPartnerRequest(ctx.state.rawBody ?? Buffer.alloc(0));
    const outcome = await service.read(request, call(ctx));
    if (!outcome.ok) return answer(ctx, refusalReply(outcome.reason, ctx.state.requestId), outcome.reason === 'rate-limited' ? 429 : 200);
    const hospital = { id: deps.config.his.hospitalId, name: deps.config.patientService.hospitalName };
    answer(ctx, successReply(outcome.refund, { partner: outcome.partner, hospital }, ctx.state.requestId));
  });
}
