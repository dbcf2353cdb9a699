import { fenToYuan, yuanToFen } from '@hosp/shared';
import { addDays } from './seed-reports';

/**
 * The simulated hospital's outpatient fees (section 8): visits and the prescriptions the doctors
 * ordered, by ID number (a card replaced under 4.5 keeps its visits). Amounts are yuan strings as
 * HIS writes them; a prescription's orderFee is the exact sum of its lines.
 */

export interface SimFeeItem {
  feeName: string;
  feeType: string;
  price: string;
  count: string;
  usage: string;
  dosage: string;
}

export interface SimClinicVisit {
  clinicNo: string;
  hisRegisterId: string;
  idCard: string;
  /** yyyy-MM-dd */
  createDate: string;
  departmentCode: string;
  departmentName: string;
  doctorCode: string;
  doctorName: string;
  diagnosisCode: string;
  diagnosisName: string;
}

export interface SimPrescription {
  prescriptionNo: string;
  idCard: string;
  clinicNo: string;
  hisRegisterId: string;
  /** yyyy-MM-dd HH:mm:ss */
  createDate: string;
  feeType: string;
  orderFee: string;
  /** null: HIS sends no feeDetail for it. */
  items: SimFeeItem[] | null;
  status: 'unpaid' | 'paid' | 'cancelled';
  /** The tradeNo that paid it, or 'window' (paid at the counter). */
  paidBy?: string;
  /** Where to go once paid (queryOrderStatus inspectPlace / windowNo). */
  inspectPlace?: string;
  windowNo?: string;
}

export interface SimOutpatient {
  visits: SimClinicVisit[];
  prescriptions: Map<string, SimPrescription>;
  nextSeq: number;
}

/** [name, price, count] or [name, price, count, usage, dosage] */
export type SimLine = readonly [string, string, string] | readonly [string, string, string, string, string];

export interface SimRxSpec {
  feeType: string;
  /** null: no feeDetail; the fee is then orderFee. */
  lines: readonly SimLine[] | null;
  orderFee?: string;
  /** hh:mm:ss on the visit's day. */
  time?: string;
  inspectPlace?: string;
  windowNo?: string;
}

/** Adds an unpaid prescription to a visit; its orderFee is the exact sum of its lines. */
export function prescribe(o: SimOutpatient, v: SimClinicVisit, spec: SimRxSpec): SimPrescription {
  const items = spec.lines?.map(([feeName, price, count, usage = '', dosage = '']) => ({ feeName, feeType: spec.feeType, price, count, usage, dosage })) ?? null;
  const sum = items?.reduce((fen, i) => fen + yuanToFen(i.price) * Number(i.count), 0);
  const rx: SimPrescription = {
    prescriptionNo: `CF${v.createDate.replaceAll('-', '')}${String(o.nextSeq++).padStart(5, '0')}`,
    idCard: v.idCard,
    clinicNo: v.clinicNo,
    hisRegisterId: v.hisRegisterId,
    createDate: `${v.createDate} ${spec.time ?? '09:30:00'}`,
    feeType: spec.feeType,
    orderFee: spec.orderFee ?? fenToYuan(sum ?? 0),
    items,
    status: 'unpaid',
    inspectPlace: spec.inspectPlace,
    windowNo: spec.windowNo,
  };
  o.prescriptions.set(rx.prescriptionNo, rx);
  return rx;
}

const ZHANG = '110105199003071239';
const LI = '43070219880512456X';
const ZHAO = '31011519620101002X';
const QIAN = '440304200106208812';

type VisitSpec = Omit<SimClinicVisit, 'createDate'> & { daysAgo: number };
const VISITS: VisitSpec[] = [
  { clinicNo: 'MZ0010', hisRegisterId: 'GHS0010', idCard: ZHANG, daysAgo: 0, departmentCode: 'NK01', departmentName: '心血管内科', doctorCode: 'D011A', doctorName: '陈建国', diagnosisCode: 'I10', diagnosisName: '原发性高血压' },
  { clinicNo: 'MZ0009', hisRegisterId: 'GHS0009', idCard: ZHANG, daysAgo: 1, departmentCode: 'NK02', departmentName: '消化内科', doctorCode: 'D012B', doctorName: '刘芳', diagnosisCode: 'K29.7', diagnosisName: '慢性胃炎' },
  { clinicNo: 'MZ0011', hisRegisterId: 'GHS0011', idCard: LI, daysAgo: 0, departmentCode: 'NK01', departmentName: '心血管内科', doctorCode: 'D011A', doctorName: '陈建国', diagnosisCode: 'J20.9', diagnosisName: '急性支气管炎' },
  { clinicNo: 'MZ0012', hisRegisterId: 'GHS0012', idCard: ZHAO, daysAgo: 0, departmentCode: 'WK02', departmentName: '骨科', doctorCode: 'D022D', doctorName: '赵敏', diagnosisCode: 'M17.9', diagnosisName: '膝关节骨关节炎' },
  { clinicNo: 'MZ0013', hisRegisterId: 'GHS0013', idCard: QIAN, daysAgo: 0, departmentCode: 'WK01', departmentName: '普通外科', doctorCode: 'D021C', doctorName: '王磊', diagnosisCode: 'T14.0', diagnosisName: '浅表损伤' },
];

const LAB = '门诊楼一楼检验科';
const ECHO = '门诊楼二楼心功能室';
const PHARMACY = '3';

/** What tests and the demo may rely on. */
export const outpatientSeed = {
  /** 张三: today's visit MZ0010 (3 prescriptions, 8 lines) and yesterday's MZ0009 (1 prescription). */
  zhang: { idCard: ZHANG, todayClinicNo: 'MZ0010', todayHisRegisterId: 'GHS0010', todayFen: [20500, 9210, 6500], yesterdayClinicNo: 'MZ0009', yesterdayFen: [6710] },
  /** 李思思: today's MZ0011, two prescriptions. */
  li: { idCard: LI, clinicNo: 'MZ0011', fen: [9000, 2445] },
  /** 赵丽: many prescriptions (12) on one visit, MZ0012. */
  zhao: { idCard: ZHAO, clinicNo: 'MZ0012', count: 12 },
  /** 钱七: one prescription without feeDetail (items absent), 35.00. */
  qian: { idCard: QIAN, clinicNo: 'MZ0013', fen: 3500 },
  places: { lab: LAB, echo: ECHO, pharmacyWindow: PHARMACY },
} as const;

export function seedOutpatient(today: string): SimOutpatient {
  const o: SimOutpatient = { visits: [], prescriptions: new Map(), nextSeq: 1 };
  const visit = (i: number) => o.visits[i]!;
  for (const { daysAgo, ...v } of VISITS) o.visits.push({ ...v, createDate: addDays(today, -daysAgo) });
  prescribe(o, visit(0), { feeType: '检查费', lines: [['心电图', '25.00', '1'], ['心脏彩超', '180.00', '1']], inspectPlace: ECHO, time: '09:12:30' });
  prescribe(o, visit(0), {
    feeType: '西药费',
    lines: [
      ['阿司匹林肠溶片', '15.80', '2', '口服，每日一次', '每次100mg'],
      ['阿托伐他汀钙片', '48.50', '1', '口服，每晚一次', '每次20mg'],
      ['硝酸甘油片', '12.00', '1', '舌下含服，胸痛时', '每次0.5mg'],
    ],
    windowNo: PHARMACY,
    time: '09:13:05',
  });
  prescribe(o, visit(0), { feeType: '检验费', lines: [['血常规', '20.00', '1'], ['血脂四项', '45.00', '1']], inspectPlace: LAB, time: '09:13:40' });
  prescribe(o, visit(1), {
    feeType: '西药费',
    lines: [['奥美拉唑肠溶胶囊', '23.60', '2', '口服，每日两次', '每次20mg'], ['铝碳酸镁咀嚼片', '19.90', '1', '嚼服，每日三次', '每次1g']],
    windowNo: PHARMACY,
  });
  prescribe(o, visit(2), { feeType: '检查费', lines: [['胸部X线正位片', '90.00', '1']], inspectPlace: '门诊楼一楼放射科' });
  prescribe(o, visit(2), { feeType: '西药费', lines: [['复方甘草片', '6.50', '1', '口服，每日三次', '每次2片'], ['布洛芬缓释胶囊', '17.95', '1', '口服，必要时', '每次0.3g']], windowNo: '1' });
  for (let i = 0; i < outpatientSeed.zhao.count; i++) {
    const lines: SimLine[] = Array.from({ length: 2 + (i % 3) }, (_, j) => [`理疗项目${i + 1}-${j + 1}`, `${10 + i}.${j}0`, String(1 + j)]);
    prescribe(o, visit(3), { feeType: i % 2 === 0 ? '治疗费' : '材料费', lines, inspectPlace: '门诊楼三楼康复治疗室', time: `10:${String(i).padStart(2, '0')}:00` });
  }
  prescribe(o, visit(4), { feeType: '治疗费', lines: null, orderFee: '35.00', inspectPlace: '门诊楼三楼换药室' });
  return o;
}
