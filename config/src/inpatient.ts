import { z } from 'zod';

/** The inpatient journey: when the deposit counts as in arrears, and the prepay amounts offered. */
export const InpatientConfigSchema = z
  .object({
    /** Remaining deposit (fen) below which the stay shows the red arrears banner; below zero always does. */
    arrearsThresholdFen: z.number().int().min(0).default(50_000),
    /** Amounts (fen) offered as one-tap buttons. */
    presetAmountsFen: z.array(z.number().int().positive()).min(1).max(8).default([100_000, 200_000, 300_000, 500_000]),
    /** A custom amount must lie within these (fen). */
    minAmountFen: z.number().int().positive().default(10_000),
    maxAmountFen: z.number().int().positive().default(5_000_000),
    /** Family top-up lookups per account and per inpatient number in one hour (guessing names is the risk). */
    familyLookupsPerHour: z.number().int().min(1).max(1000).default(10),
  })
  .refine((c) => c.minAmountFen <= c.maxAmountFen, { message: 'minAmountFen must not exceed maxAmountFen' })
  .refine((c) => c.presetAmountsFen.every((a) => a >= c.minAmountFen && a <= c.maxAmountFen), { message: 'presets must lie within min and max' });

export type InpatientConfig = z.infer<typeof InpatientConfigSchema>;
export const INPATIENT_DEFAULTS: InpatientConfig = InpatientConfigSchema.parse({});
