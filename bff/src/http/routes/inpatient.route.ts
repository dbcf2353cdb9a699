import type Router from '@koa/router';
import { api } from '@hosp/shared';
import type { Middleware } from 'koa';
import type { Deps } from '../../deps';
import { dayBill, stayHome, stayPrepays } from '../../workflows/inpatient/stay.workflow';
import { createPrepay, familyLookup, familyPrepay, prepayOptions } from '../../workflows/inpatient/prepay.workflow';
import type { AppContext, AppState } from '../context';
import { mount } from '../contract-route';
import { rateLimit } from '../middleware/rate-limit';
import { rateLimitsRepo } from '../../store/rate-limits.repo';

/** The stay home, daily bill, prepay, and a relative's top-up (住院服务). */
export function inpatientRoutes(router: Router<AppState>, deps: Deps, auth: Middleware<AppState>): void {
  const payLimit = rateLimit(rateLimitsRepo(deps.store.db), deps.log, { name: 'prepay', windowMs: 60_000, max: 20, key: (ctx) => String(ctx.state.accountId ?? '') });
  // Family top-up checks a name against an inpatient number: limited per account and per number, so
  // neither one account guessing many stays nor many accounts guessing one stay's name get far.
  const max = deps.config.inpatient.familyLookupsPerHour;
  const serial = (ctx: AppContext) => String((ctx.state.body as { serialNumber?: unknown } | undefined)?.serialNumber ?? '').trim().toUpperCase();
  const perAccount = rateLimit(rateLimitsRepo(deps.store.db), deps.log, { name: 'family', windowMs: 3_600_000, max, key: (ctx) => String(ctx.state.accountId ?? '') });
  const perStay = rateLimit(rateLimitsRepo(deps.store.db), deps.log, { name: 'family-stay', windowMs: 3_600_000, max, key: (ctx) => serial(ctx) });

  mount(router, api.stay, [auth], ({ accountId, params }) => stayHome(deps, accountId, params.id));
  mount(router, api.dayBill, [auth], ({ accountId, params, query }) => dayBill(deps, accountId, params.id, query.date));
  mount(router, api.stayPrepays, [auth], ({ accountId, params }) => stayPrepays(deps, accountId, params.id));
  mount(router, api.prepayOptions, [auth], async () => prepayOptions(deps));
  mount(router, api.prepay, [auth, payLimit], ({ accountId, body }) => createPrepay(deps, accountId, body));
  mount(router, api.familyLookup, [auth, perAccount, perStay], ({ body }) => familyLookup(deps, body));
  mount(router, api.familyPrepay, [auth, perAccount, perStay, payLimit], ({ accountId, body }) => familyPrepay(deps, accountId, body));
}
