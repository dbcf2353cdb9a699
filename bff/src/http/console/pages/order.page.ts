import { AppError } from '@hosp/shared';
import { can } from '../../../domain/admin/roles';
import { scrubString } from '../../../logger';
import { orderStory, resolveOrder, ResolveInput, type OrderStory } from '../../../workflows/admin/order-desk.workflow';
import { unsafeTextFields } from '../../text-safety';
import type { ConsolePage, PageContext } from '../console-kit';
import { consoleHref, html } from '../html';
import { ACTOR_LABELS, csrfField, dataTable, KIND_LABELS, label, REFUND_STATE_LABELS, STATE_LABELS, statusMessage, waitingReason, when, yuan } from '../views';

const ACTIONS = [
  { value: 'refund', text: '退款给患者（原路退回）' },
  { value: 'posted', text: '标记为已入账（已在 HIS 核实有这笔记录）' },
  { value: 'closed', text: '关闭订单（仅限从未付款的订单，号源已在 HIS 释放）' },
] as const;

interface FormState {
  action?: string;
  note?: string;
  errors: { action?: string; note?: string; form?: string };
}

function resolveForm(pc: PageContext, story: OrderStory, f: FormState) {
  const path = consoleHref(`/admin/order/${encodeURIComponent(story.order.tradeNo)}`);
  return html`<section aria-labelledby="resolve-title">
<h2 id="resolve-title">人工处理</h2>
${f.errors.form ? html`<p class="error-box" role="alert" id="resolve-error">${f.errors.form}</p>` : null}
<form method="post" action="${path}" class="stack" novalidate>
${csrfField(pc.csrfToken)}
<fieldset${f.errors.action ? html` aria-describedby="action-error"` : null}>
<legend>处理方式</legend>
${ACTIONS.map((a) => html`<label class="choice"><input type="radio" name="action" id="action-${a.value}" value="${a.value}"${f.action === a.value ? html` checked` : null} required> ${a.text}</label>`)}
${f.errors.action ? html`<p class="error" id="action-error">${f.errors.action}</p>` : null}
</fieldset>
<div>
<label for="note">处理说明（必填，4 到 500 字，写明核实经过）</label>
<textarea id="note" name="note" rows="3" maxlength="500" required${f.errors.note ? html` aria-invalid="true" aria-describedby="note-error"` : null}>${f.note ?? ''}</textarea>
${f.errors.note ? html`<p class="error" id="note-error">${f.errors.note}</p>` : null}
</div>
<div><button type="submit" class="primary" id="resolve-submit">提交处理</button></div>
</form>
</section>`;
}

function view(pc: PageContext, story: OrderStory, f: FormState, done: string | null) {
  const { order, events, refunds } = story;
  const canResolve = can(pc.operator.role, 'resolve') && order.state === 'attention';
  return html`${statusMessage(done)}
<dl class="facts">
<dt>订单号</dt><dd>${order.tradeNo}</dd>
<dt>类型</dt><dd>${label(KIND_LABELS, order.kind)}</dd>
<dt>内容</dt><dd>${scrubString(order.subject)}</dd>
<dt>状态</dt><dd id="order-state">${label(STATE_LABELS, order.state)}</dd>
${order.state === 'attention' ? html`<dt>原因</dt><dd id="order-reason">${waitingReason(order.state, order.attentionReason)}</dd>` : null}
<dt>金额</dt><dd>${yuan(order.amountFen)}</dd>
<dt>支付时间</dt><dd>${when(order.paidAt)}</dd>
<dt>HIS 单号</dt><dd>${order.hisRef ?? '—'}</dd>
</dl>
${dataTable('时间线', ['时间', '从', '到', '由谁', '说明'], events.map((e) => [when(e.at), e.from ? label(STATE_LABELS, e.from) : '—', label(STATE_LABELS, e.to), label(ACTOR_LABELS, e.actor), e.reason]), '没有记录。')}
${dataTable('退款', ['退款单号', '金额', '状态', '原因', '平台退款号', '发起时间', '完成时间'], refunds.map((r) => [r.outRefundNo, yuan(r.amountFen), label(REFUND_STATE_LABELS, r.state), r.reason, r.refundNo ?? '—', when(r.createdAt), when(r.settledAt)]), '这笔订单没有退款。')}
${canResolve ? resolveForm(pc, story, f) : order.state === 'attention' ? html`<p>您的角色只能查看，处理需要财务或管理员角色。</p>` : null}
<p><a href="/admin">返回待处理订单</a></p>`;
}

const DONE: Record<string, string> = { refund: '已提交退款，退款结果会出现在时间线上。', posted: '已标记为已入账。', closed: '订单已关闭。' };

async function load(pc: PageContext): Promise<OrderStory> {
  const story = await orderStory(pc.deps, pc.params.tradeNo ?? '');
  if (!story) throw new AppError('NOT_FOUND', '没有这笔订单');
  return story;
}

/** One order: facts, timeline, refunds, and the resolve form (same rules as the JSON resolve). */
export const orderPage: ConsolePage = {
  path: '/admin/order/:tradeNo',
  title: '订单详情',
  permission: 'read',
  async get(pc) {
    return { body: view(pc, await load(pc), { errors: {} }, DONE[pc.query.done ?? ''] ?? null), title: `订单 ${pc.params.tradeNo}` };
  },
  post: {
    permission: 'resolve',
    async handle(pc) {
      const story = await load(pc);
      const f: FormState = { action: pc.form.action, note: pc.form.note, errors: {} };
      const parsed = ResolveInput.safeParse({ action: pc.form.action, note: pc.form.note ?? '' });
      if (!parsed.success || unsafeTextFields(pc.form).length > 0) {
        const issues = parsed.success ? [] : parsed.error.issues;
        if (issues.some((i) => i.path[0] === 'action')) f.errors.action = '请选择处理方式';
        if (issues.some((i) => i.path[0] === 'note') || unsafeTextFields(pc.form).length > 0) f.errors.note = '请填写 4 到 500 字的处理说明（不含控制字符）';
        return { body: view(pc, story, f, null), status: 400 };
      }
      try {
        await resolveOrder(pc.deps, story.order.tradeNo, parsed.data, pc.operator.username);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err;
        await pc.audit('resolve', story.order.tradeNo, `${parsed.data.action}: ${parsed.data.note} (${err.message})`, 'refused');
        f.errors.form = err.message.includes('never closed') ? '已付款的订单不能关闭，只能退款或标记为已入账。' : '只有“待人工处理”的订单可以处理；这笔订单的状态已变化，请查看时间线。';
        return { body: view(pc, await load(pc), f, null), status: 409 };
      }
      await pc.audit('resolve', story.order.tradeNo, `${parsed.data.action}: ${parsed.data.note}`);
      return { redirect: consoleHref(`/admin/order/${encodeURIComponent(story.order.tradeNo)}`, { done: parsed.data.action }) };
    },
  },
};
