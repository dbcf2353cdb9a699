import { fenToYuan } from '@hosp/shared';
import { z } from 'zod';
import { hisBadReply } from '../../domain/his-errors';
import type {
  ClinicVisit,
  HisOutpatientPort,
  OutpatientOrderStatus,
  OutpatientPatient,
  OutpatientPaymentInput,
  OutpatientPostResult,
  UnpaidVisit,
} from '../../domain/outpatient/ports';
import type { HisClient } from './his-client';
import { groupByVisit, readPrescription } from './his-outpatient.map';
import { assertPositiveFen, paidStatus, postPaid } from './his-posting.map';
import { flatFields, optional, parseReply, required } from './his-reply.map';
import { hisDate, parseRows, parseRowsWith, replyRows, type HisRowLogger } from './his-rows.map';
import { beijingDateTime } from '../../domain/time';

/** Section 8 (findClinicNo, findOutpatientPay, outpatientPay) and 15.2 with dataSrc hisSrc. */

const VisitFields = z.object({
  clinicNo: required,
  createDate: hisDate,
  departmentName: optional,
  departmentCode: optional,
  doctorName: optional,
  doctorCode: optional,
});

const toVisit = (v: z.output<typeof VisitFields>): ClinicVisit => ({
  clinicNo: v.clinicNo.trim(),
  date: v.createDate,
  departmentCode: v.departmentCode,
  departmentName: v.departmentName,
  doctorCode: v.doctorCode,
  doctorName: v.doctorName,
});

/** The fields that say a flat reply carries a visit at all. */
const VISIT_KEYS = ['clinicNo', 'createDate', 'departmentCode', 'doctorCode'] as const;

/** Distinct values in first-seen order, joined as the document joins prescription numbers. */
const joinDistinct = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim()))].join(',');

export class HisOutpatientAdapter implements HisOutpatientPort {
  constructor(
    private readonly his: Pick<HisClient, 'call'>,
    private readonly logger?: HisRowLogger,
  ) {}

  /**
   * 8.1.2 is one visit, flat in `<response>`; a HIS listing several in `<content><data>` is read
   * too. A success carrying no visit fields at all is "no visit".
   */
  async findVisits(patient: OutpatientPatient): Promise<ClinicVisit[]> {
    const method = 'findClinicNo';
    const reply = await this.his.call(method, { realName: patient.realName, patientCard: patient.patientCard });
    const rows = replyRows(method, reply.body);
    if (rows.length > 0) return parseRows(method, VisitFields, rows, this.logger).map(toVisit);
    const flat = flatFields(reply.body);
    if (!VISIT_KEYS.some((k) => flat[k] !== undefined && flat[k] !== null)) return [];
    return [toVisit(parseReply(method, VisitFields, flat))];
  }

  async findUnpaid(patient: OutpatientPatient, clinicNo: string | null = null): Promise<UnpaidVisit[]> {
    const method = 'findOutpatientPay';
    // 8.2.1, in the table's order; clinicNo left out when not narrowing.
    const reply = await this.his.call(method, { realName: patient.realName, patientCard: patient.patientCard, clinicNo: clinicNo ?? undefined });
    const prescriptions = parseRowsWith(method, replyRows(method, reply.body), readPrescription, this.logger);
    const seen = new Set<string>();
    for (const p of prescriptions) {
      // "必须唯一": two rows under one number would make paying by number ambiguous.
      if (seen.has(p.prescriptionNo)) throw hisBadReply(method, 'prescriptionNo repeated');
      seen.add(p.prescriptionNo);
    }
    return groupByVisit(prescriptions);
  }

  /**
   * 8.3. The request is a pure function of the input (no clock, no counter): every retry sends the
   * same fields. orderFee is the exact sum of the prescriptions paid; feeType lists their distinct
   * fee types the way prescriptionNo lists the numbers (the table wants one field for the order).
   */
  async postPayment(input: OutpatientPaymentInput): Promise<OutpatientPostResult> {
    const { prescriptions } = input;
    if (prescriptions.length === 0) throw new TypeError('outpatientPay: no prescription');
    const numbers = prescriptions.map((p) => p.prescriptionNo.trim());
    if (numbers.some((n) => n === '' || n.includes(',')) || new Set(numbers).size !== numbers.length) {
      throw new TypeError('outpatientPay: prescription numbers must be distinct, non-empty and free of commas');
    }
    let sum = 0;
    for (const p of prescriptions) {
      assertPositiveFen('outpatientPay', p.amountFen);
      sum += p.amountFen;
    }
    return postPaid(this.his, 'outpatientPay', {
      prescriptionNo: numbers.join(','),
      realName: input.patient.realName,
      patientCard: input.patient.patientCard,
      orderFee: fenToYuan(sum),
      payType: input.payType,
      feeType: joinDistinct(prescriptions.map((p) => p.feeType)),
      payedTime: beijingDateTime(input.payedAt),
      tradeNo: input.tradeNo,
    });
  }

  async queryOrderStatus(tradeNo: string): Promise<OutpatientOrderStatus> {
    return paidStatus(this.his, tradeNo, 'hisSrc');
  }
}
