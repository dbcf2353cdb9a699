import type Router from '@koa/router';
import { api } from '@hosp/shared';
import type { Middleware } from 'koa';
import type { Deps } from '../../deps';
import { createRecharge, eCardOf } from '../../workflows/ecard/ecard.workflow';
import { createFeeOrder, outpatientFees } from '../../workflows/outpatient/fees.workflow';
import type { AppState } from '../context';
import { mount } from '../contract-route';
import { rateLimit } from '../middleware/rate-limit';
import { rateLimitsRepo } from '../../store/rate-limits.repo';

/** Outpatient fees (门诊缴费) and the one-card (一卡通). */
export function feesRoutes(router: Router<AppState>, deps: Deps, auth: Middleware<AppState>): void {
  const payLimit = rateLimit(rateLimitsRepo(deps.store.db), deps.log, { name: 'pay', windowMs: 60_000, max: 20, key: (ctx) => String(ctx.state.accountId ?? '') });
  mount(router, api.outpatientFees, [auth], ({ accountId, query }) => outpatientFees(deps, accountId, query.patientId));
  mount(router, api.createFeeOrder, [auth, payLimit], ({ accountId, body }) => createFeeOrder(deps, accountId, body));
  mount(router, api.eCard, [auth], ({ accountId, query }) => eCardOf(deps, accountId, query.patientId));
  mount(router, api.createRecharge, [auth, payLimit], ({ accountId, body }) => createRecharge(deps, accountId, body));
}
