/**
 * The `notices` config block (delivery templates per notice kind); the channel factories take its
 * parsed value. Credentials are not repeated: the channels reuse the
 * `wechat`, `alipay` and `hospitalApp` blocks (same app, same keys as login).
 *
 * Templates are per notice kind: the platform's template id and which of our field labels (keys of
 * `OutboundMessage.fields`, or `$title`) fills which template key. A kind without a template on a
 * channel is `rejected` there ('no-template') without a network call.
 *
 * The demo defaults below use the NoticeKinds of domain/notices/notice.ts and the field labels the
 * workflows put in NoticeDraft.fields; they are data, not code: a hospital's profile replaces them
 * with its own template ids (and keys, when its templates differ).
 */
import { z } from 'zod';

const Kind = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'kind: letters, digits, _ . -');
const Label = z.string().min(1).max(64);

const Template = (platformKey: z.ZodString) =>
  z.object({
    templateId: z.string().min(1).max(128),
    fields: z.record(Label, platformKey).refine((f) => Object.keys(f).length > 0, 'at least one field'),
  });

/** WeChat keys are `{type}{n}`: thing1, time2, amount3, character_string4, phrase5 … */
const WechatKey = z
  .string()
  .regex(
    /^(thing|number|letter|symbol|character_string|time|date|amount|phone_number|car_number|name|phrase|enum)\d+$/,
    'WeChat key: a documented type and a number, like thing1',
  );
/** Alipay template keys are keyword1 … keywordN. */
const AlipayKey = z.string().regex(/^keyword\d{1,2}$/, 'Alipay key like keyword1');

/**
 * The demo's templates: for each NoticeKind (domain/notices/notice.ts) the labels its producers put
 * in `fields` (his-messages, stop-schedule, order-notices workflows), in display order, with the
 * WeChat key type that fits the value (`¥15.00` is an amount, a masked card a character_string,
 * `预约成功` a phrase of ≤ 5 characters). Kinds whose producers send no fields yet show their title.
 */
const DEMO_KINDS: Record<string, Array<[label: string, wechatKey: string]>> = {
  fee_due: [['费用类型', 'thing1'], ['金额', 'amount2'], ['就诊卡', 'character_string3']],
  report_ready: [['报告', 'thing1'], ['领取地点', 'thing2']],
  report_withdrawn: [['$title', 'thing1']],
  medicine_ready: [['$title', 'thing1'], ['处方', 'character_string2']],
  clinic_stopped: [['就诊日期', 'date1'], ['科室', 'thing2']],
  visit_finished: [['$title', 'thing1'], ['就诊卡', 'character_string2']],
  invoice_printed: [['$title', 'thing1'], ['发票号', 'character_string2']],
  inpatient_arrears: [['欠费金额', 'amount1'], ['住院号', 'character_string2']],
  inpatient_daily_bill: [['日期', 'date1'], ['金额', 'amount2']],
  inpatient_notice: [['$title', 'thing1']],
  queue_near: [['$title', 'thing1']],
  queue_called: [['$title', 'thing1']],
  order_posted: [['订单', 'thing1'], ['金额', 'amount2'], ['$title', 'phrase3']],
  order_refunded: [['订单', 'thing1'], ['金额', 'amount2'], ['$title', 'phrase3']],
  order_attention: [['订单', 'thing1'], ['金额', 'amount2'], ['$title', 'phrase3']],
};

type Templates = Record<string, { templateId: string; fields: Record<string, string> }>;

/** Template ids the simulators know by default (`sim-wx-<kind>`). */
export const DEMO_WECHAT_TEMPLATES: Templates = Object.fromEntries(
  Object.entries(DEMO_KINDS).map(([kind, pairs]) => [
    kind,
    { templateId: `sim-wx-${kind}`, fields: Object.fromEntries(pairs) },
  ]),
);

/** Same labels, Alipay keywords in the same order (`sim-ali-<kind>`). */
export const DEMO_ALIPAY_TEMPLATES: Templates = Object.fromEntries(
  Object.entries(DEMO_KINDS).map(([kind, pairs]) => [
    kind,
    {
      templateId: `sim-ali-${kind}`,
      fields: Object.fromEntries(pairs.map(([label], i) => [label, `keyword${i + 1}`])),
    },
  ]),
);

export const NoticesConfigSchema = z.object({
  /** Whole-call deadline per send (token fetch and send each get this much). */
  timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
  maxReplyBytes: z.number().int().min(1024).max(1024 * 1024).default(64 * 1024),
  wechat: z
    .object({
      enabled: z.boolean().default(true),
      /** Which mini-program build the message opens. */
      miniprogramState: z.enum(['formal', 'trial', 'developer']).default('formal'),
      lang: z.enum(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']).default('zh_CN'),
      /** An access token is used until expires_in minus this margin. */
      tokenMarginSeconds: z.number().int().min(0).max(3600).default(300),
      templates: z.record(Kind, Template(WechatKey)).default(DEMO_WECHAT_TEMPLATES),
    })
    .default({ enabled: true, miniprogramState: 'formal', lang: 'zh_CN', tokenMarginSeconds: 300, templates: DEMO_WECHAT_TEMPLATES }),
  alipay: z
    .object({
      enabled: z.boolean().default(true),
      templates: z.record(Kind, Template(AlipayKey)).default(DEMO_ALIPAY_TEMPLATES),
    })
    .default({ enabled: true, templates: DEMO_ALIPAY_TEMPLATES }),
  app: z
    .object({
      enabled: z.boolean().default(true),
      /** Push endpoint base when it differs from hospitalApp.baseUrl (the ticket exchange). */
      baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    })
    .default({ enabled: true }),
});

export type NoticesConfig = z.infer<typeof NoticesConfigSchema>;
export const NOTICES_DEMO_DEFAULTS: NoticesConfig = NoticesConfigSchema.parse({});
