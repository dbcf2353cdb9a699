import { createPrivateKey } from 'node:crypto';
import { operatorCredentialProblem } from './admin';
import type { Config } from './schema';

/**
 * Production refuses to start with a secret anyone can read: one left at its default, copied
 * from this repository (demo, simulator, example and test values, the vendor documents' samples),
 * a placeholder, or too short for its use. Each refusal names the field.
 */

/** Values printed in this repository or the vendor documents: public, whatever they look like. */
export const PUBLIC_SECRET_VALUES: ReadonlySet<string> = new Set([
  'demo-his-sign-key-change-me', // his.signKey default
  'ZGVtby1maWVsZC1rZXktMzItYnl0ZXMtbG9uZyEhISE=', // security.fieldKey default
  '192006250b4c09247ec02edce69f6a2d', // section 17's worked example key
  'sim-pay-secret-not-real', // payment simulator
  'sim-lab-token-0001', // lab simulator
  'sim0wechat0app0secret0not0real00', // WeChat simulator
  'sim0hospital0app0secret0not0real', // hospital-app simulator
  'fault-his-sign-key-0001', // test simulator host
  'fault-pay-secret-0001',
  'example-partner-token-0001', // config/examples and the partner API's tests
  'example-partner-secret-0001',
]);

// Words that mark a value as a stand-in rather than a key.
const PLACEHOLDER = /replace|change[_ -]?me|example|placeholder|your[_ -]?(key|secret|token)|not[_ -]?real|dummy|x{6}|\bdemo\b|^demo|^sim\b|^sim[-_0]|^test[-_]|^fake|^sample/i;

export function looksPublic(value: string): string | null {
  if (PUBLIC_SECRET_VALUES.has(value.trim())) return 'is a value published in this repository or the vendor documents';
  if (PLACEHOLDER.test(value)) return 'is a placeholder, not a secret';
  if (new Set(value).size < 6) return 'has too few distinct characters to be a secret';
  return null;
}

interface SecretRule {
  path: string;
  /** undefined = the secret is not used in this configuration. */
  value(c: Config): string | undefined | null;
  minLength: number;
  check?(value: string): string | null;
}

const DEFAULT_FIELD_KEY = 'ZGVtby1maWVsZC1rZXktMzItYnl0ZXMtbG9uZyEhISE=';
const DEFAULT_SIGN_KEY = 'demo-his-sign-key-change-me';

function fieldKeyCheck(value: string): string | null {
  const bytes = Buffer.from(value, 'base64');
  if (new Set(bytes).size < 16) return 'is not a random key (too few distinct bytes)';
  return null;
}

function privateKeyCheck(value: string): string | null {
  try {
    createPrivateKey(value);
    return null;
  } catch {
    return 'is not a readable private key';
  }
}

const remote = (m: { mode: string }) => m.mode === 'remote';

export const PRODUCTION_SECRETS: readonly SecretRule[] = [
  { path: 'his.signKey', value: (c) => c.his.signKey, minLength: 16 },
  { path: 'payment.appSecret', value: (c) => (c.payment.mode === 'remote' ? c.payment.appSecret : undefined), minLength: 16 },
  { path: 'security.fieldKey', value: (c) => c.security.fieldKey, minLength: 44, check: fieldKeyCheck },
  { path: 'admin.token', value: (c) => c.admin.token ?? null, minLength: 24 },
  { path: 'lab.token', value: (c) => (c.lab.mode === 'remote' ? c.lab.token : undefined), minLength: 16 },
  { path: 'wechat.appSecret', value: (c) => (c.wechat.mode === 'remote' ? c.wechat.appSecret : undefined), minLength: 16 },
  {
    path: 'alipay.privateKeyPem',
    value: (c) => (remote(c.alipay) && c.alipay.mode === 'remote' ? c.alipay.privateKeyPem : undefined),
    minLength: 200,
    check: privateKeyCheck,
  },
  { path: 'hospitalApp.appSecret', value: (c) => (c.hospitalApp.mode === 'remote' ? c.hospitalApp.appSecret : undefined), minLength: 16 },
];

/** Every problem with the secrets a production configuration uses, as "field: why". */
export function productionSecretProblems(c: Config): string[] {
  const problems: string[] = [];
  for (const rule of PRODUCTION_SECRETS) {
    const value = rule.value(c);
    if (value === undefined) continue;
    if (value === null || value === '') {
      problems.push(`${rule.path}: must be set in production`);
      continue;
    }
    if ((rule.path === 'his.signKey' && value === DEFAULT_SIGN_KEY) || (rule.path === 'security.fieldKey' && value === DEFAULT_FIELD_KEY)) {
      problems.push(`${rule.path}: must be set in production (the demo default is public)`);
      continue;
    }
    // A key in PEM is judged by whether it is one (the example's is not); its base64 could hold any word.
    const pem = rule.path === 'alipay.privateKeyPem';
    const why =
      (pem ? (PUBLIC_SECRET_VALUES.has(value.trim()) ? 'is a value published in this repository' : /REPLACE/.test(value) ? 'is a placeholder, not a secret' : null) : looksPublic(value)) ??
      (value.length < rule.minLength ? `must be at least ${rule.minLength} characters` : null) ??
      rule.check?.(value) ??
      null;
    if (why) problems.push(`${rule.path}: ${why}`);
  }
  // Partners: each one's token and secret, named by position (the values never reach the message).
  c.partners.list.forEach((p, i) => {
    for (const [field, value] of [['accessToken', p.accessToken], ['secret', p.secret]] as const) {
      const why = looksPublic(value) ?? (value.length < 16 ? 'must be at least 16 characters' : null);
      if (why) problems.push(`partners.list.${i}.${field}: ${why}`);
    }
  });
  // Operators are people: a password from this repository (the demo's) is anyone's.
  c.admin.operators.forEach((o, i) => {
    const why = operatorCredentialProblem(o.passwordHash);
    if (why) problems.push(`admin.operators[${i}] (${o.username}): ${why}`);
  });
  // A database password left as the example's is as public as a key.
  if (c.database.url && /CHANGE_ME|REPLACE/i.test(c.database.url)) problems.push('database.url: the password is a placeholder');
  return problems;
}
