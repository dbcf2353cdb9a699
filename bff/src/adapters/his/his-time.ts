/**
 * HIS clocks run on Beijing time (UTC+8, no daylight saving). Dates and times sent to HIS or read
 * as "today" are computed here, from an instant, whatever the server's own time zone.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

function shifted(at: Date): Date {
  const t = at.getTime();
  if (!Number.isFinite(t)) throw new TypeError('invalid date');
  return new Date(t + BEIJING_OFFSET_MS);
}

/** `yyyy-MM-dd` in Beijing, optionally `days` later. */
export function beijingDate(at: Date, days = 0): string {
  const b = shifted(new Date(at.getTime() + days * 24 * 60 * 60 * 1000));
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())}`;
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing (payedTime). */
export function beijingDateTime(at: Date): string {
  const b = shifted(at);
  return `${beijingDate(at)} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}:${pad(b.getUTCSeconds())}`;
}

/** 星期一 … 星期日 for a `yyyy-MM-dd` date. */
export function chineseWeekday(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return `星期${'日一二三四五六'[day]}`;
}
