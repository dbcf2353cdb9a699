/** Why money went back: every automatic refund tells the patient in plain words. */
export const REFUND_CAUSES = ['his_declined', 'clinic_stopped', 'patient_cancelled', 'late_payment', 'operator', 'hospital'] as const;
export type RefundCause = (typeof REFUND_CAUSES)[number];

export function isRefundCause(v: unknown): v is RefundCause {
  return typeof v === 'string' && (REFUND_CAUSES as readonly string[]).includes(v);
}

/** The patient's words for a refund's cause; `noun` is what was paid for (预约 / 缴费 / …). */
export function refundWords(cause: RefundCause | null, noun: string): { why: string; rebook: boolean } {
  switch (cause) {
    case 'his_declined': return { why: `医院未能确认本次${noun}，已全额退款`, rebook: true };
    case 'clinic_stopped': return { why: '医生停诊，本次预约已取消并全额退款', rebook: true };
    case 'patient_cancelled': return { why: `您已取消本次${noun}，费用原路退回`, rebook: true };
    case 'late_payment': return { why: '订单超时关闭后才收到付款，已全额退款', rebook: true };
    case 'operator': return { why: '医院工作人员核实后为您办理了退款', rebook: false };
    // HIS started it (refundApply, e.g. the window cancelled a visit paid online).
    case 'hospital': return { why: `医院为您办理了${noun}退款，费用原路退回`, rebook: false };
    default: return { why: '费用原路退回', rebook: false };
  }
}

export type RefundOrigin = 'hospital' | 'patient' | 'operator' | 'system';

/** Who started a refund, as the patient's order shows it. */
export function refundOrigin(cause: RefundCause | null): RefundOrigin | null {
  switch (cause) {
    case 'hospital': return 'hospital';
    case 'patient_cancelled': return 'patient';
    case 'operator': return 'operator';
    case null: return null;
    default: return 'system';
  }
}
