import { rechargeRefusal } from './ecard-details';

const limits = { presetsFen: [5000], minFen: 100, maxFen: 500_000, dailyLimitFen: 1_000_000 };

describe('one-card recharge limits', () => {
  it('takes amounts between the minimum and maximum while the day has room', () => {
    expect(rechargeRefusal(100, 0, limits)).toBeNull();
    expect(rechargeRefusal(500_000, 500_000, limits)).toBeNull();
  });
  it('refuses below the minimum, above the maximum and past the daily limit, saying what is left', () => {
    expect(rechargeRefusal(99, 0, limits)?.code).toBe('RECHARGE_AMOUNT_INVALID');
    expect(rechargeRefusal(500_001, 0, limits)?.code).toBe('RECHARGE_AMOUNT_INVALID');
    const r = rechargeRefusal(300_000, 800_000, limits);
    expect(r?.code).toBe('RECHARGE_DAILY_LIMIT');
    expect(r?.message).toContain('2000');
  });
});
