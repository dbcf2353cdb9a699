import { beijingDate } from '../../../domain/time';

/**
 * The simulated hospital's catalogue (sections 2 and 3): a department tree, doctors, and a week of
 * schedules computed from the simulator's clock in Beijing time. Values are strings as HIS writes
 * them (fees `15`, `13.50`, `50.00`, `20.0`).
 *
 * Schedule ids: `S{yyyyMMdd}-{AM|PM}-{code}` where code is the doctor's code for an expert clinic
 * (专家门诊) and the department's code for the ordinary clinic (普通门诊) of that department.
 */

export interface SimDepartment {
  departmentCode: string;
  departmentName: string;
  supperCode: string;
  /** '1', '2' or '' (empty = level 2, as the document allows). */
  departmentLevel: string;
  departmentLogo: string;
  departmentAddress: string;
  departmentSummary: string;
  departmentFeature: string;
}

export interface SimDoctor {
  doctorCode: string;
  doctorName: string;
  photo: string;
  /** Title in words (findAllDoctors positionId, real-time positionName). */
  positionName: string;
  /** Title code (real-time positionId). */
  positionCode: string;
  jobTitleId: string;
  doctorSpecialty: string;
  doctorSummary: string;
  departmentCode: string;
  /** Expert clinic fee, yuan as HIS writes it. */
  expertFee: string;
  /** Also sees patients in the afternoon. */
  afternoon: boolean;
}

export type SimPeriod = '上午' | '下午';

export interface SimSchedule {
  scheduleId: string;
  departmentCode: string;
  /** '' for an ordinary clinic. */
  doctorCode: string;
  clinicDate: string;
  clinicTime: SimPeriod;
  clinicType: '普通门诊' | '专家门诊';
  clinicTimeQuantum: string;
  clinicFee: string;
  total: number;
  remaining: number;
  /** '1' open, '' open (written empty), '0' stopped. */
  status: '1' | '' | '0';
  /** false: HIS does not limit numbers (5.1 case 1): no clinicNo in real time, no havaNo, no decrement. */
  limited: boolean;
  /** The `amount` insertSubscription / insertRegister answer; null = not returned (the schedule fee applies). */
  lockAmount: string | null;
  nextQueueNo: number;
}

export const simDepartments: readonly SimDepartment[] = [
  dept('NK', '内科', '', '1', '门诊楼二楼', '内科各专业门诊', ''),
  dept('WK', '外科', '', '1', '门诊楼三楼', '外科各专业门诊', ''),
  dept('EK', '儿科', '', '1', '儿科楼', '儿童内科及新生儿疾病诊治', ''),
  dept('NK01', '心血管内科', 'NK', '2', '门诊楼二楼A区', '高血压、冠心病、心律失常的诊治', '胸痛中心'),
  dept('NK02', '消化内科', 'NK', '2', '门诊楼二楼B区', '胃肠、肝胆胰疾病的诊治', '消化内镜诊疗'),
  dept('WK01', '普通外科', 'WK', '2', '门诊楼三楼A区', '甲状腺、乳腺、疝及胃肠外科疾病', '微创手术'),
  dept('WK02', '骨科', 'WK', '2', '门诊楼三楼B区', '创伤、脊柱及关节疾病', '关节置换'),
  dept('EK01', '小儿内科', 'EK', '2', '儿科楼一楼', '儿童呼吸、消化系统常见病', '小儿哮喘门诊'),
  // Level written empty: the document reads that as level 2.
  dept('EK02', '新生儿科', 'EK', '', '儿科楼二楼', '新生儿黄疸、早产儿随访', '新生儿随访门诊'),
];

export const simDoctors: readonly SimDoctor[] = [
  doc('D011A', '陈建国', 'NK01', '主任医师', '1', '教授', '50.00', true, 'https://sim.hospital.example/photo/D011A.jpg', '冠心病介入治疗、高血压'),
  doc('D012B', '刘芳', 'NK02', '副主任医师', '2', '副教授', '30', false, '', '胃食管反流、消化道早癌筛查'),
  doc('D021C', '王磊', 'WK01', '主任医师', '1', '教授', '50.00', false, 'https://sim.hospital.example/photo/D021C.jpg', '甲状腺及乳腺肿瘤'),
  doc('D022D', '赵敏', 'WK02', '主治医师', '3', '', '20.0', false, '', '运动损伤、骨折'),
  doc('D031E', '孙丽', 'EK01', '副主任医师', '2', '副教授', '30', false, '', '小儿哮喘、反复呼吸道感染'),
  doc('D032L', '周强', 'EK02', '主任医师', '1', '教授', '50.00', false, 'https://sim.hospital.example/photo/D032L.jpg', '早产儿、新生儿黄疸'),
];

const PERIODS: Record<SimPeriod, { tag: 'AM' | 'PM'; quantum: string; slots: readonly string[] }> = {
  上午: { tag: 'AM', quantum: '08:00-12:00', slots: ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30'] },
  下午: { tag: 'PM', quantum: '14:00-17:30', slots: ['14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00'] },
};

export function slotTimes(period: SimPeriod): readonly string[] {
  return PERIODS[period].slots;
}

export function simScheduleId(date: string, period: SimPeriod, code: string): string {
  return `S${date.replaceAll('-', '')}-${PERIODS[period].tag}-${code}`;
}

/**
 * Named schedules, by offset in days from the day the simulator was created (its "today"):
 *  - soldOut:    王磊 (D021C, 普通外科) tomorrow morning — clinicNo 0.
 *  - stopped:    赵敏 (D022D, 骨科) the day after tomorrow morning — status 0 (numbers left).
 *  - lastOne:    刘芳 (D012B, 消化内科) in 3 days, morning — 1 number left.
 *  - discounted: 陈建国 (D011A, 心血管内科) every afternoon — fee 50.00, the lock answers amount 40.00.
 *  - NK ordinary clinics answer the lock with amount = fee written `15.00`; every other schedule
 *    returns no amount (the schedule fee applies).
 *  - EK ordinary clinics are unlimited (no clinicNo in real time, no havaNo); their fee is 13.50
 *    and their status is written empty.
 */
export const catalogueSeed = {
  departments: { level1: ['NK', 'WK', 'EK'], level2: ['NK01', 'NK02', 'WK01', 'WK02', 'EK01', 'EK02'] },
  doctors: ['D011A', 'D012B', 'D021C', 'D022D', 'D031E', 'D032L'],
  soldOut: { doctorCode: 'D021C', departmentCode: 'WK01', dayOffset: 1, period: '上午' as SimPeriod, feeFen: 5000 },
  stopped: { doctorCode: 'D022D', departmentCode: 'WK02', dayOffset: 2, period: '上午' as SimPeriod, feeFen: 2000 },
  lastOne: { doctorCode: 'D012B', departmentCode: 'NK02', dayOffset: 3, period: '上午' as SimPeriod, feeFen: 3000 },
  discounted: { doctorCode: 'D011A', departmentCode: 'NK01', period: '下午' as SimPeriod, feeFen: 5000, amountFen: 4000 },
  /** Ordinary clinic fees in fen by level-1 department. */
  ordinaryFeeFen: { NK: 1500, WK: 1500, EK: 1350 },
} as const;

/** Every schedule of one day; `offset` = days after the simulator's first day (named schedules). */
export function schedulesForDay(date: string, offset: number): SimSchedule[] {
  const out: SimSchedule[] = [];
  for (const d of simDepartments.filter((x) => x.departmentLevel !== '1')) {
    const parent = d.supperCode;
    for (const period of ['上午', '下午'] as const) {
      const total = 40;
      out.push({
        scheduleId: simScheduleId(date, period, d.departmentCode),
        departmentCode: d.departmentCode,
        doctorCode: '',
        clinicDate: date,
        clinicTime: period,
        clinicType: '普通门诊',
        clinicTimeQuantum: PERIODS[period].quantum,
        clinicFee: parent === 'EK' ? '13.50' : '15',
        total,
        remaining: total - Math.max(0, 20 - 3 * Math.max(0, offset)),
        status: parent === 'EK' ? '' : '1',
        limited: parent !== 'EK',
        lockAmount: parent === 'NK' ? '15.00' : null,
        nextQueueNo: 1 + Math.max(0, 20 - 3 * Math.max(0, offset)),
      });
    }
  }
  for (const doctor of simDoctors) {
    for (const period of doctor.afternoon ? (['上午', '下午'] as const) : (['上午'] as const)) {
      const total = 12;
      const booked = Math.max(0, 8 - Math.max(0, offset));
      const s: SimSchedule = {
        scheduleId: simScheduleId(date, period, doctor.doctorCode),
        departmentCode: doctor.departmentCode,
        doctorCode: doctor.doctorCode,
        clinicDate: date,
        clinicTime: period,
        clinicType: '专家门诊',
        clinicTimeQuantum: PERIODS[period].quantum,
        clinicFee: doctor.expertFee,
        total,
        remaining: total - booked,
        status: '1',
        limited: true,
        lockAmount: null,
        nextQueueNo: booked + 1,
      };
      const is = (named: { doctorCode: string; period: SimPeriod; dayOffset?: number }) =>
        named.doctorCode === doctor.doctorCode && named.period === period && (named.dayOffset === undefined || named.dayOffset === offset);
      if (is(catalogueSeed.soldOut)) s.remaining = 0;
      if (is(catalogueSeed.stopped)) s.status = '0';
      if (is(catalogueSeed.lastOne)) s.remaining = 1;
      if (is(catalogueSeed.discounted)) s.lockAmount = '40.00';
      out.push(s);
    }
  }
  return out;
}

/** Days between two yyyy-MM-dd dates (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Makes sure schedules exist for today and the next 6 days (Beijing), keeping earlier state. */
export function ensureScheduleWeek(cat: { now: () => Date; anchorDate: string; scheduleDays: Set<string>; schedules: Map<string, SimSchedule> }): void {
  const now = cat.now();
  for (let i = 0; i < 7; i++) {
    const date = beijingDate(now, i);
    if (cat.scheduleDays.has(date)) continue;
    cat.scheduleDays.add(date);
    for (const s of schedulesForDay(date, daysBetween(cat.anchorDate, date))) cat.schedules.set(s.scheduleId, s);
  }
}

function dept(code: string, name: string, parent: string, level: string, address: string, summary: string, feature: string): SimDepartment {
  return {
    departmentCode: code,
    departmentName: name,
    supperCode: parent,
    departmentLevel: level,
    departmentLogo: level === '1' ? `https://sim.hospital.example/logo/${code}.png` : '',
    departmentAddress: address,
    departmentSummary: summary,
    departmentFeature: feature,
  };
}

function doc(
  code: string,
  name: string,
  departmentCode: string,
  positionName: string,
  positionCode: string,
  jobTitleId: string,
  expertFee: string,
  afternoon: boolean,
  photo: string,
  specialty: string,
): SimDoctor {
  return {
    doctorCode: code,
    doctorName: name,
    photo,
    positionName,
    positionCode,
    jobTitleId,
    doctorSpecialty: specialty,
    doctorSummary: `${name}，${positionName}，从事临床工作多年。`,
    departmentCode,
    expertFee,
    afternoon,
  };
}
