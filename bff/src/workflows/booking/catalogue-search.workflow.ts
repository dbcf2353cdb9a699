import { AppError, type CatalogueSearchResult, type DoctorProfile } from '@hosp/shared';
import type { Department, Doctor } from '../../domain/catalogue/ports';
import { doctorView, type CatalogueService } from './catalogue.service';

const LIMIT = 20;

/** Case, width and spacing do not matter: 「 心内 」 and 「心内」 are one query. */
function fold(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** 0 = the name matches, 1 = only the descriptive text does, null = no match. */
function rank(q: string, name: string, ...texts: Array<string | null>): number | null {
  if (fold(name).includes(q)) return 0;
  return texts.some((t) => fold(t).includes(q)) ? 1 : null;
}

function byRank<T>(items: Array<{ item: T; rank: number | null }>): T[] {
  return items
    .filter((x): x is { item: T; rank: number } => x.rank !== null)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, LIMIT)
    .map((x) => x.item);
}

/**
 * Search over HIS's own catalogue (cached reference data, so a search costs HIS nothing): bookable
 * departments by name, summary and feature, doctors by name and specialty (a disease finds its
 * doctors). Names that match come before descriptions that do.
 */
export async function searchCatalogue(catalogue: CatalogueService, query: string): Promise<CatalogueSearchResult> {
  const q = fold(query);
  const [tree, doctors] = await Promise.all([catalogue.departmentTree(), catalogue.doctorsRaw()]);
  const bookable = tree.departments.flatMap((g) => g.children.map((c) => ({ ...c, parentName: g.name })));
  const names = new Map(bookable.map((d) => [d.code, d.name]));
  const departments = byRank(
    bookable.map((d) => ({ item: { code: d.code, name: d.name, parentName: d.parentName, address: d.address, summary: d.summary }, rank: rank(q, d.name, d.summary, d.feature) })),
  );
  const found = byRank(doctors.map((d: Doctor) => ({ item: d, rank: rank(q, d.name, d.specialty) })));
  return { departments, doctors: found.map((d) => ({ ...doctorView(d), departmentName: names.get(d.departmentCode) ?? null })) };
}

/** A doctor's page: title, specialty, introduction, photo, where, and their schedules from today. */
export async function doctorProfile(catalogue: CatalogueService, code: string): Promise<DoctorProfile> {
  const doctor = (await catalogue.doctorsRaw()).find((d) => d.code === code);
  if (!doctor) throw new AppError('NOT_FOUND', '医生不存在');
  const dept: Department | undefined = await catalogue.department(doctor.departmentCode);
  const { schedules } = await catalogue.scheduleList(doctor.departmentCode);
  return {
    ...doctorView(doctor),
    departmentName: dept?.name ?? null,
    departmentAddress: dept?.address ?? null,
    schedules: schedules.filter((s) => s.doctorCode === code),
  };
}
