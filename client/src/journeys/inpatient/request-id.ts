const ID_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * One requestId per tap of 确认缴费: a repeated tap (or a retry of the same request) gets the
 * BFF's first order back instead of a second charge. A new amount is a new tap, so a new id.
 */
export function prepayRequestId(): string {
  let id = `pp${Date.now().toString(36)}`;
  while (id.length < 32) id += ID_CHARS[Math.floor(Math.random() * ID_CHARS.length)];
  return id;
}

/** Yuan text typed by the payer → fen, or null when it is not a plain amount with at most 2 decimals. */
export function yuanInputToFen(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return null;
  const [int, frac = ''] = t.split('.');
  return Number(int) * 100 + Number(frac.padEnd(2, '0'));
}
