import { nextRunAt } from './reconciliation.job';

describe('the morning reconciliation run', () => {
  it('is at the next runAt in Beijing time, never now', () => {
    // 2024-10-14 05:00 Beijing → 06:30 the same morning.
    expect(nextRunAt(new Date('2024-10-13T21:00:00Z'), '06:30').toISOString()).toBe('2024-10-13T22:30:00.000Z');
    // 06:30 exactly, or later that day → the next morning.
    expect(nextRunAt(new Date('2024-10-13T22:30:00Z'), '06:30').toISOString()).toBe('2024-10-14T22:30:00.000Z');
    expect(nextRunAt(new Date('2024-10-14T10:00:00Z'), '06:30').toISOString()).toBe('2024-10-14T22:30:00.000Z');
    // Just before Beijing midnight (15:59 UTC) → that coming morning.
    expect(nextRunAt(new Date('2024-10-14T15:59:00Z'), '00:10').toISOString()).toBe('2024-10-14T16:10:00.000Z');
  });
});
