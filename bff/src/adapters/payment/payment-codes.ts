/**
 * Vendor vocabulary of the payment platform (易联众 收银台 API). Nothing here leaves this folder:
 * the adapter turns it into the domain's words.
 */
export const TRANS = {
  accountInfo: 'hop.account.info',
  recharge: 'hop.trade.recharge',
  close: 'hop.trade.recharge.close',
  refund: 'hop.trade.refund',
  query: 'hop.trade.query',
  notify: 'hop.trade.notify',
} as const;

/** feeType (费用类型) sent with a deposit top-up: the platform keeps it in the account. */
export const DEPOSIT_FEE_TYPE = '预交金';

export type TransType = (typeof TRANS)[keyof typeof TRANS];

export const RESP = {
  ok: '000000',
  unknown: '999999',
  badSign: '000002',
  emptyBody: '000003',
  badFormat: '000004',
  noTransType: '010001',
  unknownTransType: '010002',
  noAppId: '010003',
  badAppId: '010004',
  badPayParam: '010007',
  noPayParam: '010008',
  badAmount: '020003',
  noOutChargeNo: '020004',
  outChargeNoTooLong: '020005',
  noChannel: '020006',
  badChannel: '020007',
  noOpenId: '020009',
  noCloseNo: '020012',
  noRefundNo: '020013',
  duplicateNo: '030001',
  chargeNotFound: '030002',
  refundNotFound: '030003',
  emptyParam: '020001',
  alreadyPaid: '033001',
  notPaid: '033002',
  overRefund: '034001',
  alreadyRefunded: '034002',
  refundAmountInvalid: '034008',
  origNotSucceeded: '040007',
  gatewayRefundUnknown: '040040',
  alreadyClosed: '035001',
  /** 用户非法: the platform has no such account. */
  badUser: '031003',
} as const;

/** Payment channel codes (支付渠道入参) from the document's list. */
export const CHANNELS = [
  'CASH', 'POS', 'ONE_QR', 'ONE_BAR', 'ALI_QR', 'ALI_BAR', 'ALI_APP', 'ALI_WEB', 'ALI_WAP',
  'WX_QR', 'WX_PUB', 'WX_BAR', 'ALI_PUB', 'JHLK_QR', 'ICBC_QR', 'CCB_QR', 'ALI_FACE', 'UP_QR', 'UP_BAR',
] as const;

/**
 * Refund answers whose outcome is not known yet: the caller asks again with the same outRefundNo.
 * 999999 and 040040 come from the document's refund note; 040037 (HIS done, bank refund running),
 * 040038 (in progress), 040041 (HIS pre-refund unknown) and 044003 (too frequent) say "later".
 */
export const REFUND_PENDING_CODES: ReadonlySet<string> = new Set([
  '999999', '040040', '040037', '040038', '040041', '044003', 'UNKNOWN',
]);

/** hop.trade.query `result` values (and the 交易状态 table's 0/1/2, which some builds send). */
export type TradeResult = 'succ' | 'pending' | 'fail' | 'exp' | 'closed' | 'notfound';

export function tradeResultOf(value: unknown): TradeResult | null {
  const v = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().toLowerCase() : '';
  switch (v) {
    case 'succ': case 'success': case '0': return 'succ';
    case 'init': case 'ing': case '1': return 'pending';
    case 'fail': case '2': return 'fail';
    case 'exp': return 'exp';
    case 'closed': case 'close': return 'closed';
    case 'notfound': return 'notfound';
    default: return null;
  }
}
