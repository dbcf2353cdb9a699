import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { z } from 'zod';
import { AppError, type Endpoint } from '@hosp/shared';
import type { AppContext, AppState } from './context';
import { rejectUnsafeText } from './text-safety';

type Input<E extends Endpoint> = {
  params: E['params'] extends z.ZodType ? z.infer<E['params']> : Record<string, never>;
  body: E['body'] extends z.ZodType ? z.infer<E['body']> : undefined;
  query: E['query'] extends z.ZodType ? z.infer<E['query']> : Record<string, never>;
  ctx: AppContext;
  accountId: string;
};

/**
 * Mounts one endpoint of the shared contract: params and body are parsed with its schemas (a
 * ZodError becomes VALIDATION_FAILED), and the handler's result is parsed with the response schema
 * so nothing outside the contract (an unmasked field, say) can leave.
 */
/**
 * Checked and serialised responses, by the object the handler returned: a cached result (the same
 * object again) is neither re-validated nor re-serialised.
 */
const serialised = new WeakMap<object, string>();

export function mount<E extends Endpoint>(
  router: Router<AppState>,
  endpoint: E,
  guards: Middleware<AppState>[],
  handler: (input: Input<E>) => Promise<z.input<E['response']>>,
): void {
  const run: Middleware<AppState> = async (ctx) => {
    const params = endpoint.params ? endpoint.params.parse(ctx.params) : {};
    const body = endpoint.body ? endpoint.body.parse(ctx.state.body ?? {}) : undefined;
    const query = endpoint.query ? endpoint.query.parse(ctx.query) : {};
    const result = await handler({ params, body, query, ctx: ctx as AppContext, accountId: ctx.state.accountId ?? '' } as Input<E>);
    ctx.status = 200;
    let text = typeof result === 'object' && result !== null ? serialised.get(result) : undefined;
    if (text === undefined) {
      const checked = endpoint.response.safeParse(result);
      if (!checked.success) {
        throw new AppError('INTERNAL', undefined, { reason: 'response outside contract', path: endpoint.path, issues: checked.error.issues.map((i) => i.path.join('.')) });
      }
      text = JSON.stringify(checked.data);
      if (typeof result === 'object' && result !== null) serialised.set(result, text);
    }
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = text;
  };
  // Unusable text is refused first: it names the field and costs no session look-up or rate-limit hit.
  const safeText: Middleware<AppState> = async (ctx, next) => {
    rejectUnsafeText({ params: ctx.params, query: ctx.query, body: ctx.state.body });
    await next();
  };
  router[endpoint.method](`/api${endpoint.path}`, safeText, ...guards, run);
}
