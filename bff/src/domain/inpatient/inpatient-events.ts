/**
 * One inpatient event may reach us twice: from HIS (pushInhospitalFee / pushPatientFeeNotice /
 * pushDayExpense) and from the payment platform (hop.inpatient.msg.overpay / .bill). Both name it
 * with the same key, so each bound account is told once whichever arrives first.
 */

/** The stay's shortfall of one amount on one (Beijing) day. */
export function arrearsEventKey(serialNumber: string, arrearsFen: number, day: string): string {
  return `inpatient-arrears:${serialNumber.trim()}:${arrearsFen}:${day}`;
}

/** The daily bill of one day of one stay. */
export function dayBillEventKey(serialNumber: string, date: string): string {
  return `inpatient-daybill:${serialNumber.trim()}:${date}`;
}

/** Where an arrears notice sends the family: straight to prepay for that patient. */
export const PREPAY_LINK = '/journeys/inpatient/pages/prepay/index?patientId={patientId}';
