import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Router from '@koa/router';
import Koa from 'koa';
import type { Deps } from './deps';
import type { AppState } from './http/context';
import { buildOpenApi } from './http/openapi';
import { bodyMiddleware } from './http/middleware/body';
import { errorMiddleware } from './http/middleware/errors';
import { staticAssets } from './http/middleware/static-assets';
import { requestContext } from './http/middleware/request-id';
import { requireSession } from './http/middleware/session';
import { clientAddressMiddleware } from './http/middleware/client-address';
import { inlineScriptHashes, securityHeaders } from './http/middleware/security-headers';
import type { AppMetrics } from './metrics/app-metrics';
import { authRoutes } from './http/routes/auth.route';
import { healthRoutes } from './http/routes/health.route';
import { hisFinanceRoutes } from './http/routes/his-finance.route';
import { hisPushRoutes } from './http/routes/his-push.route';
import { patientRoutes } from './http/routes/patients.route';
import { inpatientRoutes } from './http/routes/inpatient.route';
import { bookingRoutes } from './http/routes/booking.route';
import { feesRoutes } from './http/routes/fees.route';
import { payNotifyRoutes } from './http/routes/pay-notify.route';
import { payPushRoutes } from './http/routes/pay-push.route';
import { readingRoutes } from './http/routes/reports.route';
import { adminRoutes } from './http/routes/admin.route';
import { consoleRoutes } from './http/console/console.route';
import { reconciliationRoutes } from './http/routes/reconciliation.route';
import { consentRoutes } from './http/routes/consent.route';
import { depositRoutes } from './http/routes/deposit.route';
import { metricsRoutes } from './http/routes/metrics.route';
import { partnerOpenApiRoutes } from './http/routes/partner-openapi.route';

export const VERSION = '0.1.0';

/** Koa composition only: middleware order, routes, static client. */
export interface AppExtras {
  metrics?: AppMetrics;
  /** True once shutdown began: /readyz answers 503 so the load balancer stops sending. */
  draining?: () => boolean;
}

export function createApp(deps: Deps, paymentSecret: string, { metrics, draining }: AppExtras = {}): Koa<AppState> {
  // Koa's own proxy trust takes the leftmost X-Forwarded-For: the client's choice. Ours counts hops.
  const app = new Koa<AppState>({ proxy: false });
  app.on('error', () => undefined); // errors are answered and logged by errorMiddleware
  const router = new Router<AppState>();
  const auth = requireSession(deps.sessions, deps.now);

  healthRoutes(router, deps, draining);
  const openapi = buildOpenApi(VERSION);
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  authRoutes(router, deps, auth);
  patientRoutes(router, deps, auth);
  consentRoutes(router, deps, auth);
  bookingRoutes(router, deps, deps.catalogue, auth);
  depositRoutes(router, deps, auth);
  inpatientRoutes(router, deps, auth);
  feesRoutes(router, deps, auth);
  hisPushRoutes(router, deps);
  hisFinanceRoutes(router, deps);
  payNotifyRoutes(router, deps, paymentSecret);
  payPushRoutes(router, deps, paymentSecret);
  readingRoutes(router, deps, auth);
  adminRoutes(router, deps);
  partnerOpenApiRoutes(router, deps);
  consoleRoutes(router, deps);
  reconciliationRoutes(router, deps);
  if (metrics) metricsRoutes(router, deps, metrics);

  const server = deps.config.server;
  const publicDir = server.publicDir && resolve(server.publicDir);
  const hasClient = !!publicDir && existsSync(publicDir);
  const indexHtml = hasClient ? join(publicDir, 'index.html') : '';
  const scriptHashes = indexHtml && existsSync(indexHtml) ? inlineScriptHashes(readFileSync(indexHtml, 'utf8')) : [];

  app.use(clientAddressMiddleware({ hops: server.proxyHops, proxies: server.trustedProxies }));
  app.use(requestContext(deps.log));
  if (metrics) app.use(metrics.middleware);
  app.use(securityHeaders({ frameAncestors: server.frameAncestors, imgSrc: server.cspImgSrc, scriptHashes }));
  app.use(errorMiddleware());
  app.use(bodyMiddleware(server.bodyLimitBytes));
  app.use(router.routes());
  app.use(router.allowedMethods());

  if (hasClient) {
    const statics = staticAssets(publicDir, { index: 'index.html' });
    app.use(async (ctx, next) => {
      if (/^\/(api|his|pay|admin|openapi)\//.test(ctx.path)) return next();
      // A path that tries to leave the folder (or cannot be decoded) is simply not there.
      let decoded: string;
      try {
        decoded = decodeURIComponent(ctx.path);
      } catch {
        return next();
      }
      if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..')) return next();
      return statics(ctx as never, next);
    });
  }
  return app;
}
