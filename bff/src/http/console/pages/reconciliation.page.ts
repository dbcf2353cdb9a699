import type { ConsolePage } from '../console-kit';
import { html } from '../html';

/**
 * PLACEHOLDER for the daily reconciliation page (issue 13). When `loadReconciliation(deps, date,
 * filters)` and `reconciliationCsv(deps, date, filters)` exist in `workflows/finance/`, replace
 * this module: GET renders the day's report with a filter form (method="get"), and a `?format=csv`
 * GET (permission 'export') returns `{ file: { name, type: 'text/csv; charset=utf-8', body } }`
 * after `await pc.audit('export', date, filters)`. The nav entry, path and registration stay.
 */
export const reconciliationPage: ConsolePage = {
  path: '/admin/reconciliation',
  title: '每日对账',
  nav: { label: '每日对账', order: 20 },
  permission: 'read',
  async get() {
    return { body: html`<p role="status">每日对账页面尚未开放。</p>` };
  },
};
