import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The operator console's settings and the one password format every part reads:
 * `scrypt$N$r$p$salt$hash` (base64url), made by `bff/scripts/add-operator.mjs` or the console.
 */
export const OPERATOR_ROLES = ['viewer', 'finance', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** The demo's operator (demo mode only; production never creates it and refuses its password). */
export const DEMO_OPERATOR = { username: 'demo', password: 'demo-operator', role: 'admin' as OperatorRole, displayName: '演示操作员' };

/** Passwords printed in this repository: a production operator may not have one of them. */
export const PUBLIC_OPERATOR_PASSWORDS: readonly string[] = [DEMO_OPERATOR.password, 'operator-password-for-tests', 'admin', 'password', '123456'];

const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{40,})$/;
const COST = { N: 16384, r: 8, p: 1 };
const KEY_BYTES = 32;
const MAX_MEM = 64 * 1024 * 1024;

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

export function parsePasswordHash(value: string): Parsed | null {
  const m = FORMAT.exec(value);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Cheaper than our own cost is refused: a weak hash is as good as none.
  if (N < COST.N || (N & (N - 1)) !== 0 || r < 8 || p < 1 || p > 16 || N > 1_048_576) return null;
  return { N, r, p, salt: Buffer.from(m[4]!, 'base64url'), hash: Buffer.from(m[5]!, 'base64url') };
}

const encode = (salt: Buffer, hash: Buffer) => `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;

export function hashPasswordSync(password: string): string {
  const salt = randomBytes(16);
  return encode(salt, scryptSync(password.normalize('NFC'), salt, KEY_BYTES, { ...COST, maxmem: MAX_MEM }));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await new Promise<Buffer>((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...COST, maxmem: MAX_MEM }, (e, k) => (e ? reject(e) : resolve(k))));
  return encode(salt, hash);
}

export function verifyPasswordSync(password: string, stored: string): boolean {
  const p = parsePasswordHash(stored);
  if (!p) return false;
  const got = scryptSync(password.normalize('NFC'), p.salt, p.hash.length, { N: p.N, r: p.r, p: p.p, maxmem: MAX_MEM });
  return timingSafeEqual(got, p.hash);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const p = parsePasswordHash(stored);
  if (!p) return false;
  const got = await new Promise<Buffer>((resolve, reject) => scrypt(password.normalize('NFC'), p.salt, p.hash.length, { N: p.N, r: p.r, p: p.p, maxmem: MAX_MEM }, (e, k) => (e ? reject(e) : resolve(k))));
  return timingSafeEqual(got, p.hash);
}

const Operator = z.object({
  username: z.string().regex(/^[A-Za-z0-9._-]{2,32}$/, 'letters, digits, . _ - (2 to 32)'),
  displayName: z.string().trim().min(1).max(32).optional(),
  role: z.enum(OPERATOR_ROLES),
  /** Never the password itself: `node bff/scripts/add-operator.mjs <username> <role>` prints this. */
  passwordHash: z.string().min(1),
});

export const AdminConfigSchema = z.object({
  /** Bearer token of the JSON endpoints under /admin (scripts, monitoring); off without it. */
  token: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Operators created (or brought back in line) at start: how production gets its first admin. */
  operators: z.array(Operator).default([]),
  session: z
    .object({
      /** A console left alone this long signs out. */
      idleMinutes: z.number().int().min(1).max(240).default(30),
      /** However busy, a login lasts at most this long. */
      absoluteHours: z.number().int().min(1).max(24).default(10),
    })
    .default({ idleMinutes: 30, absoluteHours: 10 }),
  login: z
    .object({
      /** Login attempts per address per minute (the shared limiter). */
      perMinute: z.number().int().min(1).max(1000).default(10),
      /** Consecutive wrong passwords before the account is locked for lockMinutes. */
      maxFailures: z.number().int().min(1).max(100).default(5),
      lockMinutes: z.number().int().min(1).max(1440).default(15),
    })
    .default({ perMinute: 10, maxFailures: 5, lockMinutes: 15 }),
});
export type AdminConfig = z.infer<typeof AdminConfigSchema>;

/** Why a configured operator's credential cannot be used in production, or null. */
export function operatorCredentialProblem(passwordHash: string): string | null {
  if (!parsePasswordHash(passwordHash)) return 'passwordHash is not an scrypt hash from bff/scripts/add-operator.mjs (or its cost is too low)';
  if (PUBLIC_OPERATOR_PASSWORDS.some((pw) => verifyPasswordSync(pw, passwordHash))) return 'has a password published in this repository';
  return null;
}
