import { assertFen } from '@hosp/shared';
import type {
  DepositFreezeResult,
  DepositRecord,
  DepositRecordsQuery,
  DepositRefundStep,
  DepositSettleResult,
  DepositSettleStep,
  HisDepositPort,
} from '../../domain/deposit/ports';
import { hisBadReply, hisRejected, isHisError } from '../../domain/his-errors';
import { flatFields, parseReply } from '../his/his-reply.map';
import { parseRows, type HisRowLogger } from '../his/his-rows.map';
import { beijingDate, beijingDateTime } from '../../domain/time';
import type { HisDepositClient } from './his-deposit.client';
import { depositOrders, documentCase, type DepositMethod, type DepositReply, type DepositRequestData } from './his-deposit.codec';
import { ORDER_FIELDS, OrderRow, PAY_WAY, STEP_REPLY_FIELDS, StepReply, toDepositRecord } from './his-deposit.map';

/** Fixed request fields that identify us to HIS; the document leaves their values to the hospital. */
export interface HisDepositRequestProfile {
  /** CardType of the hospital card (卡类型). */
  cardType: string;
  /** ChannelId (渠道ID) HIS knows this app by. */
  channelId: string;
  operatorId?: string;
  operatorName?: string;
}

const FALLBACK: Record<DepositMethod, string> = {
  OPDRechargeList: '医院未能查询预交金充值记录',
  OPDRechargeFreeze: '医院未能冻结该笔预交金退费',
  OPDRechargeCancellationFee: '医院未能完成该笔预交金退费核销',
};

const FREEZE: DepositMethod = 'OPDRechargeFreeze';
const SETTLE: DepositMethod = 'OPDRechargeCancellationFee';

/**
 * The three deposit methods behind HisDepositPort. Each refund step's request is a pure function of
 * its input (no clock, no counter), so a retry sends exactly what the first try sent. An outside
 * failure never throws out of a step: a negative RespCode is `refused`, anything unreadable or
 * unanswered is `unknown`.
 */
export class HisDepositAdapter implements HisDepositPort {
  constructor(
    private readonly client: Pick<HisDepositClient, 'call'>,
    private readonly profile: HisDepositRequestProfile,
    private readonly logger?: HisRowLogger,
  ) {}

  async records(query: DepositRecordsQuery): Promise<DepositRecord[]> {
    const method: DepositMethod = 'OPDRechargeList';
    const reply = await this.client.call(method, {
      CardType: this.profile.cardType,
      CardNo: query.holder.patientCard,
      StartDate: beijingDate(query.from),
      EndDate: beijingDate(query.to),
    });
    if (!reply.ok) throw hisRejected(method, reply.message || FALLBACK[method]);
    const rows = depositOrders(reply.data).map((r) => documentCase(r, ORDER_FIELDS));
    return parseRows(method, OrderRow, rows, this.logger).map(toDepositRecord);
  }

  async freezeRefund(step: DepositRefundStep): Promise<DepositFreezeResult> {
    const fields = this.stepFields(step);
    if (!fields) return { state: 'refused', hisCode: null, message: '该笔充值不支持线上退费' };
    return this.settled(FREEZE, step, fields, (f) => ({ state: 'frozen', hisRefundNo: f.HisCancelNo, invoiceNo: f.InvoiceNo, balanceFen: f.Balance, at: f.HisDate }));
  }

  confirmRefund(step: DepositSettleStep): Promise<DepositSettleResult> {
    return this.settle(step, '0');
  }

  rollBackRefund(step: DepositSettleStep): Promise<DepositSettleResult> {
    return this.settle(step, '1');
  }

  private async settle(step: DepositSettleStep, status: '0' | '1'): Promise<DepositSettleResult> {
    const fields = this.stepFields(step);
    if (!fields) return { state: 'refused', hisCode: null, message: '该笔充值不支持线上退费' };
    // The table puts InvoiceNo and Status after ChannelId; Remark stays last.
    const data = { ...fields, InvoiceNo: step.invoiceNo ?? undefined, Status: status };
    const state = status === '0' ? 'confirmed' : 'rolled_back';
    return this.settled(SETTLE, step, data, (f) => ({ state, hisRefundNo: f.HisCancelNo, balanceFen: f.Balance, at: f.HisDate }));
  }

  /** The fields freeze and confirm / roll back share, in the table's order; null when HIS cannot be asked. */
  private stepFields(step: DepositRefundStep): DepositRequestData | null {
    assertFen(step.amountFen);
    if (step.amountFen <= 0) throw new RangeError('a deposit refund must be at least 1 fen');
    const payWay = PAY_WAY[step.record.channel];
    if (step.record.hisRecordNo === null || payWay === undefined) return null;
    return {
      HisFlowNo: step.record.hisRecordNo,
      OrderId: step.record.recordId,
      CardNo: step.holder.patientCard,
      CardType: this.profile.cardType,
      HisID: step.holder.hisPatientId,
      PayWay: payWay,
      TransNo: step.refundId,
      TransTime: beijingDateTime(step.requestedAt),
      Price: String(step.amountFen),
      OperatorId: this.profile.operatorId,
      OperatorName: this.profile.operatorName,
      ChannelId: this.profile.channelId,
    };
  }

  /** One step call: refused on a negative code, unknown on no usable answer, else `done(fields)`. */
  private async settled<T>(
    method: DepositMethod,
    step: DepositRefundStep,
    data: DepositRequestData,
    done: (f: ReturnType<typeof StepReply.parse>) => T,
  ): Promise<T | { state: 'refused'; hisCode: number; message: string } | { state: 'unknown'; reason: string }> {
    let reply: DepositReply;
    try {
      reply = await this.client.call(method, data);
      if (!reply.ok) return { state: 'refused', hisCode: reply.code, message: reply.message || FALLBACK[method] };
      const f = parseReply(method, StepReply, flatFields(documentCase(reply.data, STEP_REPLY_FIELDS)));
      // An answer about another record or amount is not an answer to this step.
      if (f.OrderId !== step.record.recordId) throw hisBadReply(method, 'reply names another OrderId');
      if (f.Price !== step.amountFen) throw hisBadReply(method, 'reply names another Price');
      return done(f);
    } catch (err) {
      if (isHisError(err, 'HIS_UNAVAILABLE') || isHisError(err, 'HIS_BAD_REPLY')) {
        const reason = typeof err.detail?.reason === 'string' ? err.detail.reason : err.code;
        return { state: 'unknown', reason: `${err.code}: ${reason}` };
      }
      throw err;
    }
  }
}
