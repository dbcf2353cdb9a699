import { AppError, fenToYuan } from '@hosp/shared';
import type {
  ChargeCreated, ChargeStatus, CloseResult, CreateChargeInput, PayClient, PaymentPort, RefundInput, RefundResult,
} from '../../domain/payments/ports';
import { formatBeijingTime } from './beijing-time';
import { PaymentClient, PaymentTransportError, type PlatformReply } from './payment-client';
import { RESP, TRANS } from './payment-codes';
import { payParamsOf } from './payment-pay-params.map';
import { chargeStatusOf, closeResultOf, refundResultOf } from './payment-reply.map';

export { NOTIFY_ACK, PaymentNoticeError, parsePaymentNotice } from './payment-notice.codec';

/**
 * Default channel per client, from the document's 支付渠道 list (which has no mini-program code):
 * the mini-programs pay with the wallets' JSAPI, the same call as 公众号 / 服务窗 payments, so
 * WX_PUB and ALI_PUB; the H5 page uses the platform's aggregated "一码付" link (ONE_QR), which is
 * the cashier page that works in either wallet.
 */
export const DEFAULT_CHANNELS: Record<PayClient, string> = { weapp: 'WX_PUB', alipay: 'ALI_PUB', h5: 'ONE_QR' };

export interface PaymentPlatformAdapterOptions {
  serverAddr: string;
  appId: string;
  appSecret: string;
  timeoutMs: number;
  /** Sent as extra.notifyUrl; the platform's configured callback address is used without it. */
  notifyUrl?: string;
  channelFor?: (client: PayClient) => string;
  maxReplyBytes?: number;
  /** The platform's operator/terminal fields; an online app has no cashier, so defaults name the app. */
  operator?: { operatorId: string; operatorName: string; termNo: string };
  /** 03 院内就诊卡 by default; 01 门诊预交金账户 by default. */
  cardType?: string;
  accountType?: string;
  /** hisDecide: the platform refunds the wallet only (we settle with HIS ourselves). */
  refundType?: 'direct' | 'hisDecide' | 'prepareAndConfirm';
  now?: () => Date;
}

export class PaymentPlatformAdapter implements PaymentPort {
  private readonly client: PaymentClient;
  private readonly now: () => Date;

  constructor(private readonly opts: PaymentPlatformAdapterOptions) {
    this.client = new PaymentClient(opts);
    this.now = opts.now ?? (() => new Date());
  }

  async createCharge(input: CreateChargeInput): Promise<ChargeCreated> {
    const { patient } = input;
    const extra = {
      openId: input.payerOpenId,
      returnUrl: input.returnUrl,
      notifyUrl: this.opts.notifyUrl,
      timeExpire: formatBeijingTime(input.expiresAt),
    };
    const param = {
      ...this.common(patient.patientCard),
      hisCustId: patient.patientCard,
      idNo: patient.idNumber || undefined,
      userName: patient.realName,
      amount: fenToYuan(input.amountFen),
      outChargeNo: input.outChargeNo,
      depositType: this.channelFor(input.client),
      subject: input.subject,
      extra,
    };
    let reply: PlatformReply;
    try {
      reply = await this.client.call(TRANS.recharge, param);
    } catch (err) {
      throw unavailable('transport', err);
    }
    if (reply.respCode !== RESP.ok) throw rechargeRefused(reply);
    const payParams = payParamsOf(input.client, reply.param);
    if (!payParams) throw new AppError('UPSTREAM_UNAVAILABLE', '支付服务暂时不可用，请稍后再试', { reason: 'pay-params-missing' });
    const chargeNo = typeof reply.param.chargeNo === 'string' && reply.param.chargeNo !== '' ? reply.param.chargeNo : null;
    return { chargeNo, payParams };
  }

  async queryCharge(outChargeNo: string): Promise<ChargeStatus> {
    try {
      return chargeStatusOf(await this.query(outChargeNo));
    } catch (err) {
      return { state: 'unknown', reason: reasonOf(err) };
    }
  }

  async closeCharge(outChargeNo: string): Promise<CloseResult> {
    try {
      const reply = await this.client.call(TRANS.close, { ...this.common(''), outChargeNo, closeReason: '超时未支付' });
      return closeResultOf(reply);
    } catch {
      return 'unknown';
    }
  }

  /**
   * The refund needs the charge's traceNo, which only the query gives us; an unclear query means
   * "ask again later" (pending), a charge that is not paid means no refund is possible (rejected).
   */
  async refund(input: RefundInput): Promise<RefundResult> {
    if (!Number.isSafeInteger(input.refundFen) || input.refundFen <= 0 || input.refundFen > input.chargedFen) {
      return { state: 'rejected', code: 'INVALID_AMOUNT', message: `refund ${input.refundFen} of ${input.chargedFen} fen` };
    }
    let charge: ChargeStatus;
    try {
      charge = chargeStatusOf(await this.query(input.outChargeNo));
    } catch (err) {
      return { state: 'pending', code: 'QUERY_FAILED', message: reasonOf(err) };
    }
    if (charge.state === 'unknown') return { state: 'pending', code: 'QUERY_UNKNOWN', message: charge.reason };
    if (charge.state !== 'paid') return { state: 'rejected', code: RESP.notPaid, message: `charge is ${charge.state}` };
    const param = {
      ...this.common(''),
      amount: fenToYuan(input.refundFen),
      withdrawMode: '1', // 原路退回
      refundType: this.opts.refundType ?? 'hisDecide',
      traceNo: charge.traceNo ?? undefined,
      outChargeNo: input.outChargeNo,
      outRefundNo: input.outRefundNo,
      hisCustId: '',
      tradeChannel: charge.tradeMode ?? undefined,
      refundDeskMode: '1',
      notes: input.reason,
    };
    try {
      return refundResultOf(await this.client.call(TRANS.refund, param), input.refundFen, this.now());
    } catch (err) {
      return { state: 'pending', code: err instanceof PaymentTransportError ? err.kind.toUpperCase() : 'ERROR', message: reasonOf(err) };
    }
  }

  private query(outChargeNo: string): Promise<PlatformReply> {
    return this.client.call(TRANS.query, { ...this.common(''), tradeType: TRANS.recharge, outTradeNo: outChargeNo });
  }

  /** Fields every funds transaction carries. Query/close/refund know no card: sent empty. */
  private common(cardNo: string): Record<string, string> {
    const op = this.opts.operator ?? { operatorId: 'APP', operatorName: '掌上医院', termNo: 'APP' };
    return { ...op, cardType: this.opts.cardType ?? '03', cardNo, accountType: this.opts.accountType ?? '01' };
  }

  private channelFor(client: PayClient): string {
    return this.opts.channelFor?.(client) ?? DEFAULT_CHANNELS[client];
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof PaymentTransportError) return err.kind + (err.detail ? ` ${err.detail}` : '');
  return err instanceof Error ? err.message : 'unknown error';
}

function unavailable(reason: string, err: unknown): AppError {
  return new AppError('UPSTREAM_UNAVAILABLE', '支付服务暂时不可用，请稍后再试', { reason, cause: reasonOf(err) });
}

/** 030001/033001/035001: the order exists on the platform in another state; everything else: unavailable. */
function rechargeRefused(reply: PlatformReply): AppError {
  const detail = { reason: 'platform-refused', platformCode: reply.respCode, platformMsg: reply.respMsg };
  const conflict: string[] = [RESP.duplicateNo, RESP.alreadyPaid, RESP.alreadyClosed];
  if (conflict.includes(reply.respCode)) return new AppError('CONFLICT', '订单状态已变化，请刷新后重试', detail);
  return new AppError('UPSTREAM_UNAVAILABLE', '支付服务暂时不可用，请稍后再试', detail);
}
