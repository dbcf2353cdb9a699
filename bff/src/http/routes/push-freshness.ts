import type { Deps } from '../../deps';

const WINDOW_MS = 5 * 60_000;

/** yyyyMMddHHmmss (Beijing), yyyy-MM-dd HH:mm:ss (Beijing), or epoch seconds / milliseconds. */
export function parsePushTime(raw: string): number | null {
  const t = raw.trim();
  if (/^\d{14}$/.test(t)) return Date.parse(`${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}+08:00`);
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t)) return Date.parse(`${t.replace(' ', 'T')}+08:00`);
  if (/^\d{10}$/.test(t)) return Number(t) * 1000;
  if (/^\d{13}$/.test(t)) return Number(t);
  return null;
}

/**
 * Where a message carries a timestamp it must be recent, and a nonce may be used once: a captured
 * message replayed later is refused. Returns why it is refused, or null.
 */
export async function checkFreshness(deps: Deps, source: string, fields: Record<string, string | undefined>): Promise<string | null> {
  const now = deps.now();
  if (fields.timestamp) {
    const at = parsePushTime(fields.timestamp);
    if (at === null || Number.isNaN(at)) return 'invalid timestamp';
    if (Math.abs(now.getTime() - at) > WINDOW_MS) return 'timestamp outside the allowed window';
  }
  if (fields.nonce) {
    const first = await deps.inbound.claim(`${source}-nonce`, 'nonce', fields.nonce.slice(0, 180), 'seen', now);
    if (!first) return 'nonce already used';
  }
  return null;
}
