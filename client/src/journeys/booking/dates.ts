const DAY_MS = 86_400_000;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Calendar arithmetic on yyyy-MM-dd strings (no time zone involved: the BFF says which day is today). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function weekday(date: string): string {
  return WEEKDAYS[new Date(Date.parse(`${date}T00:00:00Z`)).getUTCDay()] ?? '';
}

/** 今天 / 明天 / 后天, else the weekday. */
export function dayName(date: string, today: string): string {
  if (date === today) return '今天';
  if (date === addDays(today, 1)) return '明天';
  if (date === addDays(today, 2)) return '后天';
  return weekday(date);
}

/** "05-21" */
export function monthDay(date: string): string {
  return date.slice(5);
}

/** The next `count` days from `today`, today first. */
export function nextDays(today: string, count = 7): string[] {
  return Array.from({ length: count }, (_, i) => addDays(today, i));
}
