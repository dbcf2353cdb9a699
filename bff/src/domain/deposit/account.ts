import type { PayerAccount } from '../payments/ports';

/**
 * The platform's view of a deposit account (hop.account.info), in domain words. The balance is what
 * the patient may spend or have refunded; a lost, frozen or cancelled account blocks top-up and refund.
 */
export type DepositAccountStatus = 'normal' | 'lost' | 'frozen' | 'cancelled';

export type DepositAccountResult =
  | { state: 'found'; balanceFen: number; status: DepositAccountStatus; accountNo: string | null }
  /** The platform has no deposit account for this card (031003 用户非法). */
  | { state: 'not_found' }
  /** No usable answer: ask again later, never guess a balance. */
  | { state: 'unknown'; reason: string };

export interface DepositAccountPort {
  /** hop.account.info for the payer's account (accountType 01 for an outpatient). */
  accountInfo(payer: PayerAccount): Promise<DepositAccountResult>;
}

/** Top-up and refund are open only on a normal account. */
export function accountBlocks(status: DepositAccountStatus): string | null {
  switch (status) {
    case 'normal':
      return null;
    case 'lost':
      return '就诊卡已挂失，预交金账户暂停充值和退款，请到医院窗口办理';
    case 'frozen':
      return '预交金账户已被冻结，暂不能充值或退款，请到医院窗口咨询';
    case 'cancelled':
      return '预交金账户已注销，不能充值或退款';
  }
}
