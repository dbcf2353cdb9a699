import { randomInt } from 'node:crypto';

/** Six digits from the CSPRNG, leading zeros kept. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * The mainland mobile number inside what HIS or a patient wrote: `+86 138-0013-8000`,
 * `008613800138000` and `13800138000` are one phone. Null when it is not a mobile number.
 */
export function normalizeMobile(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let digits = raw.replace(/[\s()-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export interface ChallengeState {
  expiresAt: string;
  consumedAt: string | null;
  attempts: number;
}

/** Why a code can no longer be used, or 'live'. */
export function challengeStatus(c: ChallengeState, now: Date, maxAttempts: number): 'live' | 'expired' | 'used' | 'exhausted' {
  if (c.consumedAt) return 'used';
  if (c.attempts >= maxAttempts) return 'exhausted';
  if (now.getTime() >= Date.parse(c.expiresAt)) return 'expired';
  return 'live';
}
