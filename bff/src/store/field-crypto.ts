import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * ID numbers and phones are encrypted at rest (AES-256-GCM) and looked up by an HMAC, so a copy
 * of the database alone reveals neither. The key comes from config `security.fieldKey`.
 */
export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed hash for equality look-ups. */
  hash(plain: string): string;
}

export function createFieldCrypto(keyBase64: string): FieldCrypto {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) throw new Error('field key must be 32 bytes');
  const hashKey = createHmac('sha256', key).update('lookup-hash').digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(stored) {
      if (!stored.startsWith('v1.')) throw new Error('unknown field cipher version');
      const raw = Buffer.from(stored.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    hash(plain) {
      return createHmac('sha256', hashKey).update(plain).digest('hex');
    },
  };
}
