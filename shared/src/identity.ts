/** Resident ID numbers (GB 11643) and mainland mobile numbers: validation and masking. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Uppercases a trailing x and trims; does not validate. */
export function normalizeIdNumber(input: string): string {
  return input.trim().toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** 18-character ID number: 17 digits, a valid birth date, and the ISO 7064 check character. */
export function isValidIdNumber(input: string): boolean {
  const id = normalizeIdNumber(input);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return false;
  }
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

export function isValidMobile(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(input.trim());
}

/** 430702********8766: enough to recognise, not enough to use. */
export function maskIdNumber(id: string): string {
  const v = id.trim();
  if (v.length <= 8) return '*'.repeat(v.length);
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  const v = phone.trim();
  if (v.length < 7) return '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

/** 张三 → 张*, 欧阳小明 → 欧**明. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Card numbers are shown with the middle hidden; the client needs them to recognise a card. */
export function maskCardNo(card: string): string {
  const v = card.trim();
  if (v.length <= 4) return v;
  return `${v.slice(0, 2)}${'*'.repeat(Math.max(1, v.length - 6))}${v.slice(-4)}`;
}
