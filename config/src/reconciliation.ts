import { z } from 'zod';

/** The daily reconciliation of HIS's ledger, our books and the payment platform. */
export const ReconciliationConfigSchema = z.object({
  /** Off: no recurring run (the admin route still runs a day on demand). */
  enabled: z.boolean().default(true),
  /** Beijing time (HH:mm) at which yesterday is reconciled, after HIS has closed its day. */
  runAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm').default('06:30'),
  /** hop.trade.query calls in flight at once. */
  platformBatch: z.number().int().min(1).max(50).default(5),
  /** hop.trade.query calls per second at most (the platform's limit is shared with patients' payments). */
  platformPerSecond: z.number().min(0.1).max(200).default(10),
  /** Run the safe actions (re-post, retry a refund) by themselves. */
  autoHeal: z.boolean().default(true),
  /** How often a safe action's result is looked at, and when it is given to a person instead. */
  healCheckSeconds: z.number().min(0.05).max(3600).default(30),
  healGiveUpMinutes: z.number().min(0.01).max(24 * 60).default(60),
});

export type ReconciliationConfig = z.infer<typeof ReconciliationConfigSchema>;
export const RECONCILIATION_DEFAULTS: ReconciliationConfig = ReconciliationConfigSchema.parse({});
