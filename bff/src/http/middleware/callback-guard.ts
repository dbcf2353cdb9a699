import type { Middleware } from 'koa';
import type { RateLimiter } from '../../store/rate-limiter';
import type { AppContext, AppState } from '../context';
import { readCapped } from './body';
import { normalizeAddress } from './client-address';

export type CallbackRefusal = 'too-large' | 'content-type' | 'forbidden' | 'rate-limited' | 'internal';

export interface CallbackGuardOptions {
  /** Which caller (for logs): 'his' or 'platform'. */
  caller: string;
  maxBytes: number;
  /** Media types the caller sends; a request with none is read (and sniffed) too, unless `typeRequired`. */
  mediaTypes: readonly string[];
  typeRequired?: boolean;
  /** Addresses allowed to call; empty = any. */
  allowlist: readonly string[];
  limiter: RateLimiter;
  /** Answers a refusal in the caller's own format (and may record it first). */
  refuse(ctx: AppContext, refusal: CallbackRefusal, status: number): void | Promise<void>;
}

/**
 * The checks in front of every callback from HIS or the platform, cheapest first: declared size,
 * content type, caller address, the caller's rate, then the body read under the size cap. The
 * route then checks the signature before anything else. Any failure after this point that is not
 * the caller's (a database error) is answered in the caller's format too, so it tries again.
 */
export function callbackGuard(opts: CallbackGuardOptions): Middleware<AppState> {
  const allow = new Set(opts.allowlist.map(normalizeAddress));
  return async (ctx, next) => {
    const c = ctx as AppContext;
    const declared = Number(ctx.get('content-length'));
    if (Number.isFinite(declared) && declared > opts.maxBytes) return refuse(c, 'too-large', 413, { bytes: declared });
    const type = (ctx.get('content-type').split(';')[0] ?? '').trim().toLowerCase();
    if ((type !== '' || opts.typeRequired) && !opts.mediaTypes.includes(type)) return refuse(c, 'content-type', 415, { type: type.slice(0, 60) });
    if (allow.size > 0 && !allow.has(ctx.ip)) return refuse(c, 'forbidden', 403, { ip: ctx.ip });
    const decision = await opts.limiter.hit(ctx.ip);
    if (!decision.allowed) {
      ctx.set('Retry-After', String(decision.retryAfterS));
      return refuse(c, 'rate-limited', 429, {});
    }
    const body = await readCapped(ctx.req, opts.maxBytes);
    if (body === null) return refuse(c, 'too-large', 413, {});
    ctx.state.rawBody = body;
    try {
      await next();
    } catch (err) {
      ctx.state.log.error({ caller: opts.caller, path: ctx.path, err }, 'callback failed');
      await opts.refuse(c, 'internal', 500);
    }
  };

  async function refuse(ctx: AppContext, refusal: CallbackRefusal, status: number, detail: Record<string, unknown>): Promise<void> {
    // The body may be unread: do not keep the connection for another request.
    ctx.set('Connection', 'close');
    ctx.state.log.warn({ caller: opts.caller, path: ctx.path, refusal, ...detail }, 'callback refused');
    await opts.refuse(ctx, refusal, status);
  }
}
