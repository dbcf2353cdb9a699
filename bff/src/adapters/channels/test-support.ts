/** Helpers for the channel tests (not used by production code). */
import Koa from 'koa';
import { listenLocal, type RunningSimulator } from '../shared/sim-kit';

export { capturingLogger } from '../shared/test-support';

/** A server that answers every request with a fixed 200 body: for reply shapes no simulator sends. */
export function fixedReplyServer(body: string): Promise<RunningSimulator> {
  const app = new Koa();
  app.silent = true;
  app.use((ctx) => {
    ctx.status = 200;
    ctx.type = 'application/json';
    ctx.body = body;
  });
  return listenLocal(app);
}
