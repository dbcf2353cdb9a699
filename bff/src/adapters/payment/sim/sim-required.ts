import { TRANS } from '../payment-codes';

/**
 * The request tables of the platform document, as the simulator enforces them: every field marked
 * 不可空 (N) for each transType we use. A test re-reads the document and checks this table against
 * it, so the simulator can never be more lenient than the document.
 */
export const REQUIRED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  [TRANS.accountInfo]: ['operatorId', 'termNo', 'operatorName', 'cardType', 'cardNo', 'accountType'],
  [TRANS.recharge]: ['operatorId', 'termNo', 'operatorName', 'cardType', 'cardNo', 'accountType', 'hisCustId', 'userName', 'amount', 'outChargeNo'],
  [TRANS.close]: ['operatorId', 'termNo', 'operatorName', 'cardType', 'cardNo', 'accountType', 'outChargeNo'],
  [TRANS.refund]: [
    'operatorId', 'termNo', 'operatorName', 'cardType', 'cardNo', 'accountType', 'amount', 'withdrawMode', 'refundType',
    'traceNo', 'outChargeNo', 'outRefundNo', 'hisCustId', 'tradeChannel', 'refundDeskMode',
  ],
  [TRANS.query]: ['operatorId', 'termNo', 'operatorName', 'cardType', 'cardNo', 'accountType', 'tradeType', 'outTradeNo'],
};

/** Code lists of the document's parameter tables. */
export const CODE_LISTS: Readonly<Record<string, readonly string[]>> = {
  cardType: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'],
  accountType: ['01', '02'],
  withdrawMode: ['0', '1', '2', '3'],
  refundType: ['direct', 'hisDecide', 'prepareAndConfirm'],
  tradeType: ['hop.trade.recharge', 'hop.trade.refund'],
};

/** Where the document has a code of its own for one empty field; 020001 参数不能为空 otherwise. */
const EMPTY_CODES: Readonly<Record<string, string>> = {
  [`${TRANS.recharge}.outChargeNo`]: '020004',
  [`${TRANS.close}.outChargeNo`]: '020012',
  [`${TRANS.refund}.outRefundNo`]: '020013',
};

/** The first not-nullable field that is missing or blank, or a coded field outside its list. */
export function paramProblem(transType: string, param: Record<string, unknown>): { code: string; field: string } | null {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
  for (const field of REQUIRED_FIELDS[transType] ?? []) {
    if (text(param[field]) === '') return { code: EMPTY_CODES[`${transType}.${field}`] ?? '020001', field };
  }
  for (const [field, allowed] of Object.entries(CODE_LISTS)) {
    if (param[field] !== undefined && (REQUIRED_FIELDS[transType] ?? []).includes(field) && !allowed.includes(text(param[field]))) {
      return { code: '020000', field };
    }
  }
  return null;
}
