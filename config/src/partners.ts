import { z } from 'zod';

/**
 * Partners reading our refund orders (refund-order-detail-openapi.txt, `POST
 * /openapi/func/orders/altman/refundDetail`): a company paying for its staff's visits, the
 * hospital's finance system. Each has its own access token and signing secret, and sees only what
 * its entitlement names. Default: no partner, so nothing is readable until one is configured.
 */

export const PARTNER_ORDER_KINDS = ['subscription', 'register', 'hisSrc', 'prepaySrc', 'eCardPay', 'deposit'] as const;

const Entitlement = z.object({
  /** Order kinds whose refunds the partner may read. Empty: none. */
  orderKinds: z.array(z.enum(PARTNER_ORDER_KINDS)).default([]),
  /**
   * Whose refunds: the hospital cards (就诊卡号) of the patients the partner pays for, or `all`
   * (the hospital's own finance system). Empty list: nobody's.
   */
  patientCards: z.union([z.literal('all'), z.array(z.string().trim().min(1).max(64))]).default([]),
  /** The operators (`employee_id`) who may call for this partner; absent: any of the partner's operators. */
  employeeIds: z.array(z.string().trim().min(1).max(64)).optional(),
});

const Partner = z.object({
  /** Our name for the partner (audit rows, logs, rate-limit buckets). */
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{1,31}$/, 'lowercase letters, digits, - and _ (2-32)'),
  /** company_name / company_id in the answer. */
  name: z.string().trim().min(1).max(60),
  companyId: z.string().trim().min(1).max(64),
  /** access_token the partner sends; identifies it. */
  accessToken: z.string().min(16, 'must be at least 16 characters').max(128),
  /** Signs every request (section 17 rule, this secret as `key`). */
  secret: z.string().min(8, 'must be at least 8 characters').max(128),
  entitlement: Entitlement.default({ orderKinds: [], patientCards: [] }),
  /** cost_info the partner asked us to echo (费用归属); absent: an empty list. */
  costAttribution: z
    .object({ id: z.string().min(1).max(64), category: z.union([z.literal(1), z.literal(2)]), name: z.string().min(1).max(60) })
    .optional(),
});
export type PartnerConfig = z.infer<typeof Partner>;

export const PartnersConfigSchema = z
  .object({
    list: z.array(Partner).max(100).default([]),
    /** Calls per partner per minute, all instances together. */
    perMinute: z.number().int().min(1).max(100_000).default(120),
    /** Calls per caller address per minute before the partner is known (unknown tokens included). */
    addressPerMinute: z.number().int().min(1).max(100_000).default(600),
    /** How far `timestamp` may be from our clock, either way. */
    timestampWindowSeconds: z.number().int().min(10).max(3600).default(300),
  })
  .superRefine((p, ctx) => {
    const seen = (key: 'id' | 'accessToken' | 'secret') => {
      const values = p.list.map((x) => x[key]);
      values.forEach((v, i) => {
        if (values.indexOf(v) !== i) ctx.addIssue({ code: 'custom', path: ['list', i, key], message: `two partners share this ${key}` });
      });
    };
    seen('id');
    seen('accessToken');
    seen('secret');
  });

export type PartnersConfig = z.infer<typeof PartnersConfigSchema>;
export const PARTNERS_DEFAULTS: PartnersConfig = PartnersConfigSchema.parse({});
