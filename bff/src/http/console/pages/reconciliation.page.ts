import { AppError } from '@hosp/shared';
import { can } from '../../../domain/admin/roles';
import { CATEGORIES, CATEGORY_NAMES } from '../../../domain/finance/reconcile';
import { RECONCILED_TYPES, TRANSACTION_TYPE_NAMES } from '../../../domain/finance/ledger';
import { beijingDate } from '../../../domain/time';
import type { ItemFilters } from '../../../store/reconciliation.repo';
import { loadReconciliation, reconciliationCsv } from '../../../workflows/finance/reconciliation.workflow';
import type { ConsolePage } from '../console-kit';
import { consoleHref, html } from '../html';
import { dataTable, statusMessage, when, yuan } from '../views';

/**
 * The day's reconciliation: a filter form (GET), the run it shows, every difference with its
 * suggested action and what the automatic one came to; `?format=csv` exports the same rows
 * (finance and admin), audited.
 */

const STATUS_NAMES: Record<string, string> = { open: '待人工处理', auto_queued: '自动处理中', healed: '已自动处理', heal_failed: '自动处理未成功' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filtersOf(q: Record<string, string>): ItemFilters {
  const f: ItemFilters = {};
  if ((CATEGORIES as readonly string[]).includes(q.category ?? '')) f.category = q.category;
  const t = Number(q.transactionType);
  if ((RECONCILED_TYPES as readonly number[]).includes(t)) f.transactionType = t;
  if (q.status && STATUS_NAMES[q.status]) f.status = q.status;
  return f;
}

const option = (value: string, text: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : null}>${text}</option>`;

export const reconciliationPage: ConsolePage = {
  path: '/admin/reconciliation',
  title: '每日对账',
  nav: { label: '每日对账', order: 20 },
  permission: 'read',
  async get(pc) {
    const { deps, query, operator } = pc;
    const date = DATE.test(query.date ?? '') ? query.date! : beijingDate(deps.now(), -1);
    const filters = filtersOf(query);
    const link = (extra: Record<string, string>) => consoleHref('/admin/reconciliation', { date, category: filters.category, transactionType: filters.transactionType ? String(filters.transactionType) : undefined, status: filters.status, ...extra });
    if (query.format === 'csv') {
      if (!can(operator.role, 'export')) throw new AppError('FORBIDDEN', '您的角色无权导出');
      await pc.audit('export', `reconciliation:${date}`, JSON.stringify(filters));
      return { file: { name: `reconciliation-${date}.csv`, type: 'text/csv; charset=utf-8', body: await reconciliationCsv(deps, date, filters) } };
    }
    const view = await loadReconciliation(deps, date, filters);
    const summary = (view.run?.summary ?? null) as { trades?: number; matched?: number; items?: number; failures?: Record<string, string> } | null;
    const failed = summary?.failures && Object.keys(summary.failures).length > 0 ? `HIS 未能提供：${Object.keys(summary.failures).join('、')}` : null;
    return {
      body: html`<form method="get" action="/admin/reconciliation" class="filters">
<label for="rc-date">对账日期</label> <input id="rc-date" name="date" type="date" value="${date}">
<label for="rc-type">交易类型</label> <select id="rc-type" name="transactionType">${option('', '全部', !filters.transactionType)}${RECONCILED_TYPES.map((t) => option(String(t), TRANSACTION_TYPE_NAMES[t], filters.transactionType === t))}</select>
<label for="rc-category">差异类别</label> <select id="rc-category" name="category">${option('', '全部', !filters.category)}${CATEGORIES.map((c) => option(c, CATEGORY_NAMES[c], filters.category === c))}</select>
<label for="rc-status">状态</label> <select id="rc-status" name="status">${option('', '全部', !filters.status)}${Object.entries(STATUS_NAMES).map(([k, v]) => option(k, v, filters.status === k))}</select>
<button type="submit">查看</button>
</form>
${view.run
  ? html`<p>本日对账于 ${when(view.run.finishedAt ?? view.run.startedAt)} 完成（共运行 ${view.runs.length} 次）：交易 ${summary?.trades ?? '—'} 笔，一致 ${summary?.matched ?? '—'} 笔，差异 ${summary?.items ?? '—'} 笔。</p>`
  : statusMessage('该日尚未对账。')}
${statusMessage(failed)}
${can(operator.role, 'export') && view.run ? html`<p><a href="${link({ format: 'csv' })}" id="reconciliation-export">导出 CSV</a></p>` : null}
${dataTable(
  `${date} 对账差异`,
  ['订单号', '交易类型', '差异类别', '建议处理', '状态', '处理结果', 'HIS 金额', '我方金额', 'HIS 退款', '我方退款'],
  view.items.map((i) => [
    i.ourState ? html`<a href="${consoleHref(`/admin/order/${encodeURIComponent(i.tradeNo)}`)}">${i.tradeNo}</a>` : i.tradeNo,
    i.transactionTypeName, i.categoryName, i.actionWords, STATUS_NAMES[i.status] ?? i.status, i.outcome ?? '—',
    yuan(i.hisFen), yuan(i.ourFen), yuan(i.hisRefundFen), yuan(i.ourRefundFen),
  ]),
  view.run ? '没有符合条件的差异。' : '没有对账结果。',
)}`,
    };
  },
};
