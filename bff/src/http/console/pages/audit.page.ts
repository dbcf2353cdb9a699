import { scrubString } from '../../../logger';
import { AUDIT_ACTIONS, auditTrail, type AuditAction } from '../../../workflows/admin/audit-trail.workflow';
import type { ConsolePage } from '../console-kit';
import { html } from '../html';
import { dataTable, when } from '../views';

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  login: '登录', logout: '退出登录', resolve: '处理订单', export: '导出', operator_create: '新增操作员', operator_update: '修改操作员',
};

/** The audit trail: every login (failed ones too), logout, resolve, export and operator change. */
export const auditPage: ConsolePage = {
  path: '/admin/audit',
  title: '操作记录',
  nav: { label: '操作记录', order: 60 },
  permission: 'read',
  async get({ deps, query }) {
    const action = (AUDIT_ACTIONS as readonly string[]).includes(query.action ?? '') ? (query.action as AuditAction) : undefined;
    const rows = await auditTrail(deps, { action, limit: 300 });
    return {
      body: html`<form method="get" action="/admin/audit" class="stack">
<div><label for="audit-action">操作类型</label>
<select id="audit-action" name="action"><option value="">全部</option>${AUDIT_ACTIONS.map((a) => html`<option value="${a}"${a === action ? html` selected` : null}>${AUDIT_ACTION_LABELS[a]}</option>`)}</select></div>
<div><button type="submit" class="primary">筛选</button></div>
</form>
${dataTable('最近的操作（最新的在前，最多 300 条）', ['时间', '操作员', '操作', '对象', '结果', '说明', '地址'], rows.map((r) => [when(r.at), r.operatorName, AUDIT_ACTION_LABELS[r.action] ?? r.action, r.target ?? '—', r.outcome === 'ok' ? '成功' : '被拒绝', r.note ? scrubString(r.note) : '—', r.address]), '没有记录。')}`,
    };
  },
};
