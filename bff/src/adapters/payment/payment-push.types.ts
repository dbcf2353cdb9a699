/**
 * The public shape of a parsed platform push: the transType table and the domain objects that
 * `parsePlatformPush` returns. Kept apart from the parsing so callers' types read in one place.
 */

export const PUSH_TRANS = {
  arrears: 'hop.inpatient.msg.overpay',
  dailyBill: 'hop.inpatient.msg.bill',
  leftWard: 'hop.inpatient.msg.outDepart',
  discharged: 'hop.inpatient.msg.outHosp',
  notice: 'hop.inpatient.msg.common',
  billsToSettle: 'hop.mmpay.msg.push',
  medicine: 'hop.mmpay.push.drug',
} as const;

export type PushTransType = (typeof PUSH_TRANS)[keyof typeof PUSH_TRANS];

export type PushRejectReason = 'malformed' | 'bad-sign' | 'wrong-app' | 'stale' | 'no-nonce' | 'unknown-type' | 'invalid';

export interface PushPatient {
  name: string;
  idNumber: string | null;
  cardNo: string | null;
  inpatientNo: string | null;
  phone: string | null;
  /** The hospital's patient number (用户编号), where the message carries one. */
  patientNo: string | null;
}

/** How the patient settles: self-pay, local medical insurance, or insurance from elsewhere. */
export type SettlementKind = 'self-pay' | 'local-insurance' | 'other-region-insurance';

export interface InpatientStay {
  inpatientNo: string;
  ward: string;
  wardCode: string | null;
  /** yyyy-MM-dd */
  admittedOn: string;
  /** Which admission this is (住院次数), when sent. */
  admissionCount: string | null;
}

export interface PrescriptionRef {
  /** The HIS voucher / tracking number (单据号). */
  voucherNo: string | null;
  department: string;
  doctor: string;
  prescribedAt: Date;
}

export interface PushCommon {
  patient: PushPatient;
  title: string;
  /** Chinese label → display value, in display order; money as ¥x.xx; names masked. */
  lines: Record<string, string>;
  /** Same for every re-send of one message: transType + the message's identifying fields. */
  dedupeKey: string;
  /** The platform's name for the message type, kept for logs and support. */
  transType: PushTransType;
  /** For the caller's replay check. */
  nonce: string;
  /** The envelope's timestamp. */
  sentAt: Date;
}

export type PlatformPush =
  | (PushCommon & {
      kind: 'inpatient-arrears';
      stay: InpatientStay;
      amounts: { arrearsFen: number; balanceFen: number; totalFen: number; insuranceFen: number; selfPayFen: number };
    })
  | (PushCommon & {
      kind: 'inpatient-daily-bill';
      stay: InpatientStay;
      settlement: SettlementKind | null;
      /** The bill's day, yyyy-MM-dd (beginDate; the document says begin and end are one day). */
      date: string;
      endDate: string;
      amounts: { dailyTotalFen: number; insuranceFen: number; selfPayFen: number; balanceFen: number };
    })
  | (PushCommon & {
      kind: 'inpatient-left-ward';
      stay: InpatientStay;
      settlement: SettlementKind | null;
      /** Not in the table, but the document's sample shows them: taken when sent. */
      amounts: { balanceFen: number | null; totalFen: number | null; arrearsFen: number | null };
    })
  | (PushCommon & {
      kind: 'inpatient-discharged';
      stay: InpatientStay;
      amounts: { totalFen: number; insuranceFen: number; selfPayFen: number; balanceFen: number };
    })
  | (PushCommon & {
      kind: 'inpatient-notice';
      text: string;
      remark: string | null;
    })
  | (PushCommon & {
      kind: 'bills-to-settle';
      prescription: PrescriptionRef;
      settlement: SettlementKind | null;
      prescriptionCount: number | null;
      amounts: { totalFen: number | null };
    })
  | (PushCommon & {
      kind: 'medicine-status';
      prescription: PrescriptionRef & { receiptNo: string };
      /** waiting: not collected yet; collected; returned: refunded (退药/退费). */
      state: 'waiting' | 'collected' | 'returned';
      window: string;
      remark: string;
      refundNote: string | null;
      /** The prescription's total; when state is 'returned', the amount refunded. */
      amounts: { feeFen: number };
    });

export type PlatformPushKind = PlatformPush['kind'];

export interface ParsePushOptions {
  appId?: string;
  now?: () => Date;
  /** Allowed distance between the envelope timestamp and now. Default 5 minutes. */
  maxSkewMs?: number;
}
