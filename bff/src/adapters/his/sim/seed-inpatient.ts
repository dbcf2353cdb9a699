import { fenToYuan, yuanToFen } from '@hosp/shared';
import type { SimPatient, SimStay } from './seed';
import { addDays } from './seed-reports';

/**
 * Inpatient fees (section 9): a stay admitted three days before the simulator's first day, with
 * its deposit running low, and the daily bill (一日清) of any day of any stay, computed from the
 * date so every day reads the same each time. Amounts are yuan strings as HIS writes them.
 */

/** 9.2 line, in the table's names. */
export interface SimBillLine {
  feeType: string;
  amount: string;
  count: string;
  price: string;
}

/** In hospital since three days ago; the deposit is down to 463.15 yuan. */
export const chenChen: SimPatient = {
  patientCard: '000234567',
  realName: '陈晨',
  idCard: '110108198709231526',
  phone: '13811112222',
  sex: '女',
  birthday: '1987-09-23',
  eCardBalance: '88.00',
  hisNo: '6000239',
};

export function recentStay(today: string): SimStay {
  return {
    serialNumber: 'ZY2025000456',
    idCard: chenChen.idCard,
    status: '1',
    inhospitalDate: addDays(today, -3),
    leaveDate: '',
    inpatientArea: '住院部5楼',
    departmentCode: 'NK01',
    doctorCode: 'D011A',
    totleAmt: '2000.00',
    usedAmt: '1536.85',
    remainAmt: '463.15',
    hisNo: chenChen.hisNo,
  };
}

/** What tests and the demo may rely on. */
export const inpatientSeed = {
  recent: { ...chenChen, serialNumber: 'ZY2025000456', admittedDaysAgo: 3, depositPaidFen: 200000, depositUsedFen: 153685, depositRemainingFen: 46315 },
  /** Every full day: bed 60.00 + nursing 28.00 + medicine; the admission day adds a CT (260.00). */
  rates: { bed: '60.00', nursing: '28.00', medicine: '18.35', lab: '85.50', ct: '260.00' },
} as const;

const line = (feeType: string, price: string, count: number): SimBillLine => ({
  feeType,
  price,
  count: String(count),
  amount: fenToYuan(yuanToFen(price) * count),
});

const dayIndex = (from: string, date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The lines of one day: none before admission, after discharge or after today. Today's bill is
 * still open (bed and nursing only). Day 2 of a stay has a returned medicine (a negative line).
 */
export function dayBill(stay: SimStay, date: string, today: string): SimBillLine[] {
  const n = dayIndex(stay.inhospitalDate, date);
  if (n < 0 || date > today || (stay.leaveDate !== '' && date > stay.leaveDate)) return [];
  const r = inpatientSeed.rates;
  const lines = [line('床位费', r.bed, 1), line('护理费', r.nursing, 1)];
  if (date === today) return lines;
  lines.push(line('西药费', r.medicine, 1 + (n % 3)));
  if (n % 2 === 0) lines.push(line('检验费', r.lab, 1));
  if (n === 0) lines.push(line('检查费', r.ct, 1));
  if (n === 2) lines.push(line('西药费', r.medicine, -1));
  return lines;
}
