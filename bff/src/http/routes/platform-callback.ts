import type { Middleware } from 'koa';
import type { Deps } from '../../deps';
import { rateLimitsRepo } from '../../store/rate-limits.repo';
import type { AppState } from '../context';
import { callbackGuard, type CallbackRefusal } from '../middleware/callback-guard';
import { sharedLimiter } from '../middleware/rate-limit';

/** Refusals in the platform's return codes (返回码说明); 999999 makes it try again later. */
const REPLIES: Record<CallbackRefusal, { respCode: string; respMsg: string }> = {
  'too-large': { respCode: '000004', respMsg: '请求格式非法: 报文过大' },
  'content-type': { respCode: '000004', respMsg: '请求格式非法: 内容类型' },
  forbidden: { respCode: '000004', respMsg: '请求来源不允许' },
  'rate-limited': { respCode: '999999', respMsg: '请求过于频繁，请稍后重试' },
  internal: { respCode: '999999', respMsg: '未知错误' },
};

/** The guard in front of /pay/notify and /pay/push: one shared rate window per caller for both. */
export function platformCallbackGuard(deps: Deps): Middleware<AppState> {
  return callbackGuard({
    caller: 'platform',
    maxBytes: deps.config.pushes.maxBytes,
    mediaTypes: ['application/json', 'text/json', 'text/plain'],
    allowlist: [],
    limiter: sharedLimiter(rateLimitsRepo(deps.store.db), deps.log, { name: 'pay-callback', windowMs: 60_000, max: deps.config.pushes.perMinute }),
    refuse: (ctx, refusal, status) => {
      ctx.status = status;
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = REPLIES[refusal];
    },
  });
}
