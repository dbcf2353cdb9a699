/**
 * The one place hospital time is computed. HIS, the platform and patients live on Beijing time
 * (UTC+8, no daylight saving), whatever the server's own zone: every date or time sent to a vendor
 * or shown to a patient is derived here from an instant, by shifting it 8 h and reading UTC fields.
 */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function shifted(at: Date): Date {
  const t = at.getTime();
  if (!Number.isFinite(t)) throw new TypeError('invalid date');
  return new Date(t + BEIJING_OFFSET_MS);
}

/** `yyyy-MM-dd` in Beijing, optionally `days` later. */
export function beijingDate(at: Date, days = 0): string {
  const b = shifted(new Date(at.getTime() + days * DAY_MS));
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())}`;
}

/** `HH:mm` in Beijing (deadlines shown to patients). */
export function beijingHHmm(at: Date): string {
  const b = shifted(at);
  return `${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing (HIS's payedTime). */
export function beijingDateTime(at: Date): string {
  const b = shifted(at);
  return `${beijingDate(at)} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}:${pad(b.getUTCSeconds())}`;
}

/** `yyyyMMddHHmmss` in Beijing (the payment platform's times). */
export function formatCompact(at: Date): string {
  const b = shifted(at);
  return `${pad(b.getUTCFullYear(), 4)}${pad(b.getUTCMonth() + 1)}${pad(b.getUTCDate())}${pad(b.getUTCHours())}${pad(b.getUTCMinutes())}${pad(b.getUTCSeconds())}`;
}

const COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Parses `yyyyMMddHHmmss` Beijing time; null for anything else, including impossible dates. */
export function parseCompact(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const m = COMPACT.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS);
  // Reject rollovers such as 20240230 or hour 24.
  return formatCompact(date) === text.trim() ? date : null;
}

/** A calendar date `days` after a `yyyy-MM-dd` date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A moment `seconds` after `now`: when a job should run again. */
export function later(now: Date, seconds: number): Date {
  return new Date(now.getTime() + seconds * 1000);
}

/** 星期一 … 星期日 for a `yyyy-MM-dd` date. */
export function chineseWeekday(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return `星期${'日一二三四五六'[day]}`;
}

/** The instants [from, to) of a Beijing calendar day `yyyy-MM-dd`, as ISO strings (how the store keeps times). */
export function beijingDayRange(date: string): { from: string; to: string } {
  const start = Date.parse(`${date}T00:00:00Z`) - BEIJING_OFFSET_MS;
  if (!Number.isFinite(start)) throw new TypeError('invalid date');
  return { from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() };
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing straight from a stored ISO instant: one Date, for long lists. */
export function beijingDateTimeOfIso(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw new TypeError('invalid date');
  const s = new Date(t + BEIJING_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}
