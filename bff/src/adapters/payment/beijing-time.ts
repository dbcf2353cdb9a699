/**
 * The platform's times are 14-digit Beijing time (UTC+8, no DST): `yyyyMMddHHmmss`.
 * Arithmetic is on UTC fields shifted by 8 h, so the host's time zone never matters.
 */
const OFFSET_MS = 8 * 3600_000;
const PATTERN = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

export function formatBeijingTime(at: Date): string {
  const d = new Date(at.getTime() + OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** Parses `yyyyMMddHHmmss` Beijing time; null for anything else, including impossible dates. */
export function parseBeijingTime(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - OFFSET_MS;
  const date = new Date(ms);
  // Reject rollovers such as 20240230 or hour 24.
  return formatBeijingTime(date) === text.trim() ? date : null;
}
