/**
 * Key material for `{mode:'sim'}`, each generated once per process on first use:
 *  - the app's RSA2 keypair (the simulator checks requests with the public half, a sim-mode
 *    provider signs with the private half);
 *  - the simulated Alipay platform keypair (the simulators sign replies with the private half, a
 *    sim-mode provider / channel verifies them with the public half — the simulator's
 *    `platformPublicKeyPem`).
 * Nothing here is a real credential. Kept apart so the provider does not import Koa.
 */
import { generateKeyPairSync } from 'node:crypto';

export const ALIPAY_SIM_APP_ID = '2021000000000051';

export interface PemKeyPair {
  publicKeyPem: string;
  /** PKCS#8 PEM, the shape config.alipay.privateKeyPem takes. */
  privateKeyPem: string;
}

export function generateRsa2KeyPair(): PemKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

let appKeys: PemKeyPair | undefined;

/** The process-wide simulated app keypair. */
export function alipaySimAppKeys(): PemKeyPair {
  appKeys ??= generateRsa2KeyPair();
  return appKeys;
}

let platformKeys: PemKeyPair | undefined;

/** The process-wide simulated Alipay platform keypair (signs simulator replies). */
export function alipaySimPlatformKeys(): PemKeyPair {
  platformKeys ??= generateRsa2KeyPair();
  return platformKeys;
}
