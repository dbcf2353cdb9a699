import { z } from 'zod';

/** The outpatient deposit journey: top-up limits, which records are listed, and the refund saga's pace. */
export const DepositConfigSchema = z.object({
  /** Top-up records listed (OPDRechargeList date range), counted back from today. */
  recordDays: z.number().int().min(1).max(3 * 365).default(365),
  topUpMinFen: z.number().int().min(1).default(100),
  topUpMaxFen: z.number().int().min(1).max(100_000_00).default(5_000_00),
  /** First wait before asking again about a step whose answer was unknown; it doubles up to 10 minutes. */
  stepRetrySeconds: z.number().min(0.05).max(3600).default(10),
  /** A step still unknown (or refused by HIS) after this long is shown to a person; the asking goes on. */
  stepAttentionMinutes: z.number().min(0.001).max(60 * 24 * 7).default(30),
});
export type DepositConfig = z.infer<typeof DepositConfigSchema>;
export const DEPOSIT_DEFAULTS: DepositConfig = DepositConfigSchema.parse({});
