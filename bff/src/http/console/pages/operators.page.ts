import { OPERATOR_ROLES } from '@hosp/config';
import { AppError } from '@hosp/shared';
import { ROLE_LABELS } from '../../../domain/admin/roles';
import type { Operator } from '../../../store/operators.repo';
import { changeOperator, createOperator, listOperators, NewOperator, OperatorChange } from '../../../workflows/admin/operators.workflow';
import type { ConsolePage, PageContext } from '../console-kit';
import { html } from '../html';
import { csrfField, dataTable, statusMessage } from '../views';

type Errors = Partial<Record<'username' | 'displayName' | 'role' | 'password' | 'form', string>>;

const field = (id: string, text: string, errors: Errors, key: keyof Errors, input: ReturnType<typeof html>) =>
  html`<div><label for="${id}">${text}</label>${input}${errors[key] ? html`<p class="error" id="${id}-error">${errors[key]}</p>` : null}</div>`;
const described = (id: string, errors: Errors, key: keyof Errors) => (errors[key] ? html` aria-invalid="true" aria-describedby="${id}-error"` : null);

function rowForm(pc: PageContext, o: Operator) {
  const id = `op-${o.id}`;
  return html`<form method="post" action="/admin/operators">
${csrfField(pc.csrfToken)}<input type="hidden" name="intent" value="change"><input type="hidden" name="id" value="${o.id}">
<label for="${id}-role">${o.username} 的角色</label>
<select id="${id}-role" name="role">${OPERATOR_ROLES.map((r) => html`<option value="${r}"${r === o.role ? html` selected` : null}>${ROLE_LABELS[r]}</option>`)}</select>
<label for="${id}-state">${o.username} 的状态</label>
<select id="${id}-state" name="disabled"><option value="0"${!o.disabled ? html` selected` : null}>启用</option><option value="1"${o.disabled ? html` selected` : null}>停用</option></select>
<label for="${id}-password">${o.username} 的新密码（不改请留空）</label>
<input id="${id}-password" name="password" type="password" autocomplete="new-password">
<button type="submit" class="primary">保存 ${o.username}</button>
</form>`;
}

async function view(pc: PageContext, errors: Errors, values: Record<string, string>, done: string | null) {
  const operators = await listOperators(pc.deps);
  return html`${statusMessage(done)}
${errors.form ? html`<p class="error-box" role="alert">${errors.form}</p>` : null}
${dataTable('操作员', ['用户名', '姓名', '角色', '状态', '修改'], operators.map((o) => [o.username, o.displayName, ROLE_LABELS[o.role], o.disabled ? '已停用' : o.lockedUntil && o.lockedUntil > pc.deps.now().toISOString() ? '暂时锁定' : '启用', rowForm(pc, o)]), '还没有操作员。')}
<section aria-labelledby="new-operator"><h2 id="new-operator">新增操作员</h2>
<form method="post" action="/admin/operators" class="stack" novalidate>
${csrfField(pc.csrfToken)}<input type="hidden" name="intent" value="create">
${field('new-username', '用户名（字母、数字、. _ -）', errors, 'username', html`<input id="new-username" name="username" autocomplete="off" value="${values.username ?? ''}"${described('new-username', errors, 'username')}>`)}
${field('new-displayName', '姓名', errors, 'displayName', html`<input id="new-displayName" name="displayName" autocomplete="off" value="${values.displayName ?? ''}"${described('new-displayName', errors, 'displayName')}>`)}
${field('new-role', '角色', errors, 'role', html`<select id="new-role" name="role"${described('new-role', errors, 'role')}>${OPERATOR_ROLES.map((r) => html`<option value="${r}"${r === (values.role ?? 'viewer') ? html` selected` : null}>${ROLE_LABELS[r]}</option>`)}</select>`)}
${field('new-password', '初始密码（至少 12 位）', errors, 'password', html`<input id="new-password" name="password" type="password" autocomplete="new-password"${described('new-password', errors, 'password')}>`)}
<div><button type="submit" class="primary">新增</button></div>
</form></section>
<p class="hint">角色：只读（查看所有页面）；财务（另可处理订单、导出）；管理员（另可管理操作员）。修改角色、停用或重置密码会让该操作员重新登录。</p>`;
}

/** Operators: who may use the console, with which role (admins only). */
export const operatorsPage: ConsolePage = {
  path: '/admin/operators',
  title: '操作员管理',
  nav: { label: '操作员管理', order: 70 },
  permission: 'manage_operators',
  async get(pc) {
    return { body: await view(pc, {}, {}, pc.query.done === 'created' ? '已新增操作员。' : pc.query.done === 'changed' ? '已保存。' : null) };
  },
  post: {
    permission: 'manage_operators',
    async handle(pc) {
      const by = { operator: pc.operator, address: pc.address };
      try {
        if (pc.form.intent === 'change') {
          const change = OperatorChange.safeParse({ role: pc.form.role, disabled: pc.form.disabled, password: pc.form.password ?? '' });
          if (!change.success) return { body: await view(pc, { form: change.error.issues[0]?.message ?? '提交的信息有误' }, {}, null), status: 400 };
          await changeOperator(pc.deps, by, pc.form.id ?? '', change.data);
          return { redirect: '/admin/operators?done=changed' };
        }
        const parsed = NewOperator.safeParse(pc.form);
        if (!parsed.success) {
          const errors: Errors = {};
          for (const i of parsed.error.issues) errors[i.path[0] as keyof Errors] ??= i.message;
          return { body: await view(pc, errors, pc.form, null), status: 400 };
        }
        await createOperator(pc.deps, by, parsed.data);
        return { redirect: '/admin/operators?done=created' };
      } catch (err) {
        if (err instanceof AppError && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND')) return { body: await view(pc, { form: err.message }, pc.form.intent === 'create' ? pc.form : {}, null), status: 409 };
        throw err;
      }
    },
  },
};
