import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Router from '@koa/router';
import Koa from 'koa';
import serve from 'koa-static';
import type { Deps } from './deps';
import type { AppState } from './http/context';
import { buildOpenApi } from './http/openapi';
import { bodyMiddleware } from './http/middleware/body';
import { errorMiddleware } from './http/middleware/errors';
import { requestContext } from './http/middleware/request-id';
import { requireSession } from './http/middleware/session';
import { authRoutes } from './http/routes/auth.route';
import { healthRoutes } from './http/routes/health.route';
import { hisPushRoutes } from './http/routes/his-push.route';
import { patientRoutes } from './http/routes/patients.route';
import { bookingRoutes } from './http/routes/booking.route';
import { feesRoutes } from './http/routes/fees.route';
import { payNotifyRoutes } from './http/routes/pay-notify.route';
import { payPushRoutes } from './http/routes/pay-push.route';
import { readingRoutes } from './http/routes/reports.route';
import { adminRoutes } from './http/routes/admin.route';

export const VERSION = '0.1.0';

/** Koa composition only: middleware order, routes, static client. */
export function createApp(deps: Deps, paymentSecret: string): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.config.server.trustProxy });
  app.on('error', () => undefined); // errors are answered and logged by errorMiddleware
  const router = new Router<AppState>();
  const auth = requireSession(deps.sessions, deps.now);

  healthRoutes(router, deps);
  const openapi = buildOpenApi(VERSION);
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  authRoutes(router, deps, auth);
  patientRoutes(router, deps, auth);
  bookingRoutes(router, deps, deps.catalogue, auth);
  feesRoutes(router, deps, auth);
  hisPushRoutes(router, deps);
  payNotifyRoutes(router, deps, paymentSecret);
  payPushRoutes(router, deps, paymentSecret);
  readingRoutes(router, deps, auth);
  adminRoutes(router, deps);

  app.use(requestContext(deps.log));
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    if (ctx.path.startsWith('/api/')) ctx.set('Cache-Control', 'no-store');
    await next();
  });
  app.use(errorMiddleware());
  app.use(bodyMiddleware(deps.config.server.bodyLimitBytes));
  app.use(router.routes());
  app.use(router.allowedMethods());

  const publicDir = deps.config.server.publicDir && resolve(deps.config.server.publicDir);
  if (publicDir && existsSync(publicDir)) {
    const statics = serve(publicDir, { index: 'index.html', maxage: 0 });
    app.use(async (ctx, next) => {
      if (ctx.path.startsWith('/api/') || ctx.path.startsWith('/his/') || ctx.path.startsWith('/pay/')) return next();
      return statics(ctx as never, next);
    });
  }
  return app;
}
