import { yuanToFen } from '@hosp/shared';

/** The patient's yuan text ("100" / "100.5" / "100.50") as fen, or an error in plain words. */
export function parseAmount(text: string, minFen: number, maxFen: number): { fen: number } | { error: string } {
  const t = text.trim();
  if (!t) return { error: '请输入金额' };
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return { error: '金额格式不正确，最多两位小数' };
  const fen = yuanToFen(t);
  if (fen < minFen) return { error: `金额不能少于 ${(minFen / 100).toFixed(2)} 元` };
  if (fen > maxFen) return { error: `金额不能超过 ${(maxFen / 100).toFixed(2)} 元` };
  return { fen };
}

/** A fresh id per tap sequence; the same id is sent again when a tap is retried. */
export function newRequestId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
