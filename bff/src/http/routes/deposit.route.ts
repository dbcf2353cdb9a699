import type Router from '@koa/router';
import { AppError, api } from '@hosp/shared';
import type { Middleware } from 'koa';
import type { Deps } from '../../deps';
import { depositAccount } from '../../workflows/deposit/deposit-account.workflow';
import { depositOwner } from '../../workflows/deposit/deposit-holder';
import { refundView } from '../../workflows/deposit/refund-view';
import { previewDepositRefund, startDepositRefund } from '../../workflows/deposit/start-refund.workflow';
import { topUpDeposit } from '../../workflows/deposit/top-up.workflow';
import type { AppState } from '../context';
import { mount } from '../contract-route';
import { rateLimit } from '../middleware/rate-limit';
import { rateLimitsRepo } from '../../store/rate-limits.repo';

/** The outpatient deposit journey: balance and records, top-up, refund and its progress. */
export function depositRoutes(router: Router<AppState>, deps: Deps, auth: Middleware<AppState>): void {
  const moneyLimit = rateLimit(rateLimitsRepo(deps.store.db), deps.log, { name: 'deposit', windowMs: 60_000, max: 20, key: (ctx) => String(ctx.state.accountId ?? '') });
  mount(router, api.depositAccount, [auth], ({ accountId, params }) => depositAccount(deps, accountId, params.id));
  mount(router, api.depositTopUp, [auth, moneyLimit], ({ accountId, params, body }) => topUpDeposit(deps, accountId, params.id, body));
  mount(router, api.depositRefundPlan, [auth], ({ accountId, params, query }) => previewDepositRefund(deps, accountId, params.id, query.amountFen));
  mount(router, api.depositRefund, [auth, moneyLimit], ({ accountId, params, body }) => startDepositRefund(deps, accountId, params.id, body));
  mount(router, api.depositRefundStatus, [auth], async ({ accountId, params }) => {
    const owner = await depositOwner(deps, accountId, params.id);
    const req = await deps.depositRefunds.get(params.refundId);
    if (!req || req.accountId !== accountId || req.patientId !== owner.patientId) throw new AppError('NOT_FOUND', '退款记录不存在');
    return refundView(req, await deps.depositRefunds.parts(req.id));
  });
}
