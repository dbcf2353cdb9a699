import type Router from '@koa/router';
import { AppError, api } from '@hosp/shared';
import type { Middleware } from 'koa';
import type { Deps } from '../../deps';
import type { CatalogueService } from '../../workflows/booking/catalogue.service';
import { doctorProfile, searchCatalogue } from '../../workflows/booking/catalogue-search.workflow';
import { createBooking } from '../../workflows/booking/create-booking.workflow';
import { cancelOrder } from '../../workflows/orders/cancel-order.workflow';
import { orderDetailView, orderSummaries } from '../../workflows/orders/order-view';
import { payOrder } from '../../workflows/orders/pay-order.workflow';
import { syncPayment } from '../../workflows/orders/poll-payment.job';
import type { AppState } from '../context';
import { mount } from '../contract-route';
import { rateLimit } from '../middleware/rate-limit';
import { rateLimitsRepo } from '../../store/rate-limits.repo';

export function bookingRoutes(router: Router<AppState>, deps: Deps, catalogue: CatalogueService, auth: Middleware<AppState>): void {
  const payLimit = rateLimit(rateLimitsRepo(deps.store.db), deps.log, { name: 'pay', windowMs: 60_000, max: 20, key: (ctx) => ctx.state.accountId ?? '' });

  mount(router, api.departments, [auth], () => catalogue.departmentTree());
  mount(router, api.doctors, [auth], async ({ query }) => ({ doctors: await catalogue.doctors(query.departmentCode) }));
  mount(router, api.searchCatalogue, [auth], ({ query }) => searchCatalogue(catalogue, query.q));
  mount(router, api.doctorProfile, [auth], ({ params }) => doctorProfile(catalogue, params.code));
  mount(router, api.schedules, [auth], ({ query }) => catalogue.scheduleList(query.departmentCode, query.from, query.to));
  mount(router, api.slots, [auth], async ({ query }) => ({
    slots: await catalogue.slots(query.departmentCode, query.scheduleId),
    timeSlotsUsed: deps.config.catalogue.timeSlots,
  }));
  mount(router, api.createBooking, [auth, payLimit], ({ accountId, body }) => createBooking(deps, catalogue, accountId, body));

  mount(router, api.listOrders, [auth], async ({ accountId }) => {
    return { orders: await orderSummaries(deps, await deps.orders.listByAccount(accountId)) };
  });
  const owned = async (accountId: string, tradeNo: string) => {
    const o = await deps.orders.getOwned(accountId, tradeNo);
    if (!o) throw new AppError('NOT_FOUND', '订单不存在');
    return o;
  };
  mount(router, api.getOrder, [auth], async ({ accountId, params }) => orderDetailView(deps, await owned(accountId, params.tradeNo)));
  mount(router, api.payOrder, [auth, payLimit], ({ accountId, params }) => payOrder(deps, accountId, params.tradeNo));
  // The client came back from the pay sheet or cashier: ask the platform now rather than wait.
  mount(router, api.syncOrder, [auth], async ({ accountId, params }) => {
    await owned(accountId, params.tradeNo);
    await syncPayment(deps, params.tradeNo);
    return orderDetailView(deps, await owned(accountId, params.tradeNo));
  });
  mount(router, api.cancelOrder, [auth], ({ accountId, params }) => cancelOrder(deps, accountId, params.tradeNo));
}
