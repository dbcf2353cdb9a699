import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigSchema, type Config } from './schema';
import { productionSecretProblems } from './secrets';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Documented environment overrides, applied on top of the JSON file. */
export const ENV_OVERRIDES: Record<string, { path: string[]; type: EnvType }> = {
  APP_MODE: { path: ['mode'], type: 'string' },
  HOST: { path: ['server', 'host'], type: 'string' },
  PORT: { path: ['server', 'port'], type: 'int' },
  PUBLIC_DIR: { path: ['server', 'publicDir'], type: 'string' },
  DATABASE_URL: { path: ['database', 'url'], type: 'string' },
  SQLITE_PATH: { path: ['database', 'sqlitePath'], type: 'string' },
  FIELD_KEY: { path: ['security', 'fieldKey'], type: 'string' },
  LOG_LEVEL: { path: ['log', 'level'], type: 'string' },
  HIS_MODE: { path: ['his', 'mode'], type: 'string' },
  HIS_TRANSPORT: { path: ['his', 'transport'], type: 'string' },
  HIS_BASE_URL: { path: ['his', 'baseUrl'], type: 'string' },
  HIS_SIGN_KEY: { path: ['his', 'signKey'], type: 'string' },
  HIS_HOSPITAL_ID: { path: ['his', 'hospitalId'], type: 'string' },
  HIS_TIMEOUT_MS: { path: ['his', 'timeoutMs'], type: 'int' },
  HIS_PUSH_IP_ALLOWLIST: { path: ['his', 'pushIpAllowlist'], type: 'list' },
  HIS_DEPOSIT_MODE: { path: ['hisDeposit', 'mode'], type: 'string' },
  HIS_DEPOSIT_TRANSPORT: { path: ['hisDeposit', 'transport'], type: 'string' },
  HIS_DEPOSIT_BASE_URL: { path: ['hisDeposit', 'baseUrl'], type: 'string' },
  HIS_DEPOSIT_TIMEOUT_MS: { path: ['hisDeposit', 'timeoutMs'], type: 'int' },
  PUBLIC_BASE_URL: { path: ['publicBaseUrl'], type: 'string' },
  PAYMENT_MODE: { path: ['payment', 'mode'], type: 'string' },
  PAYMENT_SERVER_ADDR: { path: ['payment', 'serverAddr'], type: 'string' },
  PAYMENT_APP_ID: { path: ['payment', 'appId'], type: 'string' },
  PAYMENT_APP_SECRET: { path: ['payment', 'appSecret'], type: 'string' },
  JOBS_ENABLED: { path: ['jobs', 'enabled'], type: 'bool' },
  ADMIN_TOKEN: { path: ['admin', 'token'], type: 'string' },
  CASHIER_PORT: { path: ['demo', 'cashierPort'], type: 'int' },
  PERSIST_SIMULATORS: { path: ['demo', 'persistSimulators'], type: 'bool' },
  WECHAT_APP_SECRET: { path: ['wechat', 'appSecret'], type: 'string' },
  ALIPAY_PRIVATE_KEY_PEM: { path: ['alipay', 'privateKeyPem'], type: 'pem' },
  HOSPITAL_APP_SECRET: { path: ['hospitalApp', 'appSecret'], type: 'string' },
  LAB_TOKEN: { path: ['lab', 'token'], type: 'string' },
  PROXY_HOPS: { path: ['server', 'proxyHops'], type: 'int' },
  TRUSTED_PROXIES: { path: ['server', 'trustedProxies'], type: 'list' },
  SHUTDOWN_TIMEOUT_MS: { path: ['server', 'shutdownTimeoutMs'], type: 'int' },
  FRAME_ANCESTORS: { path: ['server', 'frameAncestors'], type: 'list' },
  PUSH_MAX_BYTES: { path: ['pushes', 'maxBytes'], type: 'int' },
  PUSH_PER_MINUTE: { path: ['pushes', 'perMinute'], type: 'int' },
  H5_SESSION_TTL_MINUTES: { path: ['security', 'h5SessionTtlMinutes'], type: 'int' },
};

type EnvType = 'string' | 'int' | 'bool' | 'list' | 'pem';

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

function coerce(name: string, raw: string, type: EnvType): unknown {
  if (type === 'int') {
    if (!/^\d+$/.test(raw)) throw new ConfigError(`env ${name}: expected a whole number, got "${raw}"`);
    return Number(raw);
  }
  if (type === 'bool') return raw === 'true' || raw === '1';
  if (type === 'list') return raw.split(',').map((s) => s.trim()).filter(Boolean);
  // A PEM in one env line carries its line breaks as "\n".
  if (type === 'pem') return raw.replace(/\\n/g, '\n');
  return raw;
}

export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Reads CONFIG_FILE (if set), applies env overrides, validates. Throws ConfigError naming the field. */
export function loadConfig(env: Env = process.env, overrides: Record<string, unknown> = {}): Config {
  let raw: Record<string, unknown> = {};
  const file = env.CONFIG_FILE;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(`CONFIG_FILE ${file}: cannot read (${(e as Error).message})`);
    }
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError(`CONFIG_FILE ${file}: not valid JSON (${(e as Error).message})`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new ConfigError(`CONFIG_FILE ${file}: must hold a JSON object`);
    }
  }
  for (const [name, spec] of Object.entries(ENV_OVERRIDES)) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(raw, spec.path, coerce(name, value, spec.type));
  }
  for (const [key, value] of Object.entries(overrides)) raw[key] = value;
  return parseConfig(raw);
}

export function parseConfig(raw: unknown): Config {
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(`invalid configuration: ${formatIssues(result.error)}`);
  const config = result.data;
  if (config.mode === 'production') {
    // Every problem at once: an operator fixes the file in one go.
    const simulated = (['his', 'hisDeposit', 'wechat', 'alipay', 'hospitalApp', 'payment', 'lab', 'sms'] as const).filter((k) => config[k].mode === 'sim');
    const problems = [
      ...(simulated.length > 0 ? [`${simulated.map((k) => `${k}.mode`).join(', ')}: simulators are not allowed in production`] : []),
      ...productionSecretProblems(config),
    ];
    if (problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  if (config.server.trustProxy === true && config.server.proxyHops === 0 && config.server.trustedProxies.length === 0) {
    throw new ConfigError('invalid configuration: server.trustProxy: replaced by server.proxyHops (how many proxies append to X-Forwarded-For) or server.trustedProxies (their addresses)');
  }
  return config;
}
