/**
 * Money is integer fen inside the system. These are the only conversions, used at the edges.
 * They are exact (string arithmetic, never floating point) and reject anything ambiguous.
 */

export class MoneyFormatError extends Error {
  constructor(readonly input: unknown, reason: string) {
    super(`invalid money amount: ${reason}`);
    this.name = 'MoneyFormatError';
  }
}

const YUAN = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;
/** Largest fen amount we accept: keeps every value a safe integer with room for sums. */
export const MAX_FEN = 1_000_000_000_00; // 1e9 yuan

/** "15", "15.0", "15.00", "13.5", "0.01" → fen. Rejects signs, spaces inside, >2 decimals, exponents. */
export function yuanToFen(input: string): number {
  if (typeof input !== 'string') throw new MoneyFormatError(input, 'not a string');
  const text = input.trim();
  const m = YUAN.exec(text);
  if (!m) throw new MoneyFormatError(input, 'expected yuan with at most two decimals');
  const whole = m[1]!;
  const frac = (m[2] ?? '').padEnd(2, '0');
  if (whole.length > 12) throw new MoneyFormatError(input, 'too large');
  const fen = Number(whole) * 100 + Number(frac);
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) throw new MoneyFormatError(input, 'too large');
  return fen;
}

/** Signed variant for balances that may be negative (arrears). */
export function signedYuanToFen(input: string): number {
  const text = typeof input === 'string' ? input.trim() : input;
  if (typeof text === 'string' && text.startsWith('-')) {
    const fen = yuanToFen(text.slice(1));
    return fen === 0 ? 0 : -fen;
  }
  return yuanToFen(text as string);
}

/** fen → "15.00" (always two decimals, as the payment platform wants). */
export function fenToYuan(fen: number): string {
  assertFen(fen, true);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${frac}`;
}

/**
 * fen → yuan as a JSON number, for documents that type amounts `double` (the partner open API).
 * The number is the one the two-decimal text names, and JSON prints the shortest text that reads
 * back as it: 1234 fen → 12.34, 1250 → 12.5, 7 → 0.07. No arithmetic on the double itself.
 */
export function fenToYuanNumber(fen: number): number {
  return Number(fenToYuan(fen));
}

/** Fen as an integer string, as the deposit dialect speaks it. */
export function fenFromIntegerString(input: string): number {
  if (typeof input !== 'string' || !/^(0|[1-9]\d{0,14})$/.test(input.trim())) {
    throw new MoneyFormatError(input, 'expected whole fen');
  }
  const fen = Number(input.trim());
  if (fen > MAX_FEN) throw new MoneyFormatError(input, 'too large');
  return fen;
}

export function assertFen(fen: number, allowNegative = false): void {
  if (!Number.isSafeInteger(fen)) throw new MoneyFormatError(fen, 'fen must be an integer');
  if (!allowNegative && fen < 0) throw new MoneyFormatError(fen, 'fen must not be negative');
  if (Math.abs(fen) > MAX_FEN) throw new MoneyFormatError(fen, 'too large');
}

/** For display in the client: "¥15.00". */
export function formatFen(fen: number): string {
  return `¥${fenToYuan(fen)}`;
}
