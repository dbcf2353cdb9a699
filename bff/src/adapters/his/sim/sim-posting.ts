import { yuanToFen } from '@hosp/shared';
import type { XmlFields } from '../xml-codec';
import type { SimLedgerEntry, SimPatient, SimState } from './seed';
import { ledgerEntry, PAY_METHODS } from './sim-booking';

/**
 * What the simulator's payment notices of sections 8.3, 10.1 and 11.2 share, following the
 * document's prose: a ledger keyed by tradeNo; a tradeNo is booked once, and every later notice
 * gets the recorded result ("若该笔订单已处理，则直接返回这笔订单的处理结果"); the same tradeNo with
 * another amount is refused (section 10: "订单号唯一且金额相同才允许记账"). A request HIS cannot
 * read (a missing not-nullable field) is not processed: nothing is recorded.
 */

export const ok = (fields: XmlFields = {}): XmlFields => ({ result: 'success', message: '', ...fields });
export const fail = (message: string): Record<string, string> => ({ result: 'error', message });

/** The tables' 说明 column, for "X不能为空". */
const LABELS: Record<string, string> = {
  realName: '就诊人姓名',
  patientCard: '就诊人卡号',
  prescriptionNo: '费用单编号',
  orderFee: '缴费金额',
  feeType: '费用类型',
  payedTime: '支付成功时间',
  tradeNo: '商户交易订单号',
  queryId: '查询号',
  date: '日期',
  prepayaAmt: '预缴金额',
  amount: '金额',
  nonceStr: '随机字符串',
  sign: '签名',
};

/** The first not-nullable field missing or blank, refused in HIS's words; null when all are there. */
export function missingField(f: Record<string, string>, names: readonly string[]): XmlFields | null {
  const name = names.find((n) => (f[n] ?? '').trim() === '');
  return name === undefined ? null : fail(`${LABELS[name] ?? name}不能为空`);
}

/** Section 18.2, the dictionary payType must come from ("payType 统一", V2.5.7). */
export const PAY_TYPES: ReadonlySet<string> = new Set(
  'unionPay dragonPay MedPay wechatMedPay alipayMedPay wechatNo wechatApp wechatMP wechatQrcode wechatScan alipayService alipayApp alipayMP alipayQrcode alipayScan wechatNo_swiftpass wechatQrcode_swiftpass wechatScan_swiftpass alipayService_swiftpass alipayApp_swiftpass alipayQrcode_swiftpass alipayScan_swiftpass cmbANetcomPay eCardPay wechatQrcode_uline alipayQrcode_uline wechat_facepay alipay_facepay bdyyWechatQrcode'.split(' '),
);

const PAYED_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A yuan string in fen, or null if HIS could not read it. */
export function fenOf(yuan: string | undefined): number | null {
  try {
    return yuan === undefined ? null : yuanToFen(yuan);
  } catch {
    return null;
  }
}

export type Booked = { posted: NonNullable<SimLedgerEntry['posted']>; reply: Record<string, string> };

/**
 * One payment notice of `method`: checks the fields every such notice needs, then answers from the
 * ledger or runs `book` once. `book` answers what HIS booked, or a refusal message (recorded).
 */
export function postOnce(state: SimState, method: string, f: Record<string, string>, required: readonly string[], amountField: string, book: () => Booked | string): XmlFields {
  const missing = missingField(f, required);
  if (missing) return missing;
  if (!PAYED_TIME.test(f.payedTime ?? '')) return fail('支付成功时间格式错误');
  if (f.payType !== undefined && !PAY_TYPES.has(f.payType)) return fail('付款来源不在字典 18.2 中');
  const e = ledgerEntry(state, f.tradeNo!, PAY_METHODS[method]!);
  if (e.reply) return e.amount !== undefined && fenOf(f[amountField]) !== fenOf(e.amount) ? fail('订单金额与已处理的同一订单不符') : e.reply;
  e.amount = f[amountField];
  const r = book();
  if (typeof r === 'string') {
    e.reply = fail(r);
    return e.reply;
  }
  e.booked += 1;
  e.posted = r.posted;
  e.payedTime = f.payedTime;
  e.reply = { result: 'success', message: '', ...r.reply };
  return e.reply;
}

/** The patient of f.patientCard if f.realName is theirs; else HIS's words for the refusal. */
export function cardHolder(state: SimState, f: Record<string, string>): SimPatient | string {
  const p = state.patients.get(f.patientCard ?? '');
  if (!p) return '就诊卡号不存在';
  if (p.realName !== f.realName) return '就诊人姓名与卡号不符';
  return p;
}

export const nextSeq = (state: SimState) => String(state.nextSeq++).padStart(8, '0');
