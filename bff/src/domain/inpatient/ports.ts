/**
 * What the inpatient journey needs from HIS (sections 9, 10, and 15.2 with dataSrc prepaySrc), in
 * domain words. Money in fen (remaining and bill lines may be negative). The stay itself (ward,
 * department, admission) is HisPatientPort.queryInpatient (queryInHospitalPatient, 4.4).
 */

/** How HIS finds the stay (9.1 queryId: 住院号, card number or patient id, as the hospital's HIS wants). */
export interface InpatientRef {
  realName: string;
  queryId: string;
}

/** getPatientExpense */
export interface DepositSummary {
  paidFen: number;
  usedFen: number;
  /** Negative when the stay is in arrears. */
  remainingFen: number;
}

export interface DayBillLine {
  feeType: string;
  count: number;
  /** Null only for a unit price below a fen: see unitPrice. */
  unitPriceFen: number | null;
  unitPrice: string;
  amountFen: number;
}

/** getDayExpense: one day's lines; none is a normal answer (nothing charged that day). */
export interface DayBill {
  /** yyyy-MM-dd */
  date: string;
  lines: DayBillLine[];
  totalFen: number;
}

export interface PrepayInput {
  /** Our order number: the same on every try. */
  tradeNo: string;
  /** patientCard is what 10.1 calls 住院号/就诊卡号: the inpatient number or the card, per hospital. */
  patient: { realName: string; patientCard: string };
  amountFen: number;
  /** Section 18.2 payType. */
  payType: string;
  payedAt: Date;
}

export type PrepayPostResult =
  | { state: 'posted'; invoiceNo: string | null; serialNo: string | null }
  | { state: 'failed'; isRefund: boolean; message: string };

export type PrepayOrderStatus = { state: 'posted'; invoiceNo: string | null; hisPayId: string | null } | { state: 'not_posted'; message: string };

/** Implemented by the HIS adapter; failures are AppErrors from ../his-errors (HIS_REJECTED carries HIS's words). */
export interface HisInpatientPort {
  /** getPatientExpense: HIS refuses (HIS_REJECTED) a name that does not match the queryId. */
  deposit(ref: InpatientRef): Promise<DepositSummary>;
  /** getDayExpense for one day (yyyy-MM-dd). */
  dayBill(ref: InpatientRef, date: string): Promise<DayBill>;
  /** prePayExpense */
  postPrepay(input: PrepayInput): Promise<PrepayPostResult>;
  /** queryOrderStatus with dataSrc prepaySrc */
  queryOrderStatus(tradeNo: string): Promise<PrepayOrderStatus>;
}
