import { fenToYuan } from '@hosp/shared';
import { hisStartedRefunds } from '../../../workflows/admin/order-desk.workflow';
import type { ConsolePage } from '../console-kit';
import { toCsv } from '../csv';
import { label, REFUND_STATE_LABELS, when } from '../views';

/** The HIS-started refunds as CSV (finance and admin), audited as an export. */
export const hisRefundsExportPage: ConsolePage = {
  path: '/admin/his-refunds.csv',
  title: '导出医院发起的退款',
  permission: 'export',
  async get(pc) {
    const rows = await hisStartedRefunds(pc.deps, 10_000);
    await pc.audit('export', 'his-refunds', `${rows.length} rows`);
    const body = toCsv(
      ['HIS退款号', '订单号', '我方退款单号', '金额（元）', '状态', '冲正', '发起时间', '完成时间'],
      rows.map((r) => [r.hisId, r.tradeNo, r.outRefundNo, fenToYuan(r.amountFen), label(REFUND_STATE_LABELS, r.state), r.isReverse ? '是' : '否', when(r.createdAt), r.settledAt ? when(r.settledAt) : '']),
    );
    return { file: { name: `his-refunds-${when(pc.deps.now().toISOString()).slice(0, 10)}.csv`, type: 'text/csv; charset=utf-8', body } };
  },
};
