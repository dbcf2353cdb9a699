import type Router from '@koa/router';
import type { Deps } from '../../deps';
import { ping } from '../../store/db';
import type { AppState } from '../context';

/** /healthz: the process answers. /readyz: it can do work (database reachable, not shutting down). */
export function healthRoutes(router: Router<AppState>, deps: Deps, draining: () => boolean = () => false): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    if (draining()) {
      ctx.status = 503;
      ctx.body = { status: 'draining', database: deps.store.dialect };
      return;
    }
    try {
      await ping(deps.store.db);
      ctx.body = { status: 'ready', database: deps.store.dialect };
    } catch (err) {
      ctx.state.log.error({ err }, 'readiness check failed');
      ctx.status = 503;
      ctx.body = { status: 'unavailable', database: deps.store.dialect };
    }
  });
}
