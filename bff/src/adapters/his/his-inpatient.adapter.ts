import { fenToYuan } from '@hosp/shared';
import { z } from 'zod';
import type { DayBill, DepositSummary, HisInpatientPort, InpatientRef, PrepayInput, PrepayOrderStatus, PrepayPostResult } from '../../domain/inpatient/ports';
import type { HisClient } from './his-client';
import { decimalFen, decimalNumber, fenAmount, signedDecimal } from './his-fee.map';
import { assertPositiveFen, paidStatus, postPaid } from './his-posting.map';
import { flatFields, parseReply, replyFields, required } from './his-reply.map';
import { parseRowsWith, replyRows, zodIssues } from './his-rows.map';
import { beijingDateTime } from '../../domain/time';

/** Sections 9 (getPatientExpense, getDayExpense), 10 (prePayExpense) and 15.2 with dataSrc prepaySrc. */

const DepositReply = z.object({
  prepayAmt: fenAmount(false),
  usedAmt: fenAmount(false),
  remainAmt: fenAmount(true),
});

const DayLine = z.object({
  feeType: required,
  amount: fenAmount(true),
  count: signedDecimal,
  // A negative line (a returned item) may carry the unit price negative too.
  price: signedDecimal,
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class HisInpatientAdapter implements HisInpatientPort {
  constructor(private readonly his: Pick<HisClient, 'call'>) {}

  async deposit(ref: InpatientRef): Promise<DepositSummary> {
    const method = 'getPatientExpense';
    const reply = await this.his.call(method, { realName: ref.realName, queryId: ref.queryId });
    const fields = replyFields(reply.body);
    // 10.1's spelling (prepayaAmt) turns up in replies of HIS that reuse their prepay field names.
    fields.prepayAmt ??= fields.prepayaAmt ?? null;
    const f = parseReply(method, DepositReply, fields);
    return { paidFen: f.prepayAmt, usedFen: f.usedAmt, remainingFen: f.remainAmt };
  }

  /**
   * 9.2: the lines sit directly in `<response>` as `<data>` (one, many, or none for a day without
   * charges; `<content>` around them is read too). Lines add up to the day's total, so one line we
   * cannot read makes the whole reply HIS_BAD_REPLY rather than a bill that is silently short.
   */
  async dayBill(ref: InpatientRef, date: string): Promise<DayBill> {
    if (!DATE.test(date)) throw new TypeError('getDayExpense: date must be yyyy-MM-dd');
    const method = 'getDayExpense';
    const reply = await this.his.call(method, { realName: ref.realName, queryId: ref.queryId, date });
    const lines = parseRowsWith(
      method,
      replyRows(method, reply.body),
      (row) => {
        const r = DayLine.safeParse(flatFields(row));
        if (!r.success) return { ok: false, issue: zodIssues(r.error) };
        const l = r.data;
        return {
          ok: true,
          value: { feeType: l.feeType.trim(), count: decimalNumber(l.count), unitPriceFen: decimalFen(l.price), unitPrice: l.price.text, amountFen: l.amount },
        };
      },
      undefined,
      true,
    );
    return { date, lines, totalFen: lines.reduce((sum, l) => sum + l.amountFen, 0) };
  }

  /**
   * 10.1, in the table's order, with its field name `prepayaAmt` (sic). A pure function of the
   * input: every retry of one tradeNo sends the same fields and amount, which section 10 requires
   * before HIS may book it ("订单号唯一且金额相同才允许记账").
   */
  async postPrepay(input: PrepayInput): Promise<PrepayPostResult> {
    assertPositiveFen('prePayExpense', input.amountFen);
    return postPaid(this.his, 'prePayExpense', {
      realName: input.patient.realName,
      patientCard: input.patient.patientCard,
      prepayaAmt: fenToYuan(input.amountFen),
      payType: input.payType,
      tradeNo: input.tradeNo,
      payedTime: beijingDateTime(input.payedAt),
    });
  }

  async queryOrderStatus(tradeNo: string): Promise<PrepayOrderStatus> {
    const s = await paidStatus(this.his, tradeNo, 'prepaySrc');
    return s.state === 'posted' ? { state: 'posted', invoiceNo: s.invoiceNo, hisPayId: s.hisPayId } : s;
  }
}
