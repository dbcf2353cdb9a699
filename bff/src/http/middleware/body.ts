import type { Middleware } from 'koa';
import { AppError } from '@hosp/shared';
import type { AppState } from '../context';

/** Reads the body once, refusing anything over `limit` bytes as it streams in. */
export async function readRaw(req: NodeJS.ReadableStream & { headers: Record<string, unknown> }, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new AppError('BODY_TOO_LARGE', '请求内容过大');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limit) throw new AppError('BODY_TOO_LARGE', '请求内容过大');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** JSON bodies for the client API; other content types are left raw for the callback routes. */
export function bodyMiddleware(limit: number): Middleware<AppState> {
  return async (ctx, next) => {
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method)) {
      const raw = await readRaw(ctx.req as never, limit);
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
