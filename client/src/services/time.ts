const BEIJING_MS = 8 * 3_600_000;

/** yyyy-MM-dd HH:mm in Beijing time (the hospital's clock) of an ISO instant. */
function beijingParts(t: number): { date: string; time: string } {
  const iso = new Date(t + BEIJING_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** "14:03" today, "昨天 14:03", "05-21 14:03" this year, else "2024-12-30 14:03". */
export function noticeTime(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const at = beijingParts(t);
  const today = beijingParts(now).date;
  const yesterday = beijingParts(now - 86_400_000).date;
  if (at.date === today) return at.time;
  if (at.date === yesterday) return `昨天 ${at.time}`;
  if (at.date.slice(0, 4) === today.slice(0, 4)) return `${at.date.slice(5)} ${at.time}`;
  return `${at.date} ${at.time}`;
}

/** Today in Beijing, yyyy-MM-dd. */
export function beijingToday(now = Date.now()): string {
  return beijingParts(now).date;
}
