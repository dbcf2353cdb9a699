import { AppError, fenToYuan } from '@hosp/shared';
import type {
  ChargeCreated, ChargeRef, ChargeStatus, CloseResult, CreateChargeInput, PayClient, PayerAccount, PaymentPort,
  RefundInput, RefundResult, RefundStatus,
} from '../../domain/payments/ports';
import { formatCompact } from '../../domain/time';
import { PaymentClient, PaymentTransportError, type PlatformReply } from './payment-client';
import { DEPOSIT_FEE_TYPE, RESP, TRANS } from './payment-codes';
import { payParamsOf } from './payment-pay-params.map';
import type { DepositAccountPort, DepositAccountResult } from '../../domain/deposit/account';
import { accountInfoOf } from './payment-account.map';
import { chargeStatusOf, closeResultOf, refundResultOf, refundStatusOf, str } from './payment-reply.map';

export { NOTIFY_ACK, noticeRefusal, PaymentNoticeError, parsePaymentNotice } from './payment-notice.codec';

/**
 * Default channel per client, from the document's 支付渠道 list (which has no mini-program code):
 * the mini-programs pay with the wallets' JSAPI, the same call as 公众号 / 服务窗 payments, so
 * WX_PUB and ALI_PUB; the H5 page uses the platform's aggregated "一码付" link (ONE_QR), which is
 * the cashier page that works in either wallet.
 */
export const DEFAULT_CHANNELS: Record<PayClient, string> = { weapp: 'WX_PUB', alipay: 'ALI_PUB', h5: 'ONE_QR' };

/** The document's 卡类型 (03 院内就诊卡, 05 住院号) and 帐户类型 (01 门诊, 02 住院) codes. */
export const CARD_TYPE: Record<PayerAccount['cardKind'], string> = { hospital_card: '03', inpatient_no: '05' };
export const ACCOUNT_TYPE: Record<PayerAccount['account'], string> = { outpatient: '01', inpatient: '02' };

export interface PaymentOperator {
  operatorId: string;
  operatorName: string;
  termNo: string;
}

export interface PaymentPlatformAdapterOptions {
  serverAddr: string;
  appId: string;
  appSecret: string;
  timeoutMs: number;
  /** Sent as extra.notifyUrl; the platform's configured callback address is used without it. */
  notifyUrl?: string;
  maxReplyBytes?: number;
  /** The platform's operator/terminal fields (not-nullable in every funds transaction). */
  operator: PaymentOperator;
  /** Per-hospital card type codes, when they differ from the document's list. */
  cardTypes?: Partial<Record<PayerAccount['cardKind'], string>>;
  /** refundDeskMode: '1' = the refund desk shows only the order named by outChargeNo. */
  refundDeskMode?: string;
  now?: () => Date;
}

export class PaymentPlatformAdapter implements PaymentPort, DepositAccountPort {
  private readonly client: PaymentClient;
  private readonly now: () => Date;

  constructor(private readonly opts: PaymentPlatformAdapterOptions) {
    this.client = new PaymentClient(opts);
    this.now = opts.now ?? (() => new Date());
  }

  async createCharge(input: CreateChargeInput): Promise<ChargeCreated> {
    const extra = { openId: input.payerOpenId, returnUrl: input.returnUrl, notifyUrl: this.opts.notifyUrl, timeExpire: formatCompact(input.expiresAt) };
    const param = {
      ...this.account(input.payer),
      hisCustId: input.payer.hisPatientId,
      idNo: input.payer.idNumber ?? undefined,
      userName: input.payer.realName,
      amount: fenToYuan(input.amountFen),
      outChargeNo: input.outChargeNo,
      depositType: input.channel,
      // A deposit top-up stays in the account (费用类型 for the platform's reports); other charges pay for something.
      feeType: input.purpose === 'deposit_top_up' ? DEPOSIT_FEE_TYPE : undefined,
      subject: input.subject,
      extra,
    };
    let reply: PlatformReply;
    try {
      reply = await this.client.call(TRANS.recharge, param);
    } catch (err) {
      throw unavailable('transport', err);
    }
    // 033001 on a repeated recharge of the same outChargeNo: the patient has paid it already.
    if (reply.respCode === RESP.alreadyPaid) return { outcome: 'already_paid' };
    if (reply.respCode !== RESP.ok) throw rechargeRefused(reply);
    const payParams = payParamsOf(input.client, reply.param);
    if (!payParams) throw new AppError('UPSTREAM_UNAVAILABLE', '支付服务暂时不可用，请稍后再试', { reason: 'pay-params-missing' });
    return { outcome: 'created', chargeNo: str(reply.param.chargeNo), payParams };
  }

  async queryCharge(ref: ChargeRef): Promise<ChargeStatus> {
    try {
      return chargeStatusOf(await this.query(TRANS.recharge, ref.outChargeNo, ref.payer, ref.traceNo ?? null));
    } catch (err) {
      return { state: 'unknown', reason: reasonOf(err) };
    }
  }

  async closeCharge(ref: ChargeRef): Promise<CloseResult> {
    try {
      const reply = await this.client.call(TRANS.close, { ...this.account(ref.payer), outChargeNo: ref.outChargeNo, closeReason: '超时未支付' });
      return closeResultOf(reply);
    } catch {
      return 'unknown';
    }
  }

  /** By the charge's stored traceNo, outChargeNo and amount; the same outRefundNo on every try. */
  async refund(input: RefundInput): Promise<RefundResult> {
    if (!Number.isSafeInteger(input.refundFen) || input.refundFen <= 0 || input.refundFen > input.chargedFen) {
      return { state: 'rejected', code: 'INVALID_AMOUNT', message: `refund ${input.refundFen} of ${input.chargedFen} fen` };
    }
    const { charge } = input;
    const param = {
      ...this.account(charge.payer),
      idNo: charge.payer.idNumber ?? undefined,
      amount: fenToYuan(input.refundFen),
      withdrawMode: '1', // 原路退回
      refundType: input.flow,
      traceNo: charge.traceNo,
      outChargeNo: charge.outChargeNo,
      outRefundNo: input.outRefundNo,
      hisCustId: charge.payer.hisPatientId,
      tradeChannel: input.channel,
      refundDeskMode: this.opts.refundDeskMode ?? '1',
      notes: input.reason.slice(0, 120),
    };
    try {
      return refundResultOf(await this.client.call(TRANS.refund, param), input.refundFen, this.now());
    } catch (err) {
      return { state: 'pending', code: err instanceof PaymentTransportError ? err.kind.toUpperCase() : 'ERROR', message: reasonOf(err) };
    }
  }

  async queryRefund(outRefundNo: string, payer: PayerAccount): Promise<RefundStatus> {
    try {
      return refundStatusOf(await this.query(TRANS.refund, outRefundNo, payer, null));
    } catch (err) {
      return { state: 'unknown', reason: reasonOf(err) };
    }
  }

  /** hop.account.info: the deposit account's balance and status. */
  async accountInfo(payer: PayerAccount): Promise<DepositAccountResult> {
    try {
      return accountInfoOf(await this.client.call(TRANS.accountInfo, { ...this.account(payer), idNo: payer.idNumber ?? undefined }));
    } catch (err) {
      return { state: 'unknown', reason: reasonOf(err) };
    }
  }

  /** hop.trade.query: outTradeNo is the table's not-nullable key; traceNo is added when known. */
  private query(tradeType: string, outTradeNo: string, payer: PayerAccount, traceNo: string | null): Promise<PlatformReply> {
    return this.client.call(TRANS.query, { ...this.account(payer), tradeType, outTradeNo, traceNo: traceNo ?? undefined });
  }

  /** The fields every funds transaction carries, all not-nullable in the document. */
  private account(payer: PayerAccount): Record<string, string> {
    const { operatorId, operatorName, termNo } = this.opts.operator;
    const cardType = this.opts.cardTypes?.[payer.cardKind] ?? CARD_TYPE[payer.cardKind];
    return { operatorId, termNo, operatorName, cardType, cardNo: payer.cardNo, accountType: ACCOUNT_TYPE[payer.account] };
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof PaymentTransportError) return err.kind + (err.detail ? ` ${err.detail}` : '');
  return err instanceof Error ? err.message : 'unknown error';
}

function unavailable(reason: string, err: unknown): AppError {
  return new AppError('UPSTREAM_UNAVAILABLE', '支付服务暂时不可用，请稍后再试', { reason, cause: reasonOf(err) });
}

/** 030001/035001: the order exists on the platform in another state; everything else: unavailable. */
function rechargeRefused(reply: PlatformReply): AppError {
  const detail = { reason: 'platform-refused', platformCode: reply.respCode, platformMsg: reply.respMsg };
  const conflict: string[] = [RESP.duplicateNo, RESP.alreadyClosed];
  if (conflict.includes(reply.respCode)) return new AppError('CONFLICT', '订单状态已变化，请刷新后重试', detail);
  return new AppError('UPSTREAM_UNAVAILABLE', '支付服务暂时不可用，请稍后再试', detail);
}
