import { ordersWaiting } from '../../../workflows/admin/order-desk.workflow';
import type { ConsolePage } from '../console-kit';
import { consoleHref, html } from '../html';
import { dataTable, KIND_LABELS, label, STATE_LABELS, waitingReason, when, yuan } from '../views';

/** The orders waiting for a person (attention) first, then those settling by themselves. */
export const waitingPage: ConsolePage = {
  path: '/admin',
  title: '待处理订单',
  nav: { label: '待处理订单', order: 10 },
  permission: 'read',
  async get({ deps }) {
    const orders = await ordersWaiting(deps);
    const attention = orders.filter((o) => o.state === 'attention');
    const settling = orders.filter((o) => o.state !== 'attention');
    const rows = (list: typeof orders) =>
      list.map((o) => [html`<a href="${consoleHref(`/admin/order/${encodeURIComponent(o.tradeNo)}`)}">${o.tradeNo}</a>`, label(KIND_LABELS, o.kind), label(STATE_LABELS, o.state), waitingReason(o.state, o.attentionReason), yuan(o.amountFen), when(o.paidAt), when(o.updatedAt)]);
    const head = ['订单号', '类型', '状态', '原因', '金额', '支付时间', '最后变化'];
    return {
      body: html`<p>需要人工处理的订单（${attention.length} 笔）请打开订单核实后处理；正在自动处理的订单（${settling.length} 笔）列在后面，供核对。</p>
${dataTable('需要人工处理', head, rows(attention), '没有需要人工处理的订单。')}
${dataTable('正在自动处理（入账或退款中）', head, rows(settling), '没有正在自动处理的订单。')}`,
    };
  },
};
