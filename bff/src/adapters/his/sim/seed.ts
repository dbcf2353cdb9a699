import { beijingDate } from '../../../domain/time';
import { ensureScheduleWeek, simDepartments, simDoctors, type SimDepartment, type SimDoctor, type SimSchedule } from './seed-catalogue';
import { chenChen, recentStay } from './seed-inpatient';
import { seedOutpatient, type SimOutpatient } from './seed-outpatient';
import { queueSeed, seedQueues, seedReports, seedVisits, type SimPatientNumber, type SimQueue, type SimReport, type SimVisit } from './seed-reports';

/**
 * The simulated hospital's people. ID numbers are valid GB 11643 numbers (check digit included) of
 * invented people; cards keep the awkward shapes real HIS use (leading zeros, 20 digits, `xn…`).
 * Amounts are yuan strings, as HIS speaks them.
 */

export interface SimPatient {
  patientCard: string;
  realName: string;
  idCard: string;
  phone: string;
  sex: string;
  birthday: string;
  /** eCardBalance; '' = HIS has no figure. */
  eCardBalance: string;
  hisNo: string;
  /** Card status; 'lost' (挂失) cards are refused by checkPatientCard (该卡已挂失) and by insertSubscription / insertRegister (invalid_card). */
  cardStatus?: 'normal' | 'lost';
}

export interface SimStay {
  serialNumber: string;
  idCard: string;
  status: '0' | '1';
  inhospitalDate: string;
  leaveDate: string;
  inpatientArea: string;
  departmentCode: string;
  doctorCode: string;
  totleAmt: string;
  usedAmt: string;
  remainAmt: string;
  hisNo: string;
}

export interface SimState {
  /** By card number. */
  patients: Map<string, SimPatient>;
  /** By serial number (住院号). */
  stays: Map<string, SimStay>;
  nextCardSeq: number;
  nextHisNo: number;
  /** The simulator's clock: "today" (Beijing) for schedules and same-day registration. */
  now: () => Date;
  departments: SimDepartment[];
  doctors: SimDoctor[];
  /** By scheduleId; a rolling week from `now`, kept as the clock moves (see ensureScheduleWeek). */
  schedules: Map<string, SimSchedule>;
  /** Dates whose schedules have been generated. */
  scheduleDays: Set<string>;
  /** The simulator's first day: named schedules (sold out, stopped…) count from it. */
  anchorDate: string;
  /** Slot locks and bookings by HIS id (subscriptionId / registerId). */
  bookings: Map<string, SimBooking>;
  /** Payment notices by tradeNo (5.3 / 6.3): one tradeNo is booked once. */
  ledger: Map<string, SimLedgerEntry>;
  /** Refunds HIS booked (a paid appointment cancelled, or seeded by a test): the refund rows of 13.2. */
  ledgerRefunds: SimLedgerRefund[];
  /** Rows a test put in HIS's book directly (`ledger.seedRow`): HIS's own entries we never made. */
  ledgerSeeds: SimLedgerSeed[];
  nextSeq: number;
  /** Section 7 reports by reportId. */
  reports: Map<string, SimReport>;
  /** Section 12 queues by queueKey(departmentCode, doctorCode). */
  queues: Map<string, SimQueue>;
  /** Section 15.3 registrations by HIS registerId (seeded; paid bookings are added as they happen). */
  visits: Map<string, SimVisit>;
  /** Queue numbers HIS holds for patients today besides those of simulator bookings. */
  patientNumbers: SimPatientNumber[];
  /** Section 8 visits and prescriptions. */
  outpatient: SimOutpatient;
}

export interface SimBooking {
  id: string;
  kind: 'subscription' | 'register';
  scheduleId: string;
  patientCard: string;
  status: 'locked' | 'paid' | 'cancelled';
  /** What HIS charges, yuan: the lock's amount, else the schedule fee. */
  amount: string;
  queueNo: string;
  /** Took a number from a limited schedule (given back on cancel). */
  counted: boolean;
  tradeNo?: string;
  hisRefundId?: string;
}

/** 18.1 dataSrc of the payment notices the simulator books. */
export type SimDataSrc = 'subscription' | 'register' | 'hisSrc' | 'prepaySrc' | 'eCardPay';

export interface SimLedgerEntry {
  tradeNo: string;
  dataSrc: SimDataSrc;
  /** Notices received (every one, answered or not). */
  attempts: number;
  /** Times HIS booked the payment: the document says at most once. */
  booked: number;
  /** The recorded result, answered again to every later notice; null until processed. */
  reply: Record<string, string> | null;
  /** What queryOrderStatus answers once booked (registerId/hisOrderNumber: bookings; inspectPlace/windowNo: outpatient fees). */
  posted: { invoiceNo: string; hisPayId: string; registerId?: string; hisOrderNumber?: string; inspectPlace?: string; windowNo?: string } | null;
  /** The amount of the first notice processed (section 10: a tradeNo is booked with one amount only). */
  amount?: string;
  /** The notice's payedTime (`yyyy-MM-dd HH:mm:ss`), by which 13.1/13.2 select the day. */
  payedTime?: string;
}

/** A refund in HIS's book: `refundedTime` selects its day. */
export interface SimLedgerRefund {
  tradeNo: string;
  dataSrc: SimDataSrc;
  hisRefundId: string;
  amount: string;
  refundedTime: string;
}

/** A 13.2 row as HIS would list it, on `date`. */
export interface SimLedgerSeed {
  date: string;
  transactionType: '1' | '2' | '3' | '4' | '5';
  tradeNo: string;
  amount: string;
  channel: '0' | '1';
  hisPayId?: string;
  hisRefundId?: string;
}

const zhangSan: SimPatient = {
  patientCard: '000123456',
  realName: '张三',
  idCard: '110105199003071239',
  phone: '13800138000',
  sex: '男',
  birthday: '1990-03-07',
  eCardBalance: '203.67',
  hisNo: '6000234',
};
const liSisi: SimPatient = {
  patientCard: 'xn00000001',
  realName: '李思思',
  idCard: '43070219880512456X',
  phone: '13912345678',
  sex: '女',
  birthday: '1988-05-12',
  eCardBalance: '0',
  hisNo: '6000235',
};
const wangWu: SimPatient = {
  patientCard: '00001001',
  realName: '王五',
  idCard: '320682197508150370',
  phone: '13700001111',
  sex: '男',
  birthday: '1975-08-15',
  eCardBalance: '-12.50',
  hisNo: 'NB666888',
};
const zhaoLi: SimPatient = {
  patientCard: '0000777',
  realName: '赵丽',
  idCard: '31011519620101002X',
  phone: '13600002222',
  sex: '女',
  birthday: '1962-01-01',
  eCardBalance: '15.0',
  hisNo: '6000237',
};
const qianQi: SimPatient = {
  patientCard: '12345678901234567890',
  realName: '钱七',
  idCard: '440304200106208812',
  phone: '+8613512345678',
  sex: '男',
  birthday: '2001-06-20',
  eCardBalance: '',
  hisNo: '',
};

/** Card reported lost (挂失): a valid person whose card cannot book. */
const zhouBa: SimPatient = {
  patientCard: '0000888',
  realName: '周八',
  idCard: '210202198506141273',
  phone: '13300003333',
  sex: '男',
  birthday: '1985-06-14',
  eCardBalance: '50.00',
  hisNo: '6000238',
  cardStatus: 'lost',
};

const inpatientStay: SimStay = {
  serialNumber: 'ZY2024000123',
  idCard: wangWu.idCard,
  status: '1',
  inhospitalDate: '2024-10-12',
  leaveDate: '',
  inpatientArea: '总院',
  departmentCode: 'EK02',
  doctorCode: 'D032L',
  totleAmt: '3000',
  usedAmt: '2013.61',
  remainAmt: '986.39',
  hisNo: wangWu.hisNo,
};
const dischargedStay: SimStay = {
  serialNumber: 'ZY2023000077',
  idCard: zhaoLi.idCard,
  status: '0',
  inhospitalDate: '2023-03-01',
  leaveDate: '2023-03-09',
  inpatientArea: '东院',
  departmentCode: 'NK01',
  doctorCode: 'D011A',
  totleAmt: '5000.00',
  usedAmt: '5230.5',
  remainAmt: '-230.50',
  hisNo: zhaoLi.hisNo,
};

/** What the demo and the tests may rely on. Fen figures are what the adapter must map to. */
export const seed = {
  /** Outpatient with a leading-zero card and a balance of 203.67 yuan. */
  outpatient: { ...zhangSan, balanceFen: 20367 },
  /** Holds a virtual card (xn…), ID number ending in X: the card-replacement (4.5) candidate. */
  virtualCard: { ...liSisi, balanceFen: 0 },
  /** In hospital now; card balance in arrears (-12.50). */
  inpatient: { ...wangWu, balanceFen: -1250, serialNumber: inpatientStay.serialNumber, depositPaidFen: 300000, depositUsedFen: 201361, depositRemainingFen: 98639 },
  /** Discharged; the stay ended in arrears (remainAmt -230.50). */
  discharged: { ...zhaoLi, balanceFen: 1500, serialNumber: dischargedStay.serialNumber, depositPaidFen: 500000, depositUsedFen: 523050, depositRemainingFen: -23050 },
  /** 20-digit card, `+86` phone, no balance figure. */
  longCard: { ...qianQi, balanceFen: null },
  /** Not known to HIS: addPatientCard creates a card for this person. */
  newcomer: { realName: '孙小美', idCard: '510107199502283321', phone: '13511112222' },
  /** Card reported lost: checkPatientCard answers 该卡已挂失, locks answer invalid_card. */
  lostCard: { ...zhouBa },
  /** First card number addPatientCard hands out. */
  firstNewCard: 'xn00000101',
} as const;

export function createSeedState(now: () => Date = () => new Date()): SimState {
  const today = beijingDate(now());
  const state: SimState = {
    patients: new Map([zhangSan, liSisi, wangWu, zhaoLi, qianQi, zhouBa, chenChen].map((p) => [p.patientCard, { ...p }])),
    stays: new Map([inpatientStay, dischargedStay, recentStay(today)].map((s) => [s.serialNumber, { ...s }])),
    nextCardSeq: 101,
    nextHisNo: 6000300,
    now,
    departments: simDepartments.map((d) => ({ ...d })),
    doctors: simDoctors.map((d) => ({ ...d })),
    schedules: new Map(),
    scheduleDays: new Set(),
    anchorDate: today,
    bookings: new Map(),
    ledger: new Map(),
    ledgerRefunds: [],
    ledgerSeeds: [],
    nextSeq: 1,
    reports: seedReports(today),
    queues: seedQueues(),
    visits: seedVisits(today),
    patientNumbers: queueSeed.patientNumbers.map((n) => ({ ...n })),
    outpatient: seedOutpatient(today),
  };
  ensureScheduleWeek(state);
  return state;
}
