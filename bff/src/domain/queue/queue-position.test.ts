import fc from 'fast-check';
import { positionLabel, queuePosition } from './queue-position';

describe('a patient\'s place in the queue', () => {
  it('counts those waiting between the number served and the patient\'s own', () => {
    expect(queuePosition(25, { nowServing: 20, waiting: 10 })).toEqual({ state: 'waiting', ahead: 4 });
    expect(queuePosition(21, { nowServing: 20, waiting: 10 })).toEqual({ state: 'waiting', ahead: 0 });
  });

  it('never says more are ahead than HIS says are waiting (unused numbers are not people)', () => {
    // 12.1 says 3 wait; the numbers alone would say 14.
    expect(queuePosition(35, { nowServing: 20, waiting: 3 })).toEqual({ state: 'waiting', ahead: 3 });
    expect(queuePosition(35, { nowServing: 20, waiting: 0 })).toEqual({ state: 'waiting', ahead: 0 });
  });

  it('is called once the number served reaches the patient\'s', () => {
    expect(queuePosition(20, { nowServing: 20, waiting: 5 })).toEqual({ state: 'called' });
    expect(queuePosition(18, { nowServing: 20, waiting: 5 })).toEqual({ state: 'called' });
  });

  it('keeps ahead between 0 and both figures for any numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 500 }), (mine, nowServing, waiting) => {
        const p = queuePosition(mine, { nowServing, waiting });
        if (p.state === 'called') return nowServing >= mine;
        return p.ahead >= 0 && p.ahead <= waiting && p.ahead < mine - nowServing;
      }),
    );
  });

  it('words the position', () => {
    expect(positionLabel({ state: 'waiting', ahead: 4 })).toBe('前面还有 4 人');
    expect(positionLabel({ state: 'waiting', ahead: 0 })).toContain('下一位就是您');
    expect(positionLabel({ state: 'called' })).toContain('已叫号');
  });
});
