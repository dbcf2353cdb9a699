import { randomBytes } from 'node:crypto';

/** Sortable, unguessable ids (ULID layout): 48-bit time + 80 random bits, Crockford base32. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(value: bigint, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

export function newId(now = Date.now()): string {
  return base32(BigInt(now), 10) + base32(BigInt(`0x${randomBytes(10).toString('hex')}`), 16);
}
