import { afterConfirm, afterFreeze, afterRefund, afterRefundQuery, afterRollBack, type PartFacts } from './refund-saga';

const fresh: PartFacts = { step: 'freezing', maybeSent: false, frozen: false };
const resent: PartFacts = { ...fresh, maybeSent: true };
const refused = { state: 'refused', hisCode: -4, message: '不允许退费' } as const;
const unknown = { state: 'unknown', reason: 'timeout' } as const;

describe('deposit refund saga rules', () => {
  it('freeze: frozen → refund; unknown → ask again; refused → skip, or roll back when an earlier try may have landed', () => {
    expect(afterFreeze(fresh, { state: 'frozen', hisRefundNo: 'T1', invoiceNo: 'FP1', balanceFen: 1, at: null })).toMatchObject({ to: 'refunding', invoiceNo: 'FP1' });
    expect(afterFreeze(fresh, unknown)).toHaveProperty('wait');
    expect(afterFreeze(fresh, refused)).toMatchObject({ to: 'skipped' });
    expect(afterFreeze(resent, refused)).toMatchObject({ to: 'rolling_back' });
  });

  it('platform refund: refunded → confirm; pending → ask again; a certain refusal → roll back; a refusal after an unknown → a person', () => {
    expect(afterRefund(fresh, { state: 'refunded', refundNo: 'R1', refundedAt: new Date() })).toMatchObject({ to: 'confirming', refundNo: 'R1' });
    expect(afterRefund(fresh, { state: 'pending', code: '999999', message: '' })).toHaveProperty('wait');
    expect(afterRefund(fresh, { state: 'rejected', code: '034009', message: '' })).toMatchObject({ to: 'rolling_back' });
    expect(afterRefund(resent, { state: 'rejected', code: '034009', message: '' })).toMatchObject({ to: 'attention' });
  });

  it('refund query: refunded → confirm; not found or failed → send the same refund again; otherwise wait', () => {
    expect(afterRefundQuery({ state: 'refunded', refundedAt: null })).toMatchObject({ to: 'confirming' });
    expect(afterRefundQuery({ state: 'not_found' })).toBe('send');
    expect(afterRefundQuery({ state: 'failed', reason: 'x' })).toBe('send');
    expect(afterRefundQuery({ state: 'pending' })).toHaveProperty('wait');
    expect(afterRefundQuery({ state: 'unknown', reason: 'x' })).toHaveProperty('wait');
  });

  it('confirm: never rolled back once refunded; a refusal after an unknown goes to a person, a plain one is asked again', () => {
    const settled = { hisRefundNo: null, balanceFen: 0, at: null };
    expect(afterConfirm(fresh, { state: 'confirmed', ...settled })).toMatchObject({ to: 'confirmed' });
    expect(afterConfirm(fresh, { state: 'rolled_back', ...settled })).toMatchObject({ to: 'attention' });
    expect(afterConfirm(fresh, unknown)).toHaveProperty('wait');
    expect(afterConfirm(fresh, refused)).toHaveProperty('wait');
    expect(afterConfirm(resent, refused)).toMatchObject({ to: 'attention' });
  });

  it('roll back: a refusal with nothing frozen means nothing to undo; with a freeze, ask again', () => {
    const settled = { hisRefundNo: null, balanceFen: 0, at: null };
    expect(afterRollBack(fresh, { state: 'rolled_back', ...settled })).toMatchObject({ to: 'rolled_back' });
    expect(afterRollBack(fresh, { state: 'confirmed', ...settled })).toMatchObject({ to: 'attention' });
    expect(afterRollBack(fresh, refused)).toMatchObject({ to: 'skipped' });
    expect(afterRollBack({ ...fresh, frozen: true }, refused)).toHaveProperty('wait');
  });
});
