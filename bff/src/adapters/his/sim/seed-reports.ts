import { simDoctors } from './seed-catalogue';

/**
 * Reports (section 7), queues (12) and visits (15.3) of the simulated hospital. Dates count back
 * from the simulator's first day ("today", Beijing), so the reports always fall in the default
 * one-month window. Values and ranges are written the many ways real lab systems write them; the
 * `flag` of each item is what the domain's range reading should conclude (the simulator never
 * sends it: HIS has no such field).
 */

export type SimFlag = 'high' | 'low' | 'normal' | 'abnormal' | 'none';

export interface SimLabItem {
  itemName: string;
  sample: string;
  /** realResult as HIS writes it (sometimes with the unit on the end). */
  realResult: string;
  /** A separate `<unit>` element (some dialects); absent when undefined. */
  unit?: string;
  referprint: string;
  conclusion: string;
  /** Expected reading of value against range (documentation for tests; never sent). */
  flag: SimFlag;
}

export interface SimReport {
  reportId: string;
  patientCard: string;
  /** 7.1 reportType: '1' outpatient, '2' inpatient. */
  scope: '1' | '2';
  /** '1' 检验 (lab), '2' 检查 (exam). */
  checkType: '1' | '2';
  reportName: string;
  hisRegisterId: string;
  checkDate: string;
  status: '0' | '1';
  diagnosisCode: string;
  diagnosisName: string;
  /** 报告类型 text of the detail replies. */
  type: string;
  items: SimLabItem[];
  exam?: { reportMessage: string; reportResult: string; reportImagePath: string };
}

/** One queue: a department's ordinary clinic (doctorCode '') or one expert's. */
export interface SimQueue {
  departmentCode: string;
  doctorCode: string;
  nowServing: number;
  waiting: number;
}

/** A registration as 15.3 sees it. */
export interface SimVisit {
  registerId: string;
  patientCard: string;
  clinicDate: string;
  status: '0' | '1';
}

/** A queue number HIS holds for a patient today (besides those of bookings made in the simulator). */
export interface SimPatientNumber {
  patientCard: string;
  departmentCode: string;
  doctorCode: string;
  number: number;
}

const ZHANG = '000123456';
const WANG = '00001001';
const LI = 'xn00000001';

const item = (itemName: string, sample: string, realResult: string, unit: string | undefined, referprint: string, conclusion: string, flag: SimFlag): SimLabItem =>
  unit === undefined ? { itemName, sample, realResult, referprint, conclusion, flag } : { itemName, sample, realResult, unit, referprint, conclusion, flag };

/** The seeded reports; `daysAgo` is counted from the simulator's first day. */
const REPORTS: Array<Omit<SimReport, 'checkDate'> & { daysAgo: number }> = [
  {
    reportId: 'ZS-LIS-01',
    patientCard: ZHANG,
    scope: '1',
    checkType: '1',
    reportName: '血常规',
    hisRegisterId: 'GHS0001',
    daysAgo: 20,
    status: '1',
    diagnosisCode: 'J06.9',
    diagnosisName: '急性上呼吸道感染',
    type: '检验报告',
    items: [
      item('白细胞计数', '全血', '11.2', '10^9/L', '3.5~9.5', '偏高', 'high'),
      item('红细胞计数', '全血', '3.2', '10^12/L', '3.5~5.5', '偏低', 'low'),
      item('血红蛋白', '全血', '135 g/L', undefined, '男:120-160', '', 'normal'),
      item('血小板计数', '全血', '210', '10^9/L', '125-350', '正常', 'normal'),
      item('中性粒细胞百分比', '全血', '68.5%', undefined, '40-75', '', 'normal'),
      item('C反应蛋白', '全血', '12.6 mg/L', undefined, '<5', '偏高', 'high'),
    ],
  },
  {
    reportId: 'ZS-LIS-02',
    patientCard: ZHANG,
    scope: '1',
    checkType: '1',
    reportName: '肝功能',
    hisRegisterId: 'GHS0002',
    daysAgo: 12,
    status: '1',
    diagnosisCode: 'K76.0',
    diagnosisName: '脂肪肝',
    type: '检验报告',
    items: [
      item('丙氨酸氨基转移酶', '血清', '52', 'U/L', '9-50', '偏高', 'high'),
      item('天门冬氨酸氨基转移酶', '血清', '28 U/L', undefined, '15-40', '正常', 'normal'),
      item('总蛋白', '血清', '58.2 g/L', undefined, '65-85', '偏低', 'low'),
      item('白蛋白', '血清', '4.2', 'g/dL', '>=3.5', '正常', 'normal'),
      item('总胆红素', '血清', '0.35', 'mg/dL', '0.00--1.00', '正常', 'normal'),
      item('直接胆红素', '血清', '0.6', 'mg/dL', '≤ 0.5', '偏高', 'high'),
      item('γ-谷氨酰转移酶', '血清', '8U/L', undefined, '10-60', '偏低', 'low'),
      item('乙肝表面抗原', '血清', '阴性', undefined, '阴性', '阴性', 'normal'),
      item('乙肝表面抗体', '血清', '66.6', undefined, '0-6.4', '偏高', 'high'),
      item('乙肝e抗原', '血清', '阳性(+)', undefined, '阴性(-)', '阳性', 'abnormal'),
      item('乙肝核心抗体', '血清', '阴性', undefined, '阴性(-)', '', 'normal'),
      item('HBV-DNA定量', '血清', '<500 IU/mL', undefined, '', '', 'none'),
    ],
  },
  {
    reportId: 'ZS-PAC-01',
    patientCard: ZHANG,
    scope: '1',
    checkType: '2',
    reportName: '胸部CT',
    hisRegisterId: 'GHS0003',
    daysAgo: 5,
    status: '1',
    diagnosisCode: 'J18.9',
    diagnosisName: '肺炎待排',
    type: '检查报告',
    items: [],
    exam: {
      reportMessage: '双肺纹理增粗，右肺下叶见少许斑片状模糊影，纵隔内未见肿大淋巴结，双侧胸腔未见积液。',
      reportResult: '右肺下叶少许炎症，建议抗感染治疗后复查。',
      reportImagePath: 'https://sim.hospital.example/pacs/ZS-PAC-01/1.jpg',
    },
  },
  {
    reportId: 'ZS-LIS-03',
    patientCard: ZHANG,
    scope: '1',
    checkType: '1',
    reportName: '尿常规',
    hisRegisterId: 'GHS0004',
    daysAgo: 1,
    status: '0',
    diagnosisCode: 'N39.0',
    diagnosisName: '泌尿道感染待排',
    type: '检验报告',
    items: [],
  },
  {
    reportId: 'WW-LIS-01',
    patientCard: WANG,
    scope: '2',
    checkType: '1',
    reportName: '电解质+血糖',
    hisRegisterId: 'ZY2024000123',
    daysAgo: 3,
    status: '1',
    diagnosisCode: 'E11.9',
    diagnosisName: '2型糖尿病',
    type: '检验报告',
    items: [
      item('钾', '血清', '3.1 mmol/L', undefined, '3.5-5.5 mmol/L', '偏低', 'low'),
      item('钠', '血清', '141', 'mmol/L', '137-147', '正常', 'normal'),
      item('葡萄糖', '血清', '7.8 mmol/L', undefined, '3.9-6.1', '偏高', 'high'),
    ],
  },
  {
    reportId: 'WW-PAC-01',
    patientCard: WANG,
    scope: '2',
    checkType: '2',
    reportName: '腹部B超',
    hisRegisterId: 'ZY2024000123',
    daysAgo: 2,
    status: '1',
    diagnosisCode: 'E11.9',
    diagnosisName: '2型糖尿病',
    type: '检查报告',
    items: [],
    exam: {
      reportMessage: '肝脏大小形态正常，包膜光滑，实质回声均匀。胆囊、胰腺、脾脏未见明显异常。',
      reportResult: '肝胆胰脾未见明显异常。',
      // A PACS file path, as some HIS send it: not something a phone can open.
      reportImagePath: 'D:\\PACS\\images\\WW-PAC-01.jpg',
    },
  },
];

/** Queue figures per department ordinary clinic; experts count from their doctor's index. */
const ORDINARY_QUEUES: Record<string, [number, number]> = {
  NK01: [12, 8],
  NK02: [6, 4],
  WK01: [9, 0],
  WK02: [3, 2],
  EK01: [21, 11],
};

/** What tests may rely on. */
export const reportSeed = {
  /** 张三 (000123456): 3 done outpatient reports in the last month and one lab report in progress. */
  outpatient: { patientCard: ZHANG, done: ['ZS-LIS-01', 'ZS-LIS-02', 'ZS-PAC-01'], inProgress: 'ZS-LIS-03' },
  /** 王五 (00001001, stay ZY2024000123): inpatient reports. */
  inpatient: { patientCard: WANG, reports: ['WW-LIS-01', 'WW-PAC-01'] },
  lab: { cbc: 'ZS-LIS-01', liver: 'ZS-LIS-02', inProgress: 'ZS-LIS-03', inpatient: 'WW-LIS-01' },
  exam: { withImage: 'ZS-PAC-01', withFilePath: 'WW-PAC-01' },
  imageUrl: 'https://sim.hospital.example/pacs/ZS-PAC-01/1.jpg',
} as const;

export const queueSeed = {
  /** Ordinary clinic queues [nowServing, waiting]; EK02 has none (its only queue is the expert's). */
  ordinary: ORDINARY_QUEUES,
  /** Every expert: nowServing 5 + index, waiting 3 + index (index in the doctor list). */
  expert: Object.fromEntries(simDoctors.map((d, i) => [d.doctorCode, [5 + i, 3 + i] as [number, number]])),
  /** Patient numbers HIS already holds today. */
  patientNumbers: [
    { patientCard: ZHANG, departmentCode: 'NK01', doctorCode: '', number: 15 },
    { patientCard: LI, departmentCode: 'NK01', doctorCode: 'D011A', number: 7 },
  ] as readonly SimPatientNumber[],
  /** Registrations 15.3 knows from the seed: 张三's past visits (seen) and today's (not seen). */
  visits: { past: ['GHS0001', 'GHS0002', 'GHS0003', 'GHS0004'], today: ['GHS0010', 'GHS0011'] },
} as const;

export function seedReports(today: string): Map<string, SimReport> {
  const out = new Map<string, SimReport>();
  for (const { daysAgo, ...r } of REPORTS) {
    out.set(r.reportId, { ...r, checkDate: addDays(today, -daysAgo), items: r.items.map((i) => ({ ...i })), exam: r.exam && { ...r.exam } });
  }
  return out;
}

export const queueKey = (departmentCode: string, doctorCode = '') => `${departmentCode}|${doctorCode}`;

export function seedQueues(): Map<string, SimQueue> {
  const out = new Map<string, SimQueue>();
  for (const [code, [nowServing, waiting]] of Object.entries(ORDINARY_QUEUES)) {
    out.set(queueKey(code), { departmentCode: code, doctorCode: '', nowServing, waiting });
  }
  for (const d of simDoctors) {
    const [nowServing, waiting] = queueSeed.expert[d.doctorCode]!;
    out.set(queueKey(d.departmentCode, d.doctorCode), { departmentCode: d.departmentCode, doctorCode: d.doctorCode, nowServing, waiting });
  }
  return out;
}

export function seedVisits(today: string): Map<string, SimVisit> {
  const reports = REPORTS.filter((r) => r.patientCard === ZHANG);
  const visits: SimVisit[] = [
    ...reports.map((r) => ({ registerId: r.hisRegisterId, patientCard: ZHANG, clinicDate: addDays(today, -r.daysAgo), status: '1' as const })),
    { registerId: 'GHS0010', patientCard: ZHANG, clinicDate: today, status: '0' },
    { registerId: 'GHS0011', patientCard: LI, clinicDate: today, status: '0' },
  ];
  return new Map(visits.map((v) => [v.registerId, v]));
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
