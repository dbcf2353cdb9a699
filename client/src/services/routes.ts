import Taro from '@tarojs/taro';

/** Every page path in one place, so journeys link to each other without string typos. */
export const routes = {
  home: '/pages/home/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  patientList: '/journeys/patients/pages/list/index',
  patientBind: '/journeys/patients/pages/bind/index',
  patientCreate: '/journeys/patients/pages/create/index',
  patientDetail: (id: string) => `/journeys/patients/pages/detail/index?id=${encodeURIComponent(id)}`,
  patientCard: (id: string) => `/journeys/patients/pages/card/index?id=${encodeURIComponent(id)}`,
  bookingDepartments: '/journeys/booking/pages/departments/index',
  bookingSearch: (q?: string) => `/journeys/booking/pages/search/index${toQuery({ q })}`,
  doctor: (code: string) => `/journeys/booking/pages/doctor/index${toQuery({ code })}`,
  bookingSchedules: (departmentCode: string, departmentName: string) =>
    `/journeys/booking/pages/schedules/index${toQuery({ departmentCode, departmentName })}`,
  bookingSlots: (q: { departmentCode: string; departmentName: string; scheduleId: string; date: string }) => `/journeys/booking/pages/slots/index${toQuery(q)}`,
  bookingConfirm: (q: { departmentCode: string; departmentName: string; scheduleId: string; date: string; sourceNo?: string; sourceOrder?: string; visitTime?: string }) =>
    `/journeys/booking/pages/confirm/index${toQuery(q)}`,
  orderList: '/journeys/orders/pages/list/index',
  /** `from`: 'cashier' (H5 cashier return, set by the BFF) or 'pay' (the mini-program pay sheet closed). */
  orderDetail: (tradeNo: string, from?: 'pay' | 'cashier') => `/journeys/orders/pages/detail/index${toQuery({ tradeNo, from })}`,
  notices: '/pages/notices/index',
  reportList: (patientId?: string) => `/journeys/reports/pages/list/index${toQuery({ patientId })}`,
  reportDetail: (patientId: string, reportId: string) => `/journeys/reports/pages/detail/index${toQuery({ patientId, reportId })}`,
  queueMine: '/journeys/queue/pages/mine/index',
  legalDocument: (kind: 'privacy-policy' | 'user-agreement') => `/journeys/legal/pages/document/index?kind=${kind}`,
  consent: '/journeys/legal/pages/consent/index',
  deposit: (patientId?: string) => `/journeys/deposit/pages/account/index${toQuery({ patientId })}`,
  depositRefund: (patientId: string, refundId: string) => `/journeys/deposit/pages/refund/index${toQuery({ patientId, refundId })}`,
  inpatientHome: (patientId?: string) => `/journeys/inpatient/pages/deposit/index${toQuery({ patientId })}`,
  inpatientDayBill: (patientId: string, date?: string) => `/journeys/inpatient/pages/daily-bill/index${toQuery({ patientId, date })}`,
  inpatientPrepay: (patientId: string) => `/journeys/inpatient/pages/prepay/index${toQuery({ patientId })}`,
  inpatientResult: (tradeNo: string, patientId?: string) => `/journeys/inpatient/pages/result/index${toQuery({ tradeNo, patientId })}`,
  inpatientFamily: '/journeys/inpatient/pages/family/index',
  /** The notices of HIS (notifyOutpatientFee) and the platform (hop.mmpay.msg.push) open this with the patient. */
  /** The patient's visits, each with what is unpaid: where the outpatient journey starts. */
  outpatientVisits: (patientId?: string) => `/journeys/outpatient/pages/visits/index${toQuery({ patientId })}`,
  /** The unpaid list of one visit (or of all the patient's visits, as fee notices open it). */
  outpatientUnpaid: (patientId: string, visitKey?: string) => `/journeys/outpatient/pages/unpaid/index${toQuery({ patientId, visitKey })}`,
  eCard: (patientId?: string) => `/journeys/ecard/pages/recharge/index${toQuery({ patientId })}`,
} as const;

function toQuery(q: Record<string, string | undefined>): string {
  const pairs = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** Page query values: mini programs hand them over still encoded, H5 sometimes decoded; decode once, safely. */
export function routeParam(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

let leaving = false;

/** Sends the user to the login page once, however many requests fail with 401 at the same time. */
export function goLogin(): void {
  if (leaving) return;
  const current = Taro.getCurrentPages().slice(-1)[0]?.route ?? '';
  if (current && routes.login.endsWith(current)) return;
  leaving = true;
  void Taro.reLaunch({ url: routes.login }).finally(() => {
    leaving = false;
  });
}

export function goHome(): void {
  void Taro.reLaunch({ url: routes.home });
}
