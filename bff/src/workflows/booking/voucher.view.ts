import { maskCardNo, type BookingVoucher } from '@hosp/shared';
import type { Config } from '@hosp/config';
import type { Deps } from '../../deps';
import type { Department } from '../../domain/catalogue/ports';
import { beijingDate } from '../../domain/time';
import { isHisError } from '../../domain/his-errors';
import type { Order } from '../../domain/orders/order';
import { bookingDetails, type BookingDetails } from '../../domain/booking/booking-details';

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const HHMM = /^(\d{1,2}):(\d{2})$/;

export function weekdayOf(date: string): string {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** The visit's time in the patient's words, and the clock time it starts (null for a bare half-day). */
export function visitTime(target: BookingDetails['target']): { time: string; start: string | null } {
  const slot = target.clinicTime.trim();
  if (HHMM.test(slot)) return { time: slot, start: slot };
  const range = target.clinicTimeQuantum.trim();
  const time = [slot, range === slot ? '' : range].filter(Boolean).join(' ') || '—';
  const first = /(\d{1,2}:\d{2})/.exec(range)?.[1] ?? null;
  return { time, start: first };
}

function minus(hhmm: string, minutes: number): string {
  const [, h, m] = HHMM.exec(hhmm)!;
  const t = Math.max(0, Number(h) * 60 + Number(m) - minutes);
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

/** Where to go: the department's name and its location as HIS gives it (findAllDepartments). */
export function placeOf(target: BookingDetails['target'], dept: Department | undefined): string | null {
  const name = target.departmentName ?? dept?.name ?? null;
  if (!dept?.address) return null;
  return name ? `${dept.address}（${name}）` : dept.address;
}

/** "请于 09:30 前到达门诊楼二楼A区签到": the lead time comes from config. */
export function arriveLine(start: string | null, address: string | null, visit: Config['patientService']['visit']): string {
  const where = address ? `到达${address}` : '到达就诊科室';
  if (start && HHMM.test(start)) return `请于 ${minus(start, visit.arriveMinutesBefore)} 前${where}签到`;
  return visit.arriveMinutesBefore > 0 ? `请提前 ${visit.arriveMinutesBefore} 分钟${where}签到` : `请按时${where}签到`;
}

/** The department as HIS describes it; a failing HIS leaves the last list read (or nothing). */
async function departmentFor(deps: Deps, code: string): Promise<Department | undefined> {
  try {
    return await deps.catalogue.department(code);
  } catch (err) {
    if (!isHisError(err)) throw err;
    return deps.catalogue.knownDepartment(code);
  }
}

/**
 * The voucher of a confirmed booking (posted): place, date, time, number, what to bring and when
 * to arrive. Any other order, or a booking not (or no longer) confirmed, has none.
 */
export async function bookingVoucher(deps: Deps, order: Order): Promise<BookingVoucher | null> {
  if ((order.kind !== 'subscription' && order.kind !== 'register') || order.state !== 'posted') return null;
  const d = bookingDetails(order);
  const dept = await departmentFor(deps, d.target.departmentCode);
  const { time, start } = visitTime(d.target);
  const number = order.receipt?.queueNo ?? d.queueNo ?? d.target.sourceOrder ?? null;
  const visit = deps.config.patientService.visit;
  return {
    patientName: d.patient.realName,
    patientCardMasked: maskCardNo(d.patient.patientCard),
    departmentName: d.target.departmentName ?? dept?.name ?? null,
    doctorName: d.target.doctorName,
    clinicType: d.target.clinicType,
    place: placeOf(d.target, dept),
    date: d.target.clinicDate,
    weekday: weekdayOf(d.target.clinicDate),
    time,
    number,
    arrive: arriveLine(start, dept?.address ?? null, visit),
    bring: visit.bring,
    queueToday: d.target.clinicDate === beijingDate(deps.now()),
  };
}
