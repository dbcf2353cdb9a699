/**
 * Where a patient stands in a queue, from HIS's two figures (12.1: the number being served and how
 * many wait) and the patient's own number. Numbers are not people: some are never used (unpaid
 * locks, no-shows), so "my number − the number served" can overstate the wait. Those waiting ahead
 * are at most everyone HIS says is waiting, so the page's 「前面还有 N 人」 never exceeds its 候诊人数.
 */
export type QueuePosition =
  | { state: 'called' }
  /** ahead: people waiting before the patient (not counting the one being seen now). */
  | { state: 'waiting'; ahead: number };

export function queuePosition(myNumber: number, line: { nowServing: number; waiting: number }): QueuePosition {
  if (line.nowServing >= myNumber) return { state: 'called' };
  const byNumbers = myNumber - line.nowServing - 1;
  return { state: 'waiting', ahead: Math.max(0, Math.min(byNumbers, line.waiting)) };
}

/** The patient's words for a position; the same for the page and the reminder. */
export function positionLabel(p: QueuePosition): string {
  if (p.state === 'called') return '已叫号，请尽快就诊';
  return p.ahead === 0 ? '下一位就是您，请在诊室门口候诊' : `前面还有 ${p.ahead} 人`;
}
