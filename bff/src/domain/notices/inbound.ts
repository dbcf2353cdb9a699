/** Messages HIS pushes to us (section 16), in domain words. Amounts are fen. */
export type HisPushMessage =
  | { type: 'medicine'; tradeNo: string; prescriptionNos: string; collected: boolean | null }
  | { type: 'outpatient-fee'; patient: PatientRef; clinicNo: string | null; feeType: string | null; feeDate: string | null; amountFen: number; hisRegisterId: string | null }
  | { type: 'inpatient-arrears'; patient: PatientRef; serialNumber: string | null; depositFen: number | null; usedFen: number | null; remainingFen: number | null; arrearsFen: number }
  | { type: 'daily-bill'; patient: PatientRef; serialNumber: string | null; feeType: string | null; feeDate: string; totalFen: number }
  /** registerId: the platform's registration id (ours, the tradeNo) as 16.5 defines it; hisRegisterId: HIS's. */
  | { type: 'visit-finished'; patient: PatientRef; registerId: string | null; hisRegisterId: string | null }
  | { type: 'report-ready'; patient: PatientRef; reportId: string; scope: 'outpatient' | 'inpatient' | 'checkup'; reportDate: string | null; pickupPlace: string }
  | { type: 'invoice-printed'; tradeNo: string; invoiceNo: string; printedAt: string; amountFen: number | null; place: string | null }
  | { type: 'card-replaced'; hospitalId: string; idNumber: string; realName: string; oldCard: string; newCard: string };

export interface PatientRef {
  realName: string;
  idNumber: string | null;
  patientCard: string;
}

export interface StopSchedule {
  scheduleId: string;
  clinicDate: string;
  clinicTime: string | null;
  timeQuantum: string | null;
  departmentCode: string | null;
  doctorCode: string | null;
}
