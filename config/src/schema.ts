import { z } from 'zod';
import { AdminConfigSchema } from './admin';
import { NOTICES_DEMO_DEFAULTS, NoticesConfigSchema } from './notices';
import { ORDERS_DEFAULTS, OrdersConfigSchema } from './orders';
import { INPATIENT_DEFAULTS, InpatientConfigSchema } from './inpatient';
import { RECONCILIATION_DEFAULTS, ReconciliationConfigSchema } from './reconciliation';
import { PATIENT_SERVICE_DEFAULTS, PatientServiceConfigSchema } from './patient-service';
import { TRUST_DEFAULTS, TrustConfigShape } from './trust';
import { DEPOSIT_DEFAULTS, DepositConfigSchema } from './deposit';
import { PARTNERS_DEFAULTS, PartnersConfigSchema } from './partners';

const Url = z.url({ protocol: /^https?$/ });
const Secret = z.string().min(8, 'must be at least 8 characters');
const TxCode = z.string().regex(/^\d{1,9}$/, 'must be a whole number');

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
  /** §6.2 covers unpaid registrations only: whether this HIS also cancels a paid one (online cancel + refund). */
  cancelPaidRegister: z.boolean().default(false),
  /** §6.3.1 customerId (our patient id), required when report pushes are used: sent with payRegister, both payments, or none. */
  payCustomerId: z.enum(['none', 'register', 'both']).default('register'),
  /**
   * 16.5 pushClinicFinish: `ours` reads `register_id` as the document defines it (医路通平台挂号 ID, our
   * tradeNo) and `his_id` as HIS's registration id; `any` matches either field against every id we
   * and HIS know for the visit (for HIS builds that put their own id in `register_id`).
   */
  clinicFinishRegisterId: z.enum(['ours', 'any']).default('ours'),
});

/** The platform's operator, terminal and refund-flow fields (not-nullable in every funds transaction). */
const RefundFlow = z.enum(['direct', 'hisDecide', 'prepareAndConfirm']);
const PaymentFields = {
  operator: z
    .object({ operatorId: z.string().min(1).max(30), operatorName: z.string().min(1).max(50), termNo: z.string().min(1).max(50) })
    .default({ operatorId: 'APP', operatorName: '掌上医院', termNo: 'APP' }),
  /**
   * refundType per order kind, as the document defines each: hisDecide (HIS has no refund interface:
   * we settle HIS ourselves and the platform refunds the wallet), direct (the platform calls HIS's
   * refund first), prepareAndConfirm (HIS pre-refund, wallet refund, HIS confirm: the deposit account).
   */
  refundType: z
    .object({
      subscription: RefundFlow.default('hisDecide'), register: RefundFlow.default('hisDecide'), hisSrc: RefundFlow.default('hisDecide'),
      prepaySrc: RefundFlow.default('hisDecide'), eCardPay: RefundFlow.default('hisDecide'), deposit: RefundFlow.default('prepareAndConfirm'),
    })
    .default({ subscription: 'hisDecide', register: 'hisDecide', hisSrc: 'hisDecide', prepaySrc: 'hisDecide', eCardPay: 'hisDecide', deposit: 'prepareAndConfirm' }),
  /** '1': the refund desk shows only the order named by outChargeNo. */
  refundDeskMode: z.string().min(1).max(30).default('1'),
};
const PAYMENT_FIELD_DEFAULTS = z.object(PaymentFields).parse({});

/**
 * The HIS outpatient deposit dialect (his-outpatient-deposit-api.txt): a second HIS endpoint over
 * the same two transports. The document leaves TransactionCode, CardType and ChannelId values to
 * the hospital; the defaults are the demo's.
 */
const HisDepositCommon = z.object({
  timeoutMs: z.number().int().min(100).max(120_000).default(8_000),
  maxReplyBytes: z.number().int().min(1024).max(50 * 1024 * 1024).default(2 * 1024 * 1024),
  soap: z
    .object({ namespace: z.string().min(1).default('http://webservice.ehospital.witontek.com/'), param: z.string().min(1).default('xml') })
    .default({ namespace: 'http://webservice.ehospital.witontek.com/', param: 'xml' }),
  /** TransactionCode per method (Integer in the document; values are the hospital's). */
  transactionCodes: z
    .object({ OPDRechargeList: TxCode.default('3101'), OPDRechargeFreeze: TxCode.default('3102'), OPDRechargeCancellationFee: TxCode.default('3103') })
    .default({ OPDRechargeList: '3101', OPDRechargeFreeze: '3102', OPDRechargeCancellationFee: '3103' }),
  /** CardType sent with the hospital card number (03 院内就诊卡 in the payment platform's list). */
  cardType: z.string().min(1).max(20).default('03'),
  /** ChannelId (渠道ID) HIS knows this app by. */
  channelId: z.string().min(1).max(64).default('patient-app'),
});
const HisDepositConfig = z.intersection(HisConfig, HisDepositCommon);

const SimOrRemote = <T extends z.ZodRawShape>(remote: T) =>
  z.discriminatedUnion('mode', [z.object({ mode: z.literal('sim') }), z.object({ mode: z.literal('remote'), ...remote })]);

const ECARD_DEFAULTS = { presetsFen: [5_000, 10_000, 20_000, 50_000], minFen: 100, maxFen: 500_000, dailyLimitFen: 1_000_000, signRealName: true, payFees: false } as const;

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
      /**
       * How many proxies in front of us append to X-Forwarded-For: the client is the address that
       * many hops from the right. 0 (and no trustedProxies) = the header is ignored.
       */
      proxyHops: z.number().int().min(0).max(10).default(0),
      /** Or: the proxies' own addresses. The header is honoured only from them, read right to left past them. */
      trustedProxies: z.array(z.string().min(1)).default([]),
      /** Replaced by proxyHops / trustedProxies (a bare "trust the header" let clients choose their address). */
      trustProxy: z.boolean().optional(),
      /** On SIGTERM: how long in-flight requests and the running job may take before connections are cut. */
      shutdownTimeoutMs: z.number().int().min(0).max(600_000).default(20_000),
      /**
       * CSP frame-ancestors for the H5 page: empty = nobody may frame it (also X-Frame-Options: DENY).
       * List the hospital app's origin here only if its webview embeds the page in a frame.
       */
      frameAncestors: z.array(z.string().regex(/^(https?:\/\/[\w.-]+(:\d+)?|'self')$/, "must be an https://host origin or 'self'")).default([]),
      /** Extra CSP img-src sources (report images come from the hospital's PACS host). */
      cspImgSrc: z.array(z.string().regex(/^(https?:(\/\/[\w.*-]+(:\d+)?)?)$/, 'must be a scheme (https:) or an origin')).default(['https:']),
    })
    .default({ host: '127.0.0.1', port: 8080, publicDir: 'client/dist/h5', bodyLimitBytes: 256 * 1024, proxyHops: 0, trustedProxies: [], shutdownTimeoutMs: 20_000, frameAncestors: [], cspImgSrc: ['https:'] }),
  /** Calls HIS and the payment platform make to us (/his/*, /pay/*). */
  pushes: z
    .object({
      /** Real pushes are a few KB; anything bigger is refused before it is read. */
      maxBytes: z.number().int().min(1024).max(4 * 1024 * 1024).default(64 * 1024),
      /** Per caller address, across all instances. */
      perMinute: z.number().int().min(1).max(100_000).default(600),
    })
    .default({ maxBytes: 64 * 1024, perMinute: 600 }),
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
      /** Mini-program session token lifetime; refreshed while in use, up to sessionMaxHours after login. */
      sessionTtlHours: z.number().int().min(1).max(24 * 90).default(72),
      sessionMaxHours: z.number().int().min(1).max(24 * 365).default(24 * 30),
      /** H5 (the hospital app's webview keeps the token in web storage): short-lived, refreshed while in use. */
      h5SessionTtlMinutes: z.number().int().min(5).max(24 * 60).default(30),
      h5SessionMaxHours: z.number().int().min(1).max(24 * 30).default(12),
    })
    .default({ fieldKey: 'ZGVtby1maWVsZC1rZXktMzItYnl0ZXMtbG9uZyEhISE=', sessionTtlHours: 72, sessionMaxHours: 720, h5SessionTtlMinutes: 30, h5SessionMaxHours: 12 }),
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
  hisDeposit: HisDepositConfig.default({ mode: 'sim', transport: 'http', ...HisDepositCommon.parse({}) }),
  wechat: SimOrRemote({ appId: z.string().min(1), appSecret: Secret, baseUrl: Url.default('https://api.weixin.qq.com') }).default({ mode: 'sim' }),
  alipay: SimOrRemote({
    appId: z.string().min(1),
    /** PKCS#8 PEM of the app's RSA2 private key. */
    privateKeyPem: z.string().includes('PRIVATE KEY'),
    /**
     * SPKI PEM ("-----BEGIN PUBLIC KEY-----") of the Alipay public key (支付宝公钥, public-key mode)
     * that checks the `sign` of every gateway reply. Optional: without it replies are not verified
     * and a warning is logged at start-up. Set it in production.
     */
    alipayPublicKeyPem: z.string().includes('PUBLIC KEY').optional(),
    gateway: Url.default('https://openapi.alipay.com/gateway.do'),
  }).default({ mode: 'sim' }),
  /** The hospital payment platform (cashier). */
  payment: z
    .intersection(
      SimOrRemote({ serverAddr: Url, appId: z.string().min(1), appSecret: Secret }),
      z.object({
        timeoutMs: z.number().int().min(100).max(60_000).default(8_000),
        /** Platform channel codes per client; the document's list, overridable per hospital. */
        channels: z.object({ weapp: z.string().default('WX_PUB'), alipay: z.string().default('ALI_PUB'), h5: z.string().default('ONE_QR') }).default({ weapp: 'WX_PUB', alipay: 'ALI_PUB', h5: 'ONE_QR' }),
        ...PaymentFields,
      }),
    )
    .default({ mode: 'sim', timeoutMs: 8_000, channels: { weapp: 'WX_PUB', alipay: 'ALI_PUB', h5: 'ONE_QR' }, ...PAYMENT_FIELD_DEFAULTS }),
  /** Where outside systems and browsers reach this BFF (notify URL, cashier return URL). Default: the listening address. */
  publicBaseUrl: Url.optional(),
  orders: OrdersConfigSchema.default(ORDERS_DEFAULTS),
  deposit: DepositConfigSchema.default(DEPOSIT_DEFAULTS),
  inpatient: InpatientConfigSchema.default(INPATIENT_DEFAULTS),
  reconciliation: ReconciliationConfigSchema.default(RECONCILIATION_DEFAULTS),
  catalogue: z
    .object({
      /** fixed: querySchedule; realtime: queryRealtimeSchedule / …Detail. */
      scheduleMode: z.enum(['fixed', 'realtime']).default('fixed'),
      /** Whether this hospital books time points (queryScheduleTime). */
      timeSlots: z.boolean().default(true),
      referenceTtlSeconds: z.number().int().min(1).default(3600),
      availabilityTtlSeconds: z.number().min(0).max(300).default(5),
      daysAhead: z.number().int().min(1).max(30).default(7),
    })
    .default({ scheduleMode: 'fixed', timeSlots: true, referenceTtlSeconds: 3600, availabilityTtlSeconds: 5, daysAhead: 7 }),
  queue: z
    .object({
      /** How often the background follower asks HIS about departments with patients today. */
      pollSeconds: z.number().min(0.05).max(3600).default(60),
      /** One reminder when the patient is within this many places. */
      remindWithin: z.number().int().min(1).max(50).default(3),
      /** How long a department's queue read is shared between patients. */
      cacheSeconds: z.number().min(0).max(600).default(15),
    })
    .default({ pollSeconds: 60, remindWithin: 3, cacheSeconds: 15 }),
  /** The third-party lab's withdrawn-report API; `off` where the hospital has none. */
  lab: z
    .intersection(
      z.discriminatedUnion('mode', [
        z.object({ mode: z.literal('off') }),
        z.object({ mode: z.literal('sim') }),
        z.object({ mode: z.literal('remote'), baseUrl: Url, token: Secret, appId: z.string().regex(/^\d{1,19}$/), orgId: z.string().regex(/^\d{1,19}$/) }),
      ]),
      z.object({ syncSeconds: z.number().min(0.05).max(86_400).default(300), timeoutMs: z.number().int().min(100).max(60_000).default(8_000) }),
    )
    .default({ mode: 'sim', syncSeconds: 300, timeoutMs: 8_000 }),
  notices: NoticesConfigSchema.default(NOTICES_DEMO_DEFAULTS),
  /** One-card (一卡通) recharge (§11): amounts offered, limits in fen, and how rechargeECard is signed. */
  ecard: z
    .object({
      presetsFen: z.array(z.number().int().positive()).min(1).max(8).default([...ECARD_DEFAULTS.presetsFen]),
      minFen: z.number().int().positive().default(ECARD_DEFAULTS.minFen),
      maxFen: z.number().int().positive().default(ECARD_DEFAULTS.maxFen),
      dailyLimitFen: z.number().int().positive().default(ECARD_DEFAULTS.dailyLimitFen),
      /** Whether the §17 sign of rechargeECard covers realName: §17 says yes (default); the revision log says no. */
      signRealName: z.boolean().default(ECARD_DEFAULTS.signRealName),
      /**
       * Whether outpatient fees may be paid from the card's balance (§8.3 payType eCardPay, §18.2
       * 院内卡支付). Off unless the hospital's HIS takes such payments.
       */
      payFees: z.boolean().default(ECARD_DEFAULTS.payFees),
    })
    .refine((e) => e.minFen <= e.maxFen && e.maxFen <= e.dailyLimitFen, 'minFen <= maxFen <= dailyLimitFen')
    .default({ ...ECARD_DEFAULTS, presetsFen: [...ECARD_DEFAULTS.presetsFen] }),
  /** Hospital name, customer-service phone, what the voucher says about the day of the visit. */
  patientService: PatientServiceConfigSchema.default(PATIENT_SERVICE_DEFAULTS),
  jobs: z
    .object({
      enabled: z.boolean().default(true),
      pollMs: z.number().int().min(5).max(60_000).default(250),
      leaseMs: z.number().int().min(1000).max(3_600_000).default(60_000),
      batch: z.number().int().min(1).max(500).default(20),
    })
    .default({ enabled: true, pollMs: 250, leaseMs: 60_000, batch: 20 }),
  hospitalApp: SimOrRemote({ baseUrl: Url, appKey: z.string().min(1), appSecret: Secret }).default({ mode: 'sim' }),
  /** Operator console and JSON endpoints under /admin: bearer token, operator accounts, sessions, login limits. */
  admin: AdminConfigSchema.default(AdminConfigSchema.parse({})),
  /** Partners reading refund orders at /openapi/… (refund-order-detail-openapi.txt); none by default. */
  partners: PartnersConfigSchema.default(PARTNERS_DEFAULTS),
  log: z
    .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
    .default({ level: 'info' }),
  // Issue 9: proof of card ownership (SMS), privacy documents, demo simulators.
  binding: TrustConfigShape.binding.default(TRUST_DEFAULTS.binding),
  sms: TrustConfigShape.sms.default(TRUST_DEFAULTS.sms),
  legal: TrustConfigShape.legal.default(TRUST_DEFAULTS.legal),
  demo: TrustConfigShape.demo.default(TRUST_DEFAULTS.demo),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
