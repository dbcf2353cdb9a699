import type { OrderStateName } from '@hosp/shared';

/** "2025-05-21 14:03" in Beijing time (the hospital's clock), from an ISO instant. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Colour of the BFF's status label (presentation only: the label itself is the BFF's). */
export function statusTone(state: OrderStateName): 'pending' | 'success' | 'closed' | 'refund' | 'attention' {
  switch (state) {
    case 'created':
    case 'paying':
    case 'paid':
    case 'posting':
      return 'pending';
    case 'posted':
      return 'success';
    case 'refunding':
    case 'refunded':
      return 'refund';
    case 'attention':
      return 'attention';
    default:
      return 'closed';
  }
}

/** Each order kind's own name in the list (the BFF's subject says what, this says which service). */
export const KIND_NAMES: Record<string, string> = { subscription: '预约挂号', register: '当日挂号', hisSrc: '门诊缴费', eCardPay: '一卡通充值', prepaySrc: '住院预缴', deposit: '预交金' };
