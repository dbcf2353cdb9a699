/**
 * What outpatient fees need from HIS (section 8, and 15.2 with dataSrc hisSrc), in domain words.
 * Money is integer fen; dates are Beijing `yyyy-MM-dd`, instants are Dates.
 */

export interface OutpatientPatient {
  realName: string;
  patientCard: string;
}

/** One visit HIS knows for the card (findClinicNo). */
export interface ClinicVisit {
  clinicNo: string;
  /** The day the fees were created, yyyy-MM-dd. */
  date: string;
  departmentCode: string | null;
  departmentName: string | null;
  doctorCode: string | null;
  doctorName: string | null;
}

/** One line of a prescription (an item of feeDetail). */
export interface FeeItem {
  name: string;
  feeType: string;
  /** Null only when HIS prices the unit below a fen (e.g. 0.035 yuan a tablet): see unitPrice. */
  unitPriceFen: number | null;
  /** The unit price in yuan as a plain decimal, for display when it is not whole fen. */
  unitPrice: string;
  /** As HIS counts it: whole or decimal (0.5 box). */
  count: number;
  /** unit price × count when that is whole fen, else null. The prescription's amountFen is what is charged. */
  amountFen: number | null;
  /** Medicines: how to take it (用法) and how much (用量). */
  usage: string | null;
  dosage: string | null;
}

/** An unpaid prescription (findOutpatientPay row). Its amount is what HIS charges for it. */
export interface UnpaidPrescription {
  prescriptionNo: string;
  clinicNo: string | null;
  hisRegisterId: string | null;
  amountFen: number;
  feeType: string;
  createdAt: Date;
  departmentCode: string | null;
  departmentName: string | null;
  doctorCode: string | null;
  doctorName: string | null;
  diagnosisCode: string | null;
  diagnosisName: string | null;
  /** Empty when HIS sends no feeDetail. */
  items: FeeItem[];
}

/** Unpaid prescriptions of one visit (same HIS registration id or clinic number), in HIS order. */
export interface UnpaidVisit {
  clinicNo: string | null;
  hisRegisterId: string | null;
  totalFen: number;
  prescriptions: UnpaidPrescription[];
}

/** outpatientPay: one order paying one or several prescriptions of one visit. */
export interface OutpatientPaymentInput {
  /** Our order number: the same on every try. */
  tradeNo: string;
  patient: OutpatientPatient;
  /** As read from HIS when the order was made; the amount sent is their exact sum. */
  prescriptions: ReadonlyArray<{ prescriptionNo: string; amountFen: number; feeType: string }>;
  /** Section 18.2 payType, e.g. wechatMP / alipayMP / eCardPay. */
  payType: string;
  payedAt: Date;
}

export type OutpatientPostResult =
  | { state: 'posted'; invoiceNo: string | null; serialNo: string | null }
  /** HIS answered an error. isRefund is true only when HIS says so (isRefund=1, as in 5.3/6.3). */
  | { state: 'failed'; isRefund: boolean; message: string };

/** queryOrderStatus(tradeNo, hisSrc): where to go next comes from here (检查地点, 取药窗口). */
export type OutpatientOrderStatus =
  | { state: 'posted'; invoiceNo: string | null; hisPayId: string | null; inspectPlace: string | null; windowNo: string | null }
  /** HIS answered ERROR: it does not say it has the payment (what that means is the workflow's call). */
  | { state: 'not_posted'; message: string };

/**
 * Implemented by the HIS adapter. Transport failures and unreadable replies throw AppErrors
 * (HIS_UNAVAILABLE / HIS_BAD_REPLY); for posting these mean "outcome unknown". A lookup HIS refuses
 * (result=error) throws HIS_REJECTED with HIS's words.
 */
export interface HisOutpatientPort {
  /** findClinicNo: the visit(s) HIS reports for the card (usually the latest one). */
  findVisits(patient: OutpatientPatient): Promise<ClinicVisit[]>;
  /** findOutpatientPay, grouped by visit; clinicNo narrows it to one visit. */
  findUnpaid(patient: OutpatientPatient, clinicNo?: string | null): Promise<UnpaidVisit[]>;
  /** outpatientPay */
  postPayment(input: OutpatientPaymentInput): Promise<OutpatientPostResult>;
  /** queryOrderStatus with dataSrc hisSrc */
  queryOrderStatus(tradeNo: string): Promise<OutpatientOrderStatus>;
}
