import { assertFen } from '@hosp/shared';
import { simRecord, type SimDepositRecord, type SimDepositState, type SimFreeze } from './deposit-seed';

/** What HIS's deposit books say, for tests to check against (never changes the state). */
export function depositLedger(state: SimDepositState) {
  const freezes = () => [...state.freezes.values()];
  const record = (cardNo: string, orderId: string): SimDepositRecord | undefined => state.accounts.get(cardNo)?.records.find((r) => r.orderId === orderId);
  return {
    freeze: (transNo: string): Readonly<SimFreeze> | undefined => state.freezes.get(transNo),
    /** Freezes neither confirmed nor rolled back: after every refund has settled, none. */
    openFreezes: (): ReadonlyArray<Readonly<SimFreeze>> => freezes().filter((f) => f.status === 'frozen'),
    /** Times HIS wrote this refund off (the document's promise: at most once). */
    confirmations: (transNo: string): number => state.freezes.get(transNo)?.commits.confirm ?? 0,
    /** Times HIS gave this refund's amount back to the balance. */
    rollbacks: (transNo: string): number => state.freezes.get(transNo)?.commits.rollback ?? 0,
    /** Every confirmation and roll back HIS committed, summed over all refunds. */
    totals: () => {
      const all = freezes();
      const sum = (pick: (f: SimFreeze) => number) => all.reduce((s, f) => s + pick(f), 0);
      return {
        freezes: sum((f) => f.commits.freeze),
        confirmations: sum((f) => f.commits.confirm),
        rollbacks: sum((f) => f.commits.rollback),
        confirmedFen: sum((f) => (f.status === 'confirmed' ? f.priceFen : 0)),
      };
    },
    /** Confirmed refunds of one record (open freezes not counted). */
    refundedFen: (cardNo: string, orderId: string): number | undefined => record(cardNo, orderId)?.refundedFen,
    /** Records whose confirmed refunds exceed what was paid: must always be empty. */
    overRefunded: (): SimDepositRecord[] => [...state.accounts.values()].flatMap((a) => a.records.filter((r) => r.refundedFen > r.payFen)),
    record: (cardNo: string, orderId: string): Readonly<SimDepositRecord> | undefined => record(cardNo, orderId),
    /** Available balance (open freezes already taken off). */
    balanceFen: (cardNo: string): number | undefined => state.accounts.get(cardNo)?.balanceFen,
  };
}

export interface SimTopUp {
  /** OrderId as HIS will list it (for app top-ups, the app's order number). */
  orderId: string;
  amountFen: number;
  channel: 'wechat' | 'alipay' | 'unionpay' | 'cash';
  /** OrderMemo: the app's own order id, when the top-up came through the app. */
  appOrderId?: string;
}

const CHANNEL_TYPE = { wechat: '0', alipay: '1', unionpay: '2', cash: null } as const;

/** What happens to an account outside the app, so tests and the demo can stage it. */
export function depositTestHooks(state: SimDepositState) {
  return {
    /** A top-up reaches HIS (the platform credited the account, or cash at the window). Idempotent on orderId. */
    topUp(cardNo: string, t: SimTopUp): Readonly<SimDepositRecord> {
      assertFen(t.amountFen);
      const account = state.accounts.get(cardNo);
      if (!account) throw new Error('topUp: the deposit simulator has no account for this card');
      const seen = account.records.find((r) => r.orderId === t.orderId);
      if (seen) return seen;
      const channelType = CHANNEL_TYPE[t.channel];
      const r = simRecord(state.nextSeq++, state.now(), { orderId: t.orderId, channelType, payFen: t.amountFen, allowRefund: channelType !== null, orderMemo: t.appOrderId ?? null });
      account.records.push(r);
      account.balanceFen += t.amountFen;
      return r;
    },
    /** The patient spends at the counter or a self-service machine. */
    spend(cardNo: string, amountFen: number): void {
      assertFen(amountFen);
      const account = state.accounts.get(cardNo);
      if (!account) throw new Error('spend: the deposit simulator has no account for this card');
      if (amountFen > account.balanceFen) throw new Error('spend: more than the available balance');
      account.balanceFen -= amountFen;
    },
    /** A new, empty account (a patient not in the seed). */
    openAccount(cardNo: string, hisId: string, realName: string): void {
      if (!state.accounts.has(cardNo)) state.accounts.set(cardNo, { cardNo, hisId, realName, balanceFen: 0, records: [] });
    },
  };
}
