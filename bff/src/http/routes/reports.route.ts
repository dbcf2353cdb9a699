import type Router from '@koa/router';
import { api } from '@hosp/shared';
import type { Middleware } from 'koa';
import type { Deps } from '../../deps';
import { listNotices, readNotice } from '../../workflows/notices/notices.workflow';
import { myQueue, departmentQueue } from '../../workflows/queue/queue.workflow';
import { listReports, reportDetail } from '../../workflows/reports/reports.workflow';
import type { AppState } from '../context';
import { mount } from '../contract-route';

/** Reports, the message centre and the queue: everything a patient reads rather than pays. */
export function readingRoutes(router: Router<AppState>, deps: Deps, auth: Middleware<AppState>): void {
  mount(router, api.reports, [auth], ({ accountId, params, query }) => listReports(deps, accountId, params.id, query));
  mount(router, api.report, [auth], ({ accountId, params }) => reportDetail(deps, accountId, params.id, params.reportId));
  mount(router, api.notices, [auth], ({ accountId }) => listNotices(deps, accountId));
  mount(router, api.unreadCount, [auth], async ({ accountId }) => ({ unread: await deps.notices.unreadCount(accountId) }));
  mount(router, api.readNotice, [auth], ({ accountId, params }) => readNotice(deps, accountId, params.id));
  mount(router, api.readAllNotices, [auth], ({ accountId }) => readNotice(deps, accountId, null));
  mount(router, api.myQueue, [auth], ({ accountId }) => myQueue(deps, accountId));
  mount(router, api.departmentQueue, [auth], ({ query }) => departmentQueue(deps, query.departmentCode));
  // Public: the customer-service phone must be reachable before (and when) login fails.
  const ps = deps.config.patientService;
  mount(router, api.hospitalInfo, [], async () => ({ name: ps.hospitalName, customerServicePhone: ps.customerServicePhone, serviceHours: ps.serviceHours }));
}
