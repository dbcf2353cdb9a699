import { z } from 'zod';

/** The order machinery: time limits, posting to HIS, polling the platform, refunds, booking caps. */
export const OrdersConfigSchema = z.object({
  /** An unpaid booking is closed and its HIS lock released after this long. */
  unpaidMinutes: z.number().int().min(1).max(24 * 60).default(15),
  /** Unpaid orders one account may hold at once (each holds a HIS place). */
  maxUnpaidPerAccount: z.number().int().min(1).max(20).default(3),
  /** How long we keep trying to post a paid order to HIS (rounds with backoff). */
  postingWindowHours: z.number().positive().max(24 * 14).default(24),
  /** What happens when the window ends and HIS is known not to have the payment. */
  postingGiveUp: z.enum(['refund', 'attention']).default('refund'),
  /**
   * What a queryOrderStatus ERROR means. The document defines only SUCCESS/ERROR, so by default an
   * ERROR proves nothing (`unknown`: a person decides). `not_posted` only where the hospital's HIS
   * answers ERROR solely for payments it does not have.
   */
  queryErrorMeans: z.enum(['unknown', 'not_posted']).default('unknown'),
  /** Seconds between notice attempts within one round (at most 3 per round, as HIS's document says). */
  attemptGapSeconds: z.number().min(0).max(600).default(5),
  /** First pause between rounds; it doubles each round up to an hour. */
  roundBackoffSeconds: z.number().min(0.01).max(3600).default(60),
  /** First wait before asking the platform about a payment; it doubles up to pollMaxSeconds. */
  pollSeconds: z.number().min(0.05).max(600).default(3),
  pollMaxSeconds: z.number().min(0.05).max(3600).default(300),
  /** First wait before asking again about a refund; it doubles up to 10 minutes. */
  refundRetrySeconds: z.number().min(0.05).max(3600).default(30),
  /** A refund still unsettled after this long goes to a person (and keeps being asked about). */
  refundAttentionMinutes: z.number().min(0.001).max(60 * 24 * 7).default(120),
  /**
   * How long HIS's refundApply waits for the platform before answering UNKNOWN (HIS then repeats
   * the same request every 5 s; the refund job keeps going meanwhile).
   */
  hisRefundWaitMs: z.number().int().min(0).max(20_000).default(3_000),
});

export type OrdersConfig = z.infer<typeof OrdersConfigSchema>;
export const ORDERS_DEFAULTS: OrdersConfig = OrdersConfigSchema.parse({});
