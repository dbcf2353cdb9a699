import { beijingDateTime } from '../../../domain/time';

/**
 * The simulated hospital's outpatient deposit accounts. The people are the HIS simulator's demo
 * patients (bff/src/adapters/his/sim/seed.ts), named here by value: card number and HIS id.
 * Top-up times count back from the simulator's clock so a "last 90 days" list always finds them.
 */

export interface SimDepositRecord {
  orderId: string;
  hisFlowNo: string;
  /** `yyyy-MM-dd HH:mm:ss`, Beijing. */
  hisDate: string;
  /** ChannelType: 0 微信, 1 支付宝, 2 银联; null = cash at the window (no channel). */
  channelType: '0' | '1' | '2' | null;
  channelOrderNo: string | null;
  hisOrderId: string;
  /** The app's own order id (OrderMemo) for top-ups made through the app. */
  orderMemo: string | null;
  payFen: number;
  /** Confirmed refunds only (open freezes are not refunds yet). */
  refundedFen: number;
  allowRefund: boolean;
  /** The last confirmed refund's TransNo (RefundOrderId). */
  refundOrderId: string | null;
}

export interface SimDepositAccount {
  cardNo: string;
  hisId: string;
  realName: string;
  /** Available balance: frozen amounts are already taken off. */
  balanceFen: number;
  records: SimDepositRecord[];
}

/** One refund's freeze and its settlement, by TransNo. */
export interface SimFreeze {
  transNo: string;
  cardNo: string;
  orderId: string;
  hisFlowNo: string;
  priceFen: number;
  status: 'frozen' | 'confirmed' | 'rolled_back';
  hisCancelNo: string;
  invoiceNo: string;
  /** Times each change was committed: the document's promise is at most once each. */
  commits: { freeze: number; confirm: number; rollback: number };
  /** What the freeze and the settlement answered, answered again to a repeated request. */
  freezeReply: Record<string, string>;
  settleReply: Record<string, string> | null;
}

export interface SimDepositState {
  /** By card number. */
  accounts: Map<string, SimDepositAccount>;
  freezes: Map<string, SimFreeze>;
  nextSeq: number;
  now: () => Date;
}

interface RecordSeed {
  orderId: string;
  daysAgo: number;
  channelType: SimDepositRecord['channelType'];
  payFen: number;
  refundedFen?: number;
  allowRefund: boolean;
}

/** What the demo and the tests may rely on (fen). */
export const depositSeed = {
  /** 张三: wechat partly refunded, alipay, cash (not refundable), wechat fully refunded, unionpay; 60.00 spent at the counter. */
  outpatient: {
    cardNo: '000123456',
    hisId: '6000234',
    realName: '张三',
    records: [
      { orderId: 'CZ2024000101', daysAgo: 20, channelType: '0', payFen: 20000, refundedFen: 5000, allowRefund: true },
      { orderId: 'CZ2024000102', daysAgo: 10, channelType: '1', payFen: 10000, allowRefund: true },
      { orderId: 'CZ2024000103', daysAgo: 9, channelType: null, payFen: 5000, allowRefund: false },
      { orderId: 'CZ2024000104', daysAgo: 40, channelType: '0', payFen: 3000, refundedFen: 3000, allowRefund: true },
      { orderId: 'CZ2024000105', daysAgo: 3, channelType: '2', payFen: 8000, allowRefund: true },
    ] satisfies RecordSeed[],
    /** 150.00 + 100.00 + 50.00 + 80.00 left on the records, 60.00 spent. */
    balanceFen: 32000,
    /** Sum of what the refundable records may still refund (more than the balance, on purpose). */
    refundableFen: 33000,
  },
  /** 李思思: an account with nothing in it. */
  virtualCard: { cardNo: 'xn00000001', hisId: '6000235', realName: '李思思', records: [] as RecordSeed[], balanceFen: 0 },
  /** 王五: one wechat top-up, untouched. */
  inpatient: {
    cardNo: '00001001',
    hisId: 'NB666888',
    realName: '王五',
    records: [{ orderId: 'CZ2024000201', daysAgo: 5, channelType: '0', payFen: 50000, allowRefund: true }] satisfies RecordSeed[],
    balanceFen: 50000,
  },
  /** 赵丽: cash only, nothing refundable online. */
  discharged: {
    cardNo: '0000777',
    hisId: '6000237',
    realName: '赵丽',
    records: [{ orderId: 'CZ2024000301', daysAgo: 15, channelType: null, payFen: 20000, allowRefund: false }] satisfies RecordSeed[],
    balanceFen: 12000,
  },
  /** 周八 (card reported lost in HIS core): the deposit document says nothing of card status. */
  lostCard: {
    cardNo: '0000888',
    hisId: '6000238',
    realName: '周八',
    records: [{ orderId: 'CZ2024000401', daysAgo: 30, channelType: '1', payFen: 6000, allowRefund: true }] satisfies RecordSeed[],
    balanceFen: 6000,
  },
} as const;

export function simRecord(seq: number, at: Date, r: RecordSeed | (Omit<RecordSeed, 'daysAgo'> & { orderMemo?: string | null })): SimDepositRecord {
  const daysAgo = 'daysAgo' in r ? r.daysAgo : 0;
  const n = String(seq).padStart(6, '0');
  return {
    orderId: r.orderId,
    hisFlowNo: `YJ${n}`,
    hisDate: beijingDateTime(new Date(at.getTime() - daysAgo * 86_400_000)),
    channelType: r.channelType,
    channelOrderNo: r.channelType === null ? null : `CH${r.channelType}${n}`,
    hisOrderId: `HO${n}`,
    orderMemo: 'orderMemo' in r ? (r.orderMemo ?? null) : null,
    payFen: r.payFen,
    refundedFen: r.refundedFen ?? 0,
    allowRefund: r.allowRefund,
    refundOrderId: r.refundedFen ? `RF${n}` : null,
  };
}

export function createDepositState(now: () => Date = () => new Date()): SimDepositState {
  const state: SimDepositState = { accounts: new Map(), freezes: new Map(), nextSeq: 1, now };
  const at = now();
  for (const p of Object.values(depositSeed)) {
    const records = p.records.map((r) => simRecord(state.nextSeq++, at, r));
    state.accounts.set(p.cardNo, { cardNo: p.cardNo, hisId: p.hisId, realName: p.realName, balanceFen: p.balanceFen, records });
  }
  return state;
}
