import { fenToYuan } from '@hosp/shared';
import { ACTIONS, CATEGORY_NAMES } from '../../domain/finance/reconcile';
import { TRANSACTION_TYPE_NAMES } from '../../domain/finance/ledger';
import type { StoredItem } from '../../store/reconciliation.repo';

/** CSV for Excel: a BOM so it reads UTF-8 (Chinese), CRLF, RFC 4180 quoting, money in yuan. */

const STATUS_NAMES: Record<StoredItem['status'], string> = { open: '待人工处理', auto_queued: '自动处理中', healed: '已自动处理', heal_failed: '自动处理未成功，待人工' };

const HEADER = ['对账日期', '交易类型', '商户订单号', '差异类别', '建议处理', '处理代码', '状态', '处理结果', 'HIS金额(元)', '我方金额(元)', 'HIS退款(元)', '我方退款(元)', '我方退款单号', 'HIS退款单号', '我方订单状态', '支付平台', '说明'];

/** Quotes when needed; a cell that a spreadsheet would run as a formula is kept as text. */
export function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function reconciliationCsvOf(date: string, items: readonly StoredItem[]): string {
  const lines = [HEADER.map(csvCell).join(',')];
  for (const i of items) {
    lines.push(
      [
        date, TRANSACTION_TYPE_NAMES[i.transactionType], i.tradeNo, CATEGORY_NAMES[i.category], ACTIONS[i.action].words, i.action, STATUS_NAMES[i.status], i.outcome ?? '',
        fenToYuan(i.hisFen), fenToYuan(i.ourFen), fenToYuan(i.hisRefundFen), fenToYuan(i.ourRefundFen), i.outRefundNo ?? '', i.hisRefundId ?? '', i.ourState ?? '', i.platform, i.note,
      ].map(csvCell).join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
