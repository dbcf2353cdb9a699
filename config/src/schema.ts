import { z } from 'zod';

const Url = z.url({ protocol: /^https?$/ });
const Secret = z.string().min(8, 'must be at least 8 characters');

/** Each outside system is either simulated in-process (`sim`) or reached at a base URL. */
const HisConfig = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('sim'),
    transport: z.enum(['http', 'soap']).default('http'),
  }),
  z.object({
    mode: z.literal('remote'),
    transport: z.enum(['http', 'soap']).default('http'),
    baseUrl: Url,
  }),
]);

const HisCommon = z.object({
  hospitalId: z.string().min(1).default('demoyyadmin'),
  /** Section 17 signing key: signs what we send and checks what HIS pushes to us. */
  signKey: Secret.default('demo-his-sign-key-change-me'),
  timeoutMs: z.number().int().min(100).max(120_000).default(8_000),
  maxReplyBytes: z.number().int().min(1024).max(50 * 1024 * 1024).default(2 * 1024 * 1024),
  soap: z
    .object({
      namespace: z.string().min(1).default('http://webservice.ehospital.witontek.com/'),
      param: z.string().min(1).default('xml'),
    })
    .default({ namespace: 'http://webservice.ehospital.witontek.com/', param: 'xml' }),
  /** Optional: only these addresses may call /his/*. Empty = any (the signature still applies). */
  pushIpAllowlist: z.array(z.string().min(1)).default([]),
});

const SimOrRemote = <T extends z.ZodRawShape>(remote: T) =>
  z.discriminatedUnion('mode', [z.object({ mode: z.literal('sim') }), z.object({ mode: z.literal('remote'), ...remote })]);

export const ConfigSchema = z.object({
  /** demo: demo login allowed, simulators allowed. production: neither. */
  mode: z.enum(['demo', 'production']).default('demo'),
  server: z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      /** Folder of the H5 build served at /; empty string to serve none. */
      publicDir: z.string().default('client/dist/h5'),
      bodyLimitBytes: z.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
      trustProxy: z.boolean().default(false),
    })
    .default({ host: '127.0.0.1', port: 8080, publicDir: 'client/dist/h5', bodyLimitBytes: 256 * 1024, trustProxy: false }),
  database: z
    .object({
      /** postgres://… ; when absent, SQLite at sqlitePath. */
      url: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
      sqlitePath: z.string().min(1).default('data/hospital.db'),
    })
    .default({ sqlitePath: 'data/hospital.db' }),
  security: z
    .object({
      /** 32 bytes, base64: encrypts ID numbers and phones at rest and keys their lookup hashes. */
      fieldKey: z
        .string()
        .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64')
        .default('ZGVtby1maWVsZC1rZXktMzItYnl0ZXMtbG9uZyEhISE='),
      sessionTtlHours: z.number().int().min(1).max(24 * 90).default(72),
    })
    .default({ fieldKey: 'ZGVtby1maWVsZC1rZXktMzItYnl0ZXMtbG9uZyEhISE=', sessionTtlHours: 72 }),
  patients: z
    .object({ maxPerAccount: z.number().int().min(1).max(20).default(5) })
    .default({ maxPerAccount: 5 }),
  rateLimits: z
    .object({
      loginPerMinute: z.number().int().min(1).default(30),
      bindPerHour: z.number().int().min(1).default(20),
    })
    .default({ loginPerMinute: 30, bindPerHour: 20 }),
  his: z.intersection(HisConfig, HisCommon).default({
    mode: 'sim',
    transport: 'http',
    ...HisCommon.parse({}),
  }),
  wechat: SimOrRemote({ appId: z.string().min(1), appSecret: Secret, baseUrl: Url.default('https://api.weixin.qq.com') }).default({ mode: 'sim' }),
  alipay: SimOrRemote({
    appId: z.string().min(1),
    /** PKCS#8 PEM of the app's RSA2 private key. */
    privateKeyPem: z.string().includes('PRIVATE KEY'),
    gateway: Url.default('https://openapi.alipay.com/gateway.do'),
  }).default({ mode: 'sim' }),
  hospitalApp: SimOrRemote({ baseUrl: Url, appKey: z.string().min(1), appSecret: Secret }).default({ mode: 'sim' }),
  log: z
    .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
    .default({ level: 'info' }),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
