import type Router from '@koa/router';
import type { Deps } from '../../deps';
import type { AppMetrics } from '../../metrics/app-metrics';
import type { AppState } from '../context';
import { requireAdmin } from './admin.route';

/** GET /metrics in Prometheus text format, behind the operator token like /admin (off without one). */
export function metricsRoutes(router: Router<AppState>, deps: Deps, metrics: AppMetrics): void {
  const token = deps.config.admin.token;
  if (!token) return;
  router.get('/metrics', requireAdmin(token), async (ctx) => {
    const { contentType, text } = await metrics.scrape();
    ctx.type = contentType;
    ctx.body = text;
  });
}
