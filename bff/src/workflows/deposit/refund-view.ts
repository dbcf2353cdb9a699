import type { DepositRefundView } from '@hosp/shared';
import { FINAL_STEPS, type PartStep } from '../../domain/deposit/refund-saga';
import { beijingDate } from '../../domain/time';
import type { DepositRefundPart, DepositRefundRequest } from '../../store/deposit-refunds.repo';
import { CHANNEL_LABELS } from './deposit-holder';

const WORDS: Record<PartStep, [string, string | null]> = {
  freezing: ['处理中', '正在向医院申请退款'],
  refunding: ['退款中', '医院已受理，正在原路退回'],
  confirming: ['已退回', '款项已原路退回，医院正在登记'],
  confirmed: ['已退回', '款项已原路退回'],
  rolling_back: ['未退款', '支付平台未能退款，金额正在恢复到预交金余额'],
  rolled_back: ['未退款', '支付平台未能退款，金额已恢复到预交金余额'],
  skipped: ['未退款', '医院未受理这笔退款，金额仍在预交金余额中'],
  attention: ['人工处理中', '医院工作人员正在核实这笔退款，款项不会丢失'],
};

/** Platforms promise 1–3 working days; we say the later date. */
const expected = (p: DepositRefundPart) => beijingDate(new Date(Date.parse(p.requestedAt) + 3 * 86_400_000));

/** What the patient sees of a refund: per record, in plain words decided here. */
export function refundView(req: DepositRefundRequest, parts: DepositRefundPart[]): DepositRefundView {
  const refundedFen = parts.filter((p) => p.step === 'confirmed' || p.step === 'confirming').reduce((s, p) => s + p.amountFen, 0);
  const overdue = parts.some((p) => p.overdue && !FINAL_STEPS.includes(p.step));
  const label =
    req.state === 'running' ? (overdue ? '退款处理中（工作人员已介入）' : '退款处理中')
    : req.state === 'attention' ? '部分退款需人工核实'
    : refundedFen === req.amountFen ? '退款完成'
    : refundedFen === 0 ? '未退款' : '部分退款';
  return {
    refundId: req.id,
    state: req.state,
    label,
    amountFen: req.amountFen,
    refundedFen,
    createdAt: req.createdAt,
    parts: parts.map((p) => {
      const [l, d] = WORDS[p.step];
      const late = p.overdue && !FINAL_STEPS.includes(p.step);
      return {
        recordId: p.recordId,
        channelLabel: CHANNEL_LABELS[p.channel],
        amountFen: p.amountFen,
        state: p.step,
        label: l,
        detail: late ? `${d ?? ''}；处理时间较长，工作人员已介入跟进` : d,
        expectedBy: ['refunding', 'confirming', 'confirmed'].includes(p.step) ? expected(p) : null,
      };
    }),
  };
}
