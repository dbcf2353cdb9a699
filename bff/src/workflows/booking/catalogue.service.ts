import { AppError, type DepartmentTree, type DoctorView, type ScheduleView, type SlotView } from '@hosp/shared';
import type { Config } from '@hosp/config';
import { SingleFlightCache } from '../../cache/single-flight-cache';
import type { Department, Doctor, HisCataloguePort, Schedule, TimeSlot } from '../../domain/catalogue/ports';
import { addDays, beijingDate } from '../../domain/time';

export function doctorView(d: Doctor): DoctorView {
  return { code: d.code, name: d.name, departmentCode: d.departmentCode, title: d.title, academicTitle: d.academicTitle, specialty: d.specialty, summary: d.summary, photoUrl: d.photoUrl };
}

/**
 * Departments and doctors change rarely: cached for the reference TTL. Availability is read fresh
 * but through a single-flight cache of a few seconds, keyed by what HIS is asked, so HIS load in the
 * booking rush depends on distinct schedules, not on patients. Our own bookings invalidate it.
 */
export class CatalogueService {
  private readonly reference: SingleFlightCache<Department[] | Doctor[]>;
  private readonly availability: SingleFlightCache<Schedule[]>;
  private readonly slotCache: SingleFlightCache<TimeSlot[]>;
  private readonly stoppedCache: SingleFlightCache<Set<string>>;
  /** Finished schedule lists per query, valid while the raw list they came from is the same object. */
  private readonly views = new Map<string, { source: Schedule[]; stopped: Set<string>; doctors: Doctor[]; result: Schedule[] }>();
  private readonly stopped = new Set<string>();
  private readonly lists = new WeakMap<Schedule[], { schedules: ScheduleView[]; today: string }>();

  constructor(
    private readonly his: HisCataloguePort,
    private readonly cfg: Config['catalogue'],
    private readonly now: () => Date,
    /** Schedules HIS told us are stopped (shared by every instance through the database). */
    private readonly stoppedLookup: () => Promise<Set<string>> = async () => new Set(),
  ) {
    this.reference = new SingleFlightCache(cfg.referenceTtlSeconds * 1000, () => now().getTime());
    this.availability = new SingleFlightCache(cfg.availabilityTtlSeconds * 1000, () => now().getTime());
    this.slotCache = new SingleFlightCache(cfg.availabilityTtlSeconds * 1000, () => now().getTime());
    this.stoppedCache = new SingleFlightCache(Math.max(1000, cfg.availabilityTtlSeconds * 1000), () => now().getTime());
  }

  get hisLoads(): number {
    return this.reference.loads + this.availability.loads + this.slotCache.loads;
  }

  today(): string {
    return beijingDate(this.now());
  }

  /** The last department list read from HIS, kept past its TTL: for words only, never for booking. */
  private lastDepartments: Department[] = [];

  private async departmentsRaw(): Promise<Department[]> {
    const list = (await this.reference.get('departments', () => this.his.departments())) as Department[];
    this.lastDepartments = list;
    return list;
  }

  /** A department as last read, without calling HIS (safe inside a database transaction). */
  knownDepartment(code: string): Department | undefined {
    return this.lastDepartments.find((d) => d.code === code);
  }

  doctorsRaw(): Promise<Doctor[]> {
    return this.reference.get('doctors', () => this.his.doctors()) as Promise<Doctor[]>;
  }

  async departmentTree(): Promise<DepartmentTree> {
    const all = await this.departmentsRaw();
    const tops = all.filter((d) => d.level === 1 || !d.parentCode);
    const nodes = tops.map((t) => ({
      code: t.code,
      name: t.name,
      address: t.address,
      summary: t.summary,
      children: all.filter((d) => d.parentCode === t.code).map((d) => ({ code: d.code, name: d.name, address: d.address, summary: d.summary, feature: d.feature })),
    }));
    return { departments: nodes };
  }

  async department(code: string): Promise<Department | undefined> {
    return (await this.departmentsRaw()).find((d) => d.code === code);
  }

  async doctors(departmentCode: string): Promise<DoctorView[]> {
    return (await this.doctorsRaw()).filter((d) => d.departmentCode === departmentCode).map(doctorView);
  }

  /** Schedules of one department from today for `daysAhead` days (or the given range). */
  async schedules(departmentCode: string, from?: string, to?: string): Promise<Schedule[]> {
    const today = this.today();
    const start = from && from > today ? from : today;
    const end = to ?? addDays(today, this.cfg.daysAhead - 1);
    if (end < start) return [];
    const source =
      this.cfg.scheduleMode === 'realtime'
        ? // One day of one department has its own, more detailed real-time method (3.3).
          await this.availability.get(`rt:${departmentCode}:${start}:${end}`, () =>
            start === end ? this.his.realtimeScheduleDetail(start, departmentCode) : this.his.realtimeSchedules(start, end, departmentCode),
          )
        : // querySchedule answers for every department: one call serves them all.
          await this.availability.get(`fixed:${start}:${end}`, () => this.his.schedules(start, end));
    const stopped = await this.stoppedCache.get('stopped', () => this.stoppedLookup());
    const doctorList = await this.doctorsRaw();
    const key = `${departmentCode}:${start}:${end}`;
    const memo = this.views.get(key);
    if (memo && memo.source === source && memo.stopped === stopped && memo.doctors === doctorList) return memo.result;
    const result = this.finish(source.filter((s) => s.departmentCode === departmentCode), stopped, doctorList, start, end);
    if (this.views.size > 2_000) this.views.clear();
    this.views.set(key, { source, stopped, doctors: doctorList, result });
    return result;
  }

  /** Fixed schedules carry only the doctor's code: names and titles come from the doctor list. */
  private finish(list: Schedule[], stopped: Set<string>, doctorList: Doctor[], start: string, end: string): Schedule[] {
    const doctors = new Map(doctorList.map((d) => [d.code, d]));
    return list
      .filter((s) => s.date >= start && s.date <= end)
      .map((s) => {
        const doc = s.doctorCode ? doctors.get(s.doctorCode) : undefined;
        return { ...s, doctorName: s.doctorName ?? doc?.name ?? null, doctorTitle: s.doctorTitle ?? doc?.title ?? null, stopped: s.stopped || this.stopped.has(s.scheduleId) || stopped.has(s.scheduleId) };
      });
  }

  async findSchedule(departmentCode: string, scheduleId: string): Promise<Schedule> {
    const s = (await this.schedules(departmentCode)).find((x) => x.scheduleId === scheduleId);
    if (!s) throw new AppError('NO_SCHEDULE', '该排班不存在或已过期，请重新选择');
    return s;
  }

  /** The client's list for one department: the same object while nothing changed (cheap to serve). */
  async scheduleList(departmentCode: string, from?: string, to?: string): Promise<{ schedules: ScheduleView[]; today: string }> {
    const list = await this.schedules(departmentCode, from, to);
    const today = this.today();
    const memo = this.lists.get(list);
    if (memo && memo.today === today) return memo;
    const out = { schedules: list.map((s) => this.view(s, today)), today };
    this.lists.set(list, out);
    return out;
  }

  view(s: Schedule, today = this.today()): ScheduleView {
    const status = s.stopped ? 'stopped' : s.remaining === 0 ? 'full' : 'open';
    return {
      scheduleId: s.scheduleId, departmentCode: s.departmentCode, doctorCode: s.doctorCode, doctorName: s.doctorName, doctorTitle: s.doctorTitle,
      date: s.date, period: s.period, timeRange: s.timeRange, clinicType: s.clinicType, remaining: s.remaining, total: s.total, feeFen: s.feeFen,
      status, bookingKind: s.date === today ? 'register' : 'subscription',
    };
  }

  async slots(departmentCode: string, scheduleId: string): Promise<SlotView[]> {
    if (!this.cfg.timeSlots) return [];
    const s = await this.findSchedule(departmentCode, scheduleId);
    const slots = await this.slotCache.get(`slots:${scheduleId}`, () =>
      this.his.timeSlots({ departmentCode: s.departmentCode, date: s.date, period: s.period ?? '', doctorCode: s.doctorCode, scheduleId: s.scheduleId }),
    );
    return slots.map((t) => ({ sourceNo: t.sourceNo, sourceOrder: t.sourceOrder, visitTime: t.visitTime, available: t.remaining === null || t.remaining > 0 }));
  }

  /** Our own booking or cancellation changed the numbers: the next read goes to HIS. */
  invalidate(departmentCode: string, scheduleId?: string): void {
    this.availability.invalidate((k) => k.startsWith('fixed:') || k.startsWith(`rt:${departmentCode}:`));
    if (scheduleId !== undefined) this.slotCache.invalidate((k) => k === `slots:${scheduleId}`);
  }

  /** pushStopSchedule marks a schedule stopped before HIS's own lists catch up. */
  markStopped(scheduleId: string): void {
    this.stopped.add(scheduleId);
    this.stoppedCache.invalidate();
    this.views.clear();
  }
}
