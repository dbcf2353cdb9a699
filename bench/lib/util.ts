/** Small helpers shared by the benchmarks (not tests: they print figures). */
import { cpus } from 'node:os';

export function envNumber(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${v}`);
  return n;
}

export function envList(name: string, fallback: number[]): number[] {
  const v = process.env[name];
  if (!v) return fallback;
  return v.split(',').map((x) => Number(x.trim())).filter((n) => Number.isFinite(n) && n > 0);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function fmt(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A plain-text table (also valid Markdown). */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown';
  return `node ${process.version}, ${cpus().length} CPU(s) visible, ${cpu}`;
}

/** Runs `fn` until `ms` have passed (checked every `chunk` calls); returns calls and elapsed ns. */
export function timeLoop(fn: () => unknown, ms: number, chunk = 16): { calls: number; ns: number } {
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(ms * 1e6));
  let calls = 0;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < chunk; i++) fn();
    calls += chunk;
    now = process.hrtime.bigint();
  }
  return { calls, ns: Number(now - start) };
}

/** One line of the summary table run-all prints. */
export interface SummaryRow {
  bench: string;
  metric: string;
  value: string;
  goal: string;
  verdict: 'met' | 'MISSED' | 'info';
}

/** Calls `fn` until it returns true or `ms` passes; throws on timeout. */
export async function waitFor(what: string, fn: () => Promise<boolean> | boolean, ms: number, everyMs = 20): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Runs at most `limit` of `tasks` at a time. */
export async function pool<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Whole-machine CPU busy time from /proc/stat (Linux); null elsewhere. */
export function machineCpu(): { busy: number; total: number } | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const text = (require('node:fs') as typeof import('node:fs')).readFileSync('/proc/stat', 'utf8');
    const f = text.split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Share of all CPUs busy between two machineCpu() readings, in % of the whole machine. */
export function busyPercent(a: ReturnType<typeof machineCpu>, b: ReturnType<typeof machineCpu>): number {
  if (!a || !b || b.total === a.total) return NaN;
  return (100 * (b.busy - a.busy)) / (b.total - a.total);
}
