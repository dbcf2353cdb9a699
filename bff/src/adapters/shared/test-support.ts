/** Helpers for the adapter tests (not used by production code). */
import Koa from 'koa';
import { AppError } from '@hosp/shared';
import { listenLocal, type RunningSimulator } from './sim-kit';
import type { LoggerLike } from './upstream-http';

/** A logger that keeps every line (object JSON + message) for assertions on what gets logged. */
export function capturingLogger(): LoggerLike & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (obj, msg) => void lines.push(JSON.stringify(obj) + (msg ?? '')),
    warn: (obj, msg) => void lines.push(JSON.stringify(obj) + (msg ?? '')),
  };
}

/** The code of the AppError `p` rejects with; the test fails if it resolves or rejects otherwise. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error('expected a rejection');
}

/** The `detail.reason` of the AppError `p` rejects with (the test fails if it does not reject). */
export async function reasonOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).detail?.reason;
  }
  throw new Error('expected a rejection');
}

/** A server that answers every request with a fixed 200 body: for replies no simulator sends. */
export function fixedReplyServer(body: string, type = 'application/json'): Promise<RunningSimulator> {
  const app = new Koa();
  app.silent = true;
  app.use((ctx) => {
    ctx.status = 200;
    ctx.type = type;
    ctx.body = body;
  });
  return listenLocal(app);
}
