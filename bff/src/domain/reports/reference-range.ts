/**
 * Lab reference ranges as real systems write them, and the flag of a value against one. Anything
 * not understood is `not_comparable` and shown as text: a wrong flag is worse than none.
 */
export type LabFlag = 'high' | 'low' | 'normal' | 'abnormal' | 'not_comparable';

export type Range =
  | { kind: 'interval'; low: number; high: number }
  | { kind: 'upper'; limit: number; inclusive: boolean }
  | { kind: 'lower'; limit: number; inclusive: boolean }
  | { kind: 'negative' }
  | { kind: 'unknown' };

const NUM = String.raw`[-+]?\d+(?:\.\d+)?`;
// Units and labels around a number: "mmol/L", "10^9/L", "%", "g/L" — letters, digits, ^ / % µ.
const UNIT = String.raw`(?:\s*[A-Za-zµμ%/^*·\d.]+(?:/[A-Za-zµμ\d^.]+)*)?`;
const SEP = String.raw`\s*(?:--|-|~|～|—|–|至)\s*`;
const INTERVAL = new RegExp(`^(${NUM})${SEP}(${NUM})${UNIT}$`);
const COMPARATOR = new RegExp(`^(<=|>=|≤|≥|<|>|＜|＞|小于等于|大于等于|小于|大于)\\s*(${NUM})${UNIT}$`);
const NEGATIVE = /^(阴性|阴性\s*[(（]\s*[-－]\s*[)）]|[(（]\s*[-－]\s*[)）]|[-－]|negative|neg)$/i;
const SEX_PART = /(男|女)\s*[:：]\s*([^男女;；,，]+)/g;

/** Full-width digits and punctuation to ASCII, spaces collapsed. */
function normalise(text: string): string {
  return text
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseRange(text: string, sex?: string | null): Range {
  const t = normalise(text);
  if (!t) return { kind: 'unknown' };
  if (/[男女]\s*[:：]/.test(t)) {
    const parts = [...t.matchAll(SEX_PART)].map((m) => ({ sex: m[1], text: m[2]!.trim() }));
    const mine = parts.find((p) => sex && sex.includes(p.sex!));
    return mine ? parseRange(mine.text) : { kind: 'unknown' };
  }
  if (NEGATIVE.test(t)) return { kind: 'negative' };
  const iv = INTERVAL.exec(t);
  if (iv) {
    const low = Number(iv[1]);
    const high = Number(iv[2]);
    return low <= high ? { kind: 'interval', low, high } : { kind: 'unknown' };
  }
  const cmp = COMPARATOR.exec(t);
  if (cmp) {
    const op = cmp[1]!;
    const limit = Number(cmp[2]);
    const inclusive = /=|≤|≥|等于/.test(op);
    return /<|≤|＜|小于/.test(op) ? { kind: 'upper', limit, inclusive } : { kind: 'lower', limit, inclusive };
  }
  return { kind: 'unknown' };
}

type Value = { kind: 'number'; n: number } | { kind: 'less'; n: number } | { kind: 'more'; n: number } | { kind: 'negative' } | { kind: 'positive' } | { kind: 'text' };

function parseValue(raw: string): Value {
  const v = normalise(raw).replace(/[↑↓]|\s[HL]$/g, '').trim();
  if (NEGATIVE.test(v)) return { kind: 'negative' };
  if (/^(阳性|弱阳性|[(（]?\s*[+＋]{1,4}\s*[)）]?|阳性\s*[(（]\s*[+＋]+\s*[)）]|positive|pos)$/i.test(v)) return { kind: 'positive' };
  const num = new RegExp(`^(${NUM})${UNIT}$`).exec(v);
  if (num) return { kind: 'number', n: Number(num[1]) };
  const cmp = new RegExp(`^(<|＜|≤|<=|>|＞|≥|>=)\\s*(${NUM})${UNIT}$`).exec(v);
  if (cmp) return /<|＜|≤/.test(cmp[1]!) ? { kind: 'less', n: Number(cmp[2]) } : { kind: 'more', n: Number(cmp[2]) };
  return { kind: 'text' };
}

export function flagValue(value: string, rangeText: string, sex?: string | null): LabFlag {
  const range = parseRange(rangeText, sex);
  const v = parseValue(value);
  if (range.kind === 'unknown' || v.kind === 'text') return 'not_comparable';
  if (range.kind === 'negative') {
    if (v.kind === 'negative') return 'normal';
    if (v.kind === 'positive') return 'abnormal';
    return 'not_comparable';
  }
  if (v.kind === 'negative' || v.kind === 'positive') return 'not_comparable';
  if (range.kind === 'interval') {
    if (v.kind === 'number') return v.n > range.high ? 'high' : v.n < range.low ? 'low' : 'normal';
    // "<0.5" against 0-6.4: at or below the lower bound it is low; inside only if the bound allows.
    if (v.kind === 'less') return v.n <= range.low ? 'low' : range.low <= 0 && v.n <= range.high ? 'normal' : 'not_comparable';
    return v.n >= range.high ? 'high' : 'not_comparable';
  }
  if (range.kind === 'upper') {
    if (v.kind === 'number') return v.n < range.limit || (range.inclusive && v.n === range.limit) ? 'normal' : 'high';
    if (v.kind === 'less') return v.n <= range.limit ? 'normal' : 'not_comparable';
    return v.n >= range.limit ? 'high' : 'not_comparable';
  }
  if (v.kind === 'number') return v.n > range.limit || (range.inclusive && v.n === range.limit) ? 'normal' : 'low';
  if (v.kind === 'more') return v.n >= range.limit ? 'normal' : 'not_comparable';
  return v.n <= range.limit ? 'low' : 'not_comparable';
}

/** One plain line per flag, shown beside the item. */
export const FLAG_EXPLANATION: Record<LabFlag, string> = {
  high: '高于参考范围上限，请结合医生意见解读',
  low: '低于参考范围下限，请结合医生意见解读',
  normal: '在参考范围内',
  abnormal: '与参考结果不符（如应为阴性却为阳性），请咨询医生',
  not_comparable: '参考值无法自动比较，请以报告原文和医生解读为准',
};
