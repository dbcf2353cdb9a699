import type { Middleware } from 'koa';
import { AppError } from '@hosp/shared';
import type { AppState } from '../context';

/**
 * The body, or null past `limit` bytes. The rest is drained unread rather than the stream destroyed
 * (which would take the socket, and our answer, with it); the caller closes the connection after
 * answering.
 */
export function readCapped(req: NodeJS.ReadableStream, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > limit) {
        cleanup();
        req.resume();
        resolve(null);
      } else chunks.push(buf);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Reads the body once, refusing anything over `limit` bytes as it streams in. */
export async function readRaw(req: NodeJS.ReadableStream & { headers: Record<string, unknown> }, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new AppError('BODY_TOO_LARGE', '请求内容过大');
  const body = await readCapped(req, limit);
  if (body === null) throw new AppError('BODY_TOO_LARGE', '请求内容过大');
  return body;
}

/** Callbacks from HIS and the platform, and partners' calls, read their own bodies, under their own limits and formats. */
const CALLBACKS = /^\/(his|pay|openapi)\//;

/** JSON bodies for the client API and the operator endpoints. */
export function bodyMiddleware(limit: number): Middleware<AppState> {
  return async (ctx, next) => {
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) && !CALLBACKS.test(ctx.path)) {
      let raw: Buffer;
      try {
        raw = await readRaw(ctx.req as never, limit);
      } catch (err) {
        ctx.set('Connection', 'close');
        throw err;
      }
      ctx.state.rawBody = raw;
      if (raw.length > 0 && ctx.is('application/json')) {
        try {
          ctx.state.body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new AppError('VALIDATION_FAILED', '请求内容不是有效的 JSON');
        }
      }
    }
    await next();
  };
}
