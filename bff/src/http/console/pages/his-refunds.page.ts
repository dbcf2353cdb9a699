import { hisStartedRefunds } from '../../../workflows/admin/order-desk.workflow';
import { can } from '../../../domain/admin/roles';
import type { ConsolePage } from '../console-kit';
import { consoleHref, html } from '../html';
import { dataTable, label, REFUND_STATE_LABELS, when, yuan } from '../views';

/** Refunds HIS started (refundApply): HIS's key, our order, amount, state, whether it is a reversal. */
export const hisRefundsPage: ConsolePage = {
  path: '/admin/his-refunds',
  title: '医院发起的退款',
  nav: { label: '医院发起的退款', order: 40 },
  permission: 'read',
  async get({ deps, operator }) {
    const rows = await hisStartedRefunds(deps);
    return {
      body: html`<p>HIS 通过退款申请接口发起的退款（例如窗口取消了线上已付的挂号）。冲正的退款不计入对账。</p>
${can(operator.role, 'export') ? html`<p><a href="/admin/his-refunds.csv" id="his-refunds-export">导出 CSV</a></p>` : null}
${dataTable(
  '医院发起的退款',
  ['HIS 退款号', '订单号', '我方退款单号', '金额', '状态', '冲正', '发起时间', '完成时间'],
  rows.map((r) => [r.hisId, html`<a href="${consoleHref(`/admin/order/${encodeURIComponent(r.tradeNo)}`)}">${r.tradeNo}</a>`, r.outRefundNo, yuan(r.amountFen), label(REFUND_STATE_LABELS, r.state), r.isReverse ? '是' : '否', when(r.createdAt), when(r.settledAt)]),
  '没有医院发起的退款。',
)}`,
    };
  },
};
