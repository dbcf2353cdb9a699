import { isValidIdNumber, normalizeIdNumber } from './identity';

/** What a resident ID number itself says about its holder (GB 11643: birth date in 7–14, sex in 17). */
export interface IdPerson {
  sex: 'male' | 'female';
  /** yyyy-MM-dd */
  birthDate: string;
}

export const ADULT_AGE = 18;

/** Sex and birth date from a valid 18-character ID number; null for anything else. */
export function personFromIdNumber(input: string): IdPerson | null {
  const id = normalizeIdNumber(input);
  if (!isValidIdNumber(id)) return null;
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  // The 17th character is the sequence's last digit: odd for men, even for women.
  return { sex: Number(id[16]) % 2 === 1 ? 'male' : 'female', birthDate };
}

/** Whole years from a yyyy-MM-dd birth date to a yyyy-MM-dd day (a birthday counts on the day). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** Under 18 on `day` by the ID number; false when the number is not a valid one. */
export function isMinorOn(idNumber: string, day: string): boolean {
  const p = personFromIdNumber(idNumber);
  return p !== null && ageOn(p.birthDate, day) < ADULT_AGE;
}

export const SEX_WORDS = { male: '男', female: '女' } as const;
