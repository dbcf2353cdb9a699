import type { PaymentSimulator } from '../../payment';
import type { DepositSimulator } from './deposit-simulator';

/** HIS ChannelType of a record ↔ the platform channel its charge was made through. */
const PLATFORM_CHANNEL = { '0': 'WX_PUB', '1': 'ALI_PUB', '2': 'UP_QR' } as const;

/** The platform's trade mode → the channel HIS lists; the simulated cashier (ONE_QR) stands for a wallet. */
function hisChannel(tradeMode: string | null): 'wechat' | 'alipay' | 'unionpay' {
  const m = (tradeMode ?? '').toUpperCase();
  if (m.startsWith('ALI')) return 'alipay';
  if (m.startsWith('UP')) return 'unionpay';
  return 'wechat';
}

/**
 * Demo and test wiring of the two simulators into one hospital: the platform holds the same
 * outpatient deposit accounts as the deposit HIS (same balance; a paid charge for every top-up that
 * went through a wallet, with its refunds), and a paid top-up reaches HIS as the document says the
 * platform does for the outpatient deposit account (accountType 01).
 */
export function bridgeDepositSims(payment: PaymentSimulator, deposit: DepositSimulator, lostCards: readonly string[] = []): void {
  const ledger = payment.ledger;
  for (const a of deposit.state.accounts.values()) {
    const account = ledger.openAccount({ cardNo: a.cardNo, accountType: '01', hisCustId: a.hisId, userName: a.realName, userSex: '1', idNo: '' });
    for (const r of a.records) {
      if (r.channelType === null) continue;
      const paidAt = new Date(`${r.hisDate.replace(' ', 'T')}+08:00`);
      const outChargeNo = r.orderMemo ?? r.orderId;
      ledger.seedPaidCharge({ outChargeNo, amountFen: r.payFen, cardNo: a.cardNo, hisCustId: a.hisId, userName: a.realName, accountType: '01', channel: PLATFORM_CHANNEL[r.channelType], paidAt });
      if (r.refundedFen > 0) {
        const no = `${outChargeNo}R0`;
        ledger.refunds.set(no, { outRefundNo: no, outChargeNo, refundNo: ledger.mintNo('RF', paidAt), traceNo: ledger.mintNo('TR', paidAt), amountFen: r.refundedFen, refundedAt: paidAt });
      }
    }
    // The opening balance is HIS's: what was spent at the counter and cash top-ups are in it.
    account.balanceFen = a.balanceFen;
    if (lostCards.includes(a.cardNo)) account.status = '02';
  }
  payment.onPaid((c) => {
    if (c.accountType !== '01' || c.feeType !== '预交金' || !deposit.state.accounts.has(c.cardNo)) return;
    deposit.topUp(c.cardNo, { orderId: c.outChargeNo, amountFen: c.amountFen, channel: hisChannel(c.tradeMode), appOrderId: c.outChargeNo });
  });
}
