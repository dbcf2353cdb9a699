import { randomBytes } from 'node:crypto';
import { fenToYuan, yuanToFen } from '@hosp/shared';
import { formatCompact as formatBeijingTime } from '../../../domain/time';
import { CHANNELS, RESP, TRANS } from '../payment-codes';
import { DEPOSIT_FEE_TYPE, type SimCharge, type SimLedger } from './sim-ledger';
import { paramProblem } from './sim-required';

/** The simulator's answers to the four funds transTypes, following the document's code table. */

export interface TradeReply {
  respCode: string;
  respMsg: string;
  param?: Record<string, unknown>;
}

export interface TradeContext {
  ledger: SimLedger;
  now: () => Date;
  /** Absolute base for cashier links (the H5 channels' `qrcode`). */
  cashierBase: string;
}

const MESSAGES: Record<string, string> = {
  '000000': '处理成功', '999999': '未知错误', '000002': '验签失败', '000003': '请求报文为空', '000004': '请求格式非法',
  '020000': '参数不合法', '034006': '交易不存在', '030003': '原退款流水不存在',
  '010001': '交易类型为空', '031003': '用户非法', '034005': '退款金额超限', '010002': '未知交易类型', '010003': '应用编号为空', '010004': '应用编号非法', '010008': '支付参数为空',
  '020001': '参数不能为空', '020003': '金额非法', '020004': '商户支付流水号为空', '020005': '订单号长度过长', '020006': '支付渠道为空',
  '020007': '支付渠道非法', '020009': '扩展参数 openId 为空', '020012': '商户关闭流水号为空', '020013': '商户退款流水号为空',
  '030001': '流水号重复', '030002': '原订单流水不存在', '033001': '订单已支付', '034001': '退款金额超过订单可退金额',
  '034002': '已退款成功', '034008': '退款金额无效', '035001': '已关闭成功', '040007': '原交易未成功',
  '040040': '支付网关退款异常, 交易状态未知, 需人工处理', '040038': '该笔订单正在交易, 请稍候查询交易结果!',
};

export function reply(respCode: string, param?: Record<string, unknown>): TradeReply {
  return { respCode, respMsg: MESSAGES[respCode] ?? '处理失败', ...(param ? { param } : {}) };
}

const WALLET_CHANNELS = new Set(['WX_PUB', 'ALI_PUB']);
const CASHIER_CHANNELS = new Set(['ONE_QR', 'ALI_WAP', 'ALI_WEB', 'UP_QR', 'WX_QR', 'ALI_QR']);
/** The document says two decimals; the simulator holds callers to it. */
const TWO_DECIMALS = /^(0|[1-9]\d{0,11})\.\d{2}$/;

const s = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function handleTrade(transType: string, param: Record<string, unknown>, ctx: TradeContext): TradeReply | null {
  // The document's not-nullable fields and code lists first: a real platform refuses these before any work.
  const problem = paramProblem(transType, param);
  if (problem) return { respCode: problem.code, respMsg: `${MESSAGES[problem.code] ?? '参数不合法'}: ${problem.field}` };
  switch (transType) {
    case TRANS.recharge: return recharge(param, ctx);
    case TRANS.query: return query(param, ctx);
    case TRANS.close: return close(param, ctx);
    case TRANS.refund: return refund(param, ctx);
    case TRANS.accountInfo: return accountInfo(param, ctx);
    default: return null;
  }
}

function recharge(p: Record<string, unknown>, ctx: TradeContext): TradeReply {
  const outChargeNo = s(p.outChargeNo);
  const amount = s(p.amount);
  const channel = s(p.depositType) || 'ONE_QR';
  const extra = obj(p.extra);
  if (outChargeNo.length > 32) return reply(RESP.outChargeNoTooLong);
  if (!TWO_DECIMALS.test(amount) || yuanToFen(amount) <= 0) return reply(RESP.badAmount);
  // depositType may be empty (the table says so): the patient then chooses on the platform's cashier.
  if (channel && !(CHANNELS as readonly string[]).includes(channel)) return reply(RESP.badChannel);
  if (WALLET_CHANNELS.has(channel) && !s(extra.openId)) return reply(RESP.noOpenId);
  const amountFen = yuanToFen(amount);
  let charge = ctx.ledger.charge(outChargeNo);
  if (charge) {
    // The document: a retried payment reuses its outChargeNo; the same order gets the same charge.
    if (charge.state === 'paid') return reply(RESP.alreadyPaid);
    if (charge.state === 'closed' || charge.amountFen !== amountFen) return reply(RESP.duplicateNo);
  } else {
    const now = ctx.now();
    charge = {
      outChargeNo, chargeNo: ctx.ledger.mintNo('CH', now), traceNo: null, amountFen, subject: s(p.subject) || '缴费',
      userName: s(p.userName), cardNo: s(p.cardNo), hisCustId: s(p.hisCustId), accountType: s(p.accountType), feeType: s(p.feeType), channel, tradeMode: null, state: 'pending', createdAt: now, paidAt: null, closedAt: null,
      returnUrl: s(extra.returnUrl) || null, notifyUrl: s(extra.notifyUrl) || null, openId: s(extra.openId) || null,
    };
    ctx.ledger.charges.set(outChargeNo, charge);
  }
  const cashier = CASHIER_CHANNELS.has(channel) ? `${ctx.cashierBase}/cashier/${encodeURIComponent(charge.chargeNo)}` : '0';
  return reply(RESP.ok, { chargeNo: charge.chargeNo, tradeMode: channel, qrcode: cashier, balance: '0.00', extra: walletExtra(charge) });
}

/** Pay-sheet parameters a wallet would hand back (shapes of wx.requestPayment / my.tradePay). */
function walletExtra(c: SimCharge): Record<string, unknown> {
  if (c.channel === 'WX_PUB') {
    const nonceStr = randomBytes(8).toString('hex');
    const timeStamp = String(Math.floor(c.createdAt.getTime() / 1000));
    return { timeStamp, nonceStr, package: `prepay_id=wx${c.chargeNo}`, signType: 'MD5', paySign: randomBytes(16).toString('hex').toUpperCase() };
  }
  if (c.channel === 'ALI_PUB') return { tradeNO: `2088${c.chargeNo}` };
  return {};
}

/** Exactly the document's reply fields: result, tradeMode, resultDesc, origTraceNo, origTraceTime, traceNo, extra. */
function query(p: Record<string, unknown>, ctx: TradeContext): TradeReply {
  const traceNo = s(p.traceNo);
  const outTradeNo = s(p.outTradeNo);
  const notFound = reply(RESP.ok, { result: 'notfound', resultDesc: '交易记录不存在' });
  if (s(p.tradeType) === TRANS.refund) {
    const r = traceNo ? [...ctx.ledger.refunds.values()].find((x) => x.traceNo === traceNo) : ctx.ledger.refunds.get(outTradeNo);
    if (!r) return notFound;
    const time = formatBeijingTime(r.refundedAt);
    return reply(RESP.ok, { result: 'succ', resultDesc: '退款成功', traceNo: r.traceNo, origTraceNo: r.traceNo, origTraceTime: time, tradeMode: ctx.ledger.charge(r.outChargeNo)?.tradeMode ?? '' });
  }
  // traceNo wins when both are given, as the document says.
  const c = traceNo ? ctx.ledger.chargeByTraceNo(traceNo) : ctx.ledger.charge(outTradeNo);
  if (!c) return notFound;
  const result = c.state === 'paid' ? 'succ' : c.state === 'closed' ? 'closed' : 'init';
  return reply(RESP.ok, {
    result, resultDesc: { succ: '交易成功', closed: '交易关闭', init: '待交易' }[result], tradeMode: c.tradeMode ?? c.channel,
    traceNo: c.traceNo ?? undefined, origTraceNo: c.traceNo ?? undefined, origTraceTime: c.paidAt ? formatBeijingTime(c.paidAt) : undefined,
    extra: { paytype: c.tradeMode ?? c.channel },
  });
}

function close(p: Record<string, unknown>, ctx: TradeContext): TradeReply {
  const outChargeNo = s(p.outChargeNo);
  if (!outChargeNo) return reply(RESP.noCloseNo);
  const c = ctx.ledger.charge(outChargeNo);
  if (!c) return reply(RESP.chargeNotFound);
  if (c.state === 'paid') return reply(RESP.alreadyPaid);
  if (c.state === 'closed') return reply(RESP.alreadyClosed);
  c.state = 'closed';
  c.closedAt = ctx.now();
  return reply(RESP.ok, { outChargeNo, traceTime: formatBeijingTime(c.closedAt) });
}

function refund(p: Record<string, unknown>, ctx: TradeContext): TradeReply {
  const outRefundNo = s(p.outRefundNo);
  const outChargeNo = s(p.outChargeNo);
  const amount = s(p.amount);
  if (!outRefundNo) return reply(RESP.noRefundNo);
  if (!TWO_DECIMALS.test(amount) || yuanToFen(amount) <= 0) return reply(RESP.refundAmountInvalid);
  const amountFen = yuanToFen(amount);
  const c = ctx.ledger.charge(outChargeNo);
  if (!c || s(p.traceNo) !== c.traceNo) return reply(RESP.chargeNotFound);
  // The refund desk shows only trades of tradeChannel: another channel finds no such trade.
  if (![c.channel, c.tradeMode].includes(s(p.tradeChannel))) return reply('034006');
  const done = ctx.ledger.refunds.get(outRefundNo);
  if (done) {
    // A refund number is refunded once, ever: a repeat is told it already succeeded.
    if (done.outChargeNo !== outChargeNo || done.amountFen !== amountFen) return reply(RESP.duplicateNo);
    return reply(RESP.alreadyRefunded, refundParam(done, c));
  }
  if (c.state !== 'paid') return reply(RESP.origNotSucceeded);
  if (amountFen > ctx.ledger.refundableFen(outChargeNo)) return reply(RESP.overRefund);
  const held = c.feeType === DEPOSIT_FEE_TYPE ? ctx.ledger.account(c.cardNo, c.accountType) : undefined;
  if (held && amountFen > held.balanceFen) return reply('034005');
  const now = ctx.now();
  const r = { outRefundNo, outChargeNo, refundNo: ctx.ledger.mintNo('RF', now), traceNo: ctx.ledger.mintNo('TR', now), amountFen, refundedAt: now };
  ctx.ledger.refunds.set(outRefundNo, r);
  // A top-up's refund leaves the deposit account it was credited to.
  ctx.ledger.debit(c, amountFen);
  return reply(RESP.ok, refundParam(r, c));
}

function refundParam(r: { refundNo: string; outRefundNo: string; traceNo: string; amountFen: number; refundedAt: Date }, c: SimCharge) {
  return {
    refundNo: r.refundNo, outRefundNo: r.outRefundNo, traceNo: r.traceNo, traceTime: formatBeijingTime(r.refundedAt),
    tradeMode: c.tradeMode ?? c.channel, succAmount: fenToYuan(r.amountFen),
  };
}

/** hop.account.info: exactly the document's reply fields; an unknown account is 031003 用户非法. */
function accountInfo(p: Record<string, unknown>, ctx: TradeContext): TradeReply {
  const a = ctx.ledger.account(s(p.cardNo), s(p.accountType));
  if (!a) return reply(RESP.badUser);
  return reply(RESP.ok, {
    cardType: s(p.cardType), cardNo: a.cardNo, hisCustID: a.hisCustId, balance: fenToYuan(a.balanceFen), idType: '01', idNo: a.idNo,
    userName: a.userName, userSex: a.userSex, accountType: a.accountType, accountNo: a.accountNo, status: a.status,
  });
}
