import { hisSign, verifyHisSign } from '../his/his-sign';

/**
 * The partner document leaves `sign` undefined; DESIGN.md (Transports) settles it: the section 17
 * rule over every form field but `sign` — non-empty fields sorted by name, `k=v&…&key=SECRET`, MD5,
 * upper-case hex — with `data` signed as the exact JSON text sent, and the partner's own secret.
 */
const EXCLUDE = ['sign'] as const;

export function partnerSign(fields: Record<string, string>, secret: string): string {
  return hisSign(fields, secret, { exclude: EXCLUDE });
}

export function verifyPartnerSign(fields: Record<string, string>, secret: string): boolean {
  return verifyHisSign(fields, fields.sign, secret, { exclude: EXCLUDE });
}
