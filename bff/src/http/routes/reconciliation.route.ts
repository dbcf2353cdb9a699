import type Router from '@koa/router';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { CATEGORIES } from '../../domain/finance/reconcile';
import { loadReconciliation, reconciliationCsv, runReconciliation } from '../../workflows/finance/reconciliation.workflow';
import type { AppState } from '../context';
import { requireAdmin } from './admin.route';

/** The daily reconciliation for operators: read a day (filtered), export it as CSV, run it again. */

const Filters = z.object({
  category: z.enum(CATEGORIES).optional(),
  transactionType: z.coerce.number().int().min(1).max(5).optional(),
  status: z.enum(['open', 'auto_queued', 'healed', 'heal_failed']).optional(),
});
const DateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export function reconciliationRoutes(router: Router<AppState>, deps: Deps): void {
  const token = deps.config.admin.token;
  if (!token) return;
  const admin = requireAdmin(token);
  const args = (ctx: { params: Record<string, string | undefined>; query: Record<string, unknown> }) => ({ date: DateParam.parse(ctx.params.date), filters: Filters.parse(ctx.query) });

  router.get('/admin/reconciliation/:date', admin, async (ctx) => {
    const { date, filters } = args(ctx);
    ctx.body = await loadReconciliation(deps, date, filters);
  });
  router.get('/admin/reconciliation/:date/csv', admin, async (ctx) => {
    const { date, filters } = args(ctx);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('content-disposition', `attachment; filename="reconciliation-${date}.csv"`);
    ctx.body = await reconciliationCsv(deps, date, filters);
  });
  router.post('/admin/reconciliation/:date/run', admin, async (ctx) => {
    const date = DateParam.parse(ctx.params.date);
    const { runId, summary } = await runReconciliation(deps, date, 'operator');
    deps.log.warn({ date, runId }, 'reconciliation run by an operator');
    ctx.body = { runId, summary };
  });
}
