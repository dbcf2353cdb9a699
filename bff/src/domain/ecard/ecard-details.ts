import { z } from 'zod';

/** A one-card recharge order's snapshot: whose card, and the balance HIS showed before it. */
export const ECardDetailsSchema = z.object({
  patient: z.object({ realName: z.string(), patientCard: z.string() }),
  balanceBeforeFen: z.number().int().nullable(),
});
export type ECardDetails = z.infer<typeof ECardDetailsSchema>;

export interface RechargeLimits {
  presetsFen: number[];
  minFen: number;
  maxFen: number;
  dailyLimitFen: number;
}

/** Why an amount cannot be recharged (null: it can). `todayFen` is what this card was already topped up today. */
export function rechargeRefusal(amountFen: number, todayFen: number, l: RechargeLimits): { code: 'RECHARGE_AMOUNT_INVALID' | 'RECHARGE_DAILY_LIMIT'; message: string } | null {
  if (!Number.isInteger(amountFen) || amountFen < l.minFen || amountFen > l.maxFen) {
    return { code: 'RECHARGE_AMOUNT_INVALID', message: `充值金额须在 ${l.minFen / 100} 元至 ${l.maxFen / 100} 元之间` };
  }
  if (todayFen + amountFen > l.dailyLimitFen) {
    return { code: 'RECHARGE_DAILY_LIMIT', message: `每日充值上限 ${l.dailyLimitFen / 100} 元，今日还可充值 ${Math.max(0, l.dailyLimitFen - todayFen) / 100} 元` };
  }
  return null;
}
