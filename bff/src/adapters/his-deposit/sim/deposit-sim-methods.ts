import { beijingDateTime } from '../../../domain/time';
import type { XmlFields } from '../../his/xml-codec';
import type { SimDepositAccount, SimDepositRecord, SimDepositState, SimFreeze } from './deposit-seed';

/**
 * The three deposit methods over the in-memory accounts, as strict as the document: a field its
 * tables mark 必须 is refused when missing, and replies carry exactly the tables' fields.
 *
 * The document says only "10000 成功，负数失败"; the negative values below are this simulator's own
 * (an adapter must not depend on them).
 */
export const SIM_CODES = {
  /** Malformed request, a missing required field, a value in the wrong format. */
  badRequest: -1,
  /** No deposit account for the card, or the HisID is not the card's. */
  noAccount: -2,
  /** No such top-up record (OrderId + HisFlowNo). */
  noRecord: -3,
  /** The record may not be refunded (IsAllowRefund 0). */
  notRefundable: -4,
  /** More than the record can still refund (its refunds and open freezes counted). */
  overRefund: -5,
  /** More than the account's available balance. */
  overBalance: -6,
  /** The TransNo is already used for another refund. */
  transNoConflict: -7,
  /** Confirm / roll back of a TransNo that was never frozen. */
  noFreeze: -8,
  /** Confirm after roll back, or roll back after confirm. */
  alreadySettled: -9,
  /** The `error` fault's default. */
  failure: -99,
} as const;

export interface SimAnswer {
  code: number;
  message: string;
  data?: XmlFields;
}

export type SimDepositMethod = (state: SimDepositState, data: Record<string, string>) => SimAnswer;

const ok = (data: XmlFields): SimAnswer => ({ code: 10000, message: '成功', data });
const refuse = (code: number, message: string): SimAnswer => ({ code, message });

/** The first of `names` that is missing or empty, refused with the document's field name. */
function missing(data: Record<string, string>, names: readonly string[]): SimAnswer | undefined {
  const name = names.find((n) => !data[n]);
  return name ? refuse(SIM_CODES.badRequest, `${name}不能为空`) : undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FEN = /^[1-9]\d{0,11}$/;

const orderOf = (r: SimDepositRecord): XmlFields => ({
  OrderId: r.orderId,
  HisFlowNo: r.hisFlowNo,
  HisDate: r.hisDate,
  ChannelType: r.channelType ?? undefined,
  ChannelOrderNo: r.channelOrderNo ?? undefined,
  HisOrderId: r.hisOrderId,
  RefundOrderId: r.refundOrderId ?? undefined,
  PayMoney: r.payFen,
  TotalMoney: r.payFen,
  RefundMoney: r.refundedFen,
  OrderMemo: r.orderMemo ?? undefined,
  HisOrderState: r.refundedFen >= r.payFen ? 2 : 1,
  IsAllowRefund: r.allowRefund ? 1 : 0,
});

/** 2.1.1. Only TransactionCode is 必须; this simulator looks records up by card, so CardNo is needed too. */
const OPDRechargeList: SimDepositMethod = (state, d) => {
  const absent = missing(d, ['CardNo']);
  if (absent) return absent;
  for (const k of ['StartDate', 'EndDate'] as const) if (d[k] && !DAY.test(d[k])) return refuse(SIM_CODES.badRequest, `${k}格式应为YYYY-MM-dd`);
  const account = state.accounts.get(d.CardNo!);
  if (!account || (d.PatientName && d.PatientName !== account.realName)) return refuse(SIM_CODES.noAccount, '未找到该就诊卡的预交金账户');
  const day = (r: SimDepositRecord) => r.hisDate.slice(0, 10);
  const rows = account.records.filter((r) => (!d.StartDate || day(r) >= d.StartDate) && (!d.EndDate || day(r) <= d.EndDate));
  return ok({ Orders: rows.length ? { Order: rows.map(orderOf) } : {} });
};

/** 必输 fields of 2.1.2 and 2.1.3, by their tables (HisFlowNo is in the table though not in the sample). */
const STEP_REQUIRED = ['HisFlowNo', 'OrderId', 'CardNo', 'CardType', 'HisID', 'PayWay', 'TransNo', 'TransTime', 'Price', 'ChannelId'] as const;

interface StepContext {
  account: SimDepositAccount;
  record: SimDepositRecord;
  priceFen: number;
}

function stepContext(state: SimDepositState, d: Record<string, string>): StepContext | SimAnswer {
  const absent = missing(d, STEP_REQUIRED);
  if (absent) return absent;
  if (!FEN.test(d.Price!)) return refuse(SIM_CODES.badRequest, 'Price应为正整数（分）');
  const account = state.accounts.get(d.CardNo!);
  if (!account || account.hisId !== d.HisID) return refuse(SIM_CODES.noAccount, '就诊卡与HIS唯一ID不符或账户不存在');
  const record = account.records.find((r) => r.orderId === d.OrderId && r.hisFlowNo === d.HisFlowNo);
  if (!record) return refuse(SIM_CODES.noRecord, '未找到该笔预交金充值记录');
  return { account, record, priceFen: Number(d.Price) };
}

const sameRefund = (f: SimFreeze, d: Record<string, string>) =>
  f.cardNo === d.CardNo && f.orderId === d.OrderId && f.hisFlowNo === d.HisFlowNo && String(f.priceFen) === d.Price;

const openOn = (state: SimDepositState, r: SimDepositRecord) =>
  [...state.freezes.values()].filter((f) => f.status === 'frozen' && f.orderId === r.orderId && f.hisFlowNo === r.hisFlowNo).reduce((s, f) => s + f.priceFen, 0);

/** 2.1.2. A repeated TransNo with the same refund is answered as the first time; with another, refused. */
const OPDRechargeFreeze: SimDepositMethod = (state, d) => {
  const ctx = stepContext(state, d);
  if ('code' in ctx) return ctx;
  const seen = state.freezes.get(d.TransNo!);
  if (seen) return sameRefund(seen, d) ? ok(seen.freezeReply) : refuse(SIM_CODES.transNoConflict, '电子交易流水号已用于另一笔退费');
  const { account, record, priceFen } = ctx;
  if (!record.allowRefund) return refuse(SIM_CODES.notRefundable, '该笔预交金不允许退费');
  if (priceFen > record.payFen - record.refundedFen - openOn(state, record)) return refuse(SIM_CODES.overRefund, '退费金额超过该笔充值可退金额');
  if (priceFen > account.balanceFen) return refuse(SIM_CODES.overBalance, '退费金额超过账户可用余额');
  account.balanceFen -= priceFen;
  const n = String(state.nextSeq++).padStart(6, '0');
  const freezeReply = {
    OrderId: record.orderId,
    HisCancelNo: `TF${n}`,
    HisDate: beijingDateTime(state.now()),
    Price: String(priceFen),
    Balance: String(account.balanceFen),
    InvoiceNo: `YJFP${n}`,
  };
  const { HisCancelNo: hisCancelNo, InvoiceNo: invoiceNo } = freezeReply;
  const base = { transNo: d.TransNo!, cardNo: account.cardNo, orderId: record.orderId, hisFlowNo: record.hisFlowNo, priceFen };
  state.freezes.set(d.TransNo!, { ...base, status: 'frozen', hisCancelNo, invoiceNo, commits: { freeze: 1, confirm: 0, rollback: 0 }, freezeReply, settleReply: null });
  return ok(freezeReply);
};

/** 2.1.3. Status 0 writes the frozen amount off the record; 1 gives it back to the balance. */
const OPDRechargeCancellationFee: SimDepositMethod = (state, d) => {
  const ctx = stepContext(state, d);
  if ('code' in ctx) return ctx;
  // The table leaves Status optional, but without it the call has no meaning: refused, never guessed.
  if (d.Status !== '0' && d.Status !== '1') return refuse(SIM_CODES.badRequest, 'Status应为0（成功）或1（失败回滚）');
  const f = state.freezes.get(d.TransNo!);
  if (!f) return refuse(SIM_CODES.noFreeze, '未找到该电子交易流水号的退费冻结');
  if (!sameRefund(f, d)) return refuse(SIM_CODES.transNoConflict, '核销内容与退费冻结不符');
  if (d.InvoiceNo && d.InvoiceNo !== f.invoiceNo) return refuse(SIM_CODES.transNoConflict, '发票号与退费冻结不符');
  const target = d.Status === '0' ? 'confirmed' : 'rolled_back';
  if (f.status === target && f.settleReply) return ok(f.settleReply);
  if (f.status !== 'frozen') return refuse(SIM_CODES.alreadySettled, f.status === 'confirmed' ? '该笔退费已核销，不能回滚' : '该笔退费已回滚，不能核销');
  const { account, record } = ctx;
  if (target === 'confirmed') {
    record.refundedFen += f.priceFen;
    record.refundOrderId = f.transNo;
    f.commits.confirm += 1;
  } else {
    account.balanceFen += f.priceFen;
    f.commits.rollback += 1;
  }
  f.status = target;
  f.settleReply = { OrderId: f.orderId, HisCancelNo: f.hisCancelNo, HisDate: beijingDateTime(state.now()), Price: String(f.priceFen), Balance: String(account.balanceFen) };
  return ok(f.settleReply);
};

export const depositSimMethods: Record<string, SimDepositMethod> = { OPDRechargeList, OPDRechargeFreeze, OPDRechargeCancellationFee };
