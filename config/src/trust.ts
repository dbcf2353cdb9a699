/**
 * Config blocks of issue 9: how a patient proves a card is theirs (`binding`), the SMS channel that
 * carries the one-time code (`sms`), the privacy documents they accept (`legal`) and the demo's
 * simulators (`demo`). Kept apart from schema.ts so the rest of the schema stays untouched.
 */
import { z } from 'zod';

const Url = z.url({ protocol: /^https?$/ });
const Secret = z.string().min(8, 'must be at least 8 characters');

const Limits = z.object({
  /** Codes to one phone: at least this far apart, and at most so many per hour and per day. */
  phoneIntervalSeconds: z.number().min(0).max(3600).default(60),
  phonePerHour: z.number().int().min(1).default(5),
  phonePerDay: z.number().int().min(1).default(10),
  /** Codes asked for by one account, and from one address, per hour. */
  accountPerHour: z.number().int().min(1).default(10),
  ipPerHour: z.number().int().min(1).default(30),
});
const LIMIT_DEFAULTS = Limits.parse({});

const Binding = z.object({
  /**
   * Proofs of ownership this hospital accepts when a card is bound or created. At least one:
   * there is no "no proof". `sms`: a one-time code to the phone HIS has on file.
   */
  proofs: z.array(z.enum(['sms'])).min(1, 'at least one proof: binding without proof is not allowed').default(['sms']),
  /** A code is good for this long (the issue: 5 minutes). */
  codeTtlSeconds: z.number().int().min(60).max(900).default(300),
  /** Wrong guesses before a code is dead. */
  maxAttempts: z.number().int().min(1).max(10).default(5),
  limits: Limits.default(LIMIT_DEFAULTS),
});

/** Alibaba Cloud SMS (dysmsapi 2017-05-25 SendSms) or the in-process simulator. */
const Sms = z.intersection(
  z.discriminatedUnion('mode', [
    // flowControl: the simulated platform's per-phone limits; off only for tests that bind one phone often.
    z.object({ mode: z.literal('sim'), flowControl: z.boolean().default(true) }),
    z.object({
      mode: z.literal('remote'),
      endpoint: Url.default('https://dysmsapi.aliyuncs.com'),
      accessKeyId: z.string().min(1),
      accessKeySecret: Secret,
      /** 短信签名, as approved in the console. */
      signName: z.string().min(1).max(40),
      /** The approved verification-code template; its variable is `code`. */
      templateCode: z.string().regex(/^SMS_\d+$/, 'an approved template code like SMS_123456789'),
      regionId: z.string().min(1).default('cn-hangzhou'),
    }),
  ]),
  z.object({ timeoutMs: z.number().int().min(100).max(60_000).default(8_000) }),
);

const Legal = z.object({
  /** Bump a version when its text changes: every account is asked again. */
  privacyPolicyVersion: z.string().min(1).max(40).default('2025-01-01'),
  userAgreementVersion: z.string().min(1).max(40).default('2025-01-01'),
  hospitalName: z.string().min(1).max(60).default('演示医院'),
  /** Where patients reach the hospital about their personal information. */
  contact: z.string().min(1).max(120).default('医院信息科 010-00000000'),
});

const Demo = z.object({
  /** The simulated cashier's fixed port; 0 = any free port. `npm start` / `npm run demo` use 8081. */
  cashierPort: z.number().int().min(0).max(65535).default(0),
  /**
   * Simulators keep their state in a file beside the SQLite database, so a restart forgets nothing.
   * On for `npm start` / `npm run demo`; embedded uses (tests, benchmarks) leave it off.
   */
  persistSimulators: z.boolean().default(false),
});

export const TrustConfigShape = { binding: Binding, sms: Sms, legal: Legal, demo: Demo };

export const TRUST_DEFAULTS = {
  binding: Binding.parse({}),
  sms: { mode: 'sim' as const, flowControl: true, timeoutMs: 8_000 },
  legal: Legal.parse({}),
  demo: Demo.parse({}),
};
