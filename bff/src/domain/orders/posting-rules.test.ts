import { ATTEMPTS_PER_ROUND, decidePosting, type PostingFacts, type PostingPolicy } from './posting-rules';

const policy: PostingPolicy = { attemptGapSeconds: 5, roundBackoffSeconds: 60, windowHours: 24, giveUp: 'refund', queryErrorMeans: 'unknown' };
const paidAt = new Date('2026-12-01T02:00:00Z');
const facts = (f: Partial<PostingFacts>): PostingFacts => ({ round: 1, attempt: 1, paidAt, now: new Date(paidAt.getTime() + 60_000), post: { state: 'unknown', reason: 'timeout' }, ...f });
const posted = { state: 'posted', invoiceNo: 'FP1', clinicNo: 'MZ1', hisBookingId: 'GH1', queueNo: '7' } as const;
const hisError = { state: 'failed', isRefund: false, message: '系统繁忙' } as const;
const queryError = { state: 'error', message: '未查询到' } as const;
const afterWindow = new Date(paidAt.getTime() + 25 * 3_600_000);

describe('HIS posting rules', () => {
  it('a success is posted at once, with the receipt HIS gave', () => {
    expect(decidePosting(facts({ post: posted }), policy)).toEqual({
      action: 'posted', via: 'notice', receipt: { invoiceNo: 'FP1', clinicNo: 'MZ1', queueNo: '7', hisPayId: null, registerId: 'GH1' },
    });
  });

  it('isRefund=1 refunds at once, without asking queryOrderStatus', () => {
    expect(decidePosting(facts({ post: { state: 'failed', isRefund: true, message: '号源已释放' } }), policy)).toMatchObject({ action: 'refund' });
  });

  it.each([['an error', hisError], ['no answer', { state: 'unknown', reason: 'timeout' } as const]])('after %s, asks queryOrderStatus before deciding', (_, post) => {
    expect(decidePosting(facts({ post }), policy)).toEqual({ action: 'query' });
  });

  it('queryOrderStatus SUCCESS counts as posted, with the outpatient places it names', () => {
    const query = { state: 'posted', invoiceNo: 'FP2', hisPayId: 'HP2', hisBookingId: null, queueNo: null, inspectPlace: '检验科一楼', windowNo: '3' } as const;
    expect(decidePosting(facts({ post: hisError, query }), policy)).toEqual({
      action: 'posted', via: 'query', receipt: { invoiceNo: 'FP2', clinicNo: null, queueNo: null, hisPayId: 'HP2', registerId: null }, extra: { inspectPlace: '检验科一楼', windowNo: '3' },
    });
  });

  it('within a round: the next notice after the gap, same round', () => {
    expect(decidePosting(facts({ post: hisError, query: queryError, attempt: 2 }), policy)).toEqual({ action: 'retry', afterSeconds: 5, round: 1, note: 'HIS error: 系统繁忙' });
  });

  it(`after ${ATTEMPTS_PER_ROUND} notices: a new round after a doubling pause, capped at an hour`, () => {
    expect(decidePosting(facts({ post: hisError, query: queryError, attempt: 3, round: 1 }), policy)).toMatchObject({ action: 'retry', afterSeconds: 60, round: 2 });
    expect(decidePosting(facts({ post: hisError, query: queryError, attempt: 3, round: 3 }), policy)).toMatchObject({ action: 'retry', afterSeconds: 240, round: 4 });
    expect(decidePosting(facts({ post: hisError, query: queryError, attempt: 3, round: 12 }), policy)).toMatchObject({ action: 'retry', afterSeconds: 3600, round: 13 });
  });

  it('window over, queryOrderStatus ERROR read as the document does (unknown): a person decides, never an automatic refund', () => {
    expect(decidePosting(facts({ post: hisError, query: queryError, attempt: 3, now: afterWindow }), policy)).toMatchObject({ action: 'attention' });
  });

  it('window over, a hospital that declared ERROR means "not posted": refund', () => {
    expect(decidePosting(facts({ post: hisError, query: queryError, attempt: 3, now: afterWindow }), { ...policy, queryErrorMeans: 'not_posted' })).toMatchObject({ action: 'refund' });
  });

  it('window over, "not posted" but the hospital wants a person to decide: attention', () => {
    const p = { ...policy, queryErrorMeans: 'not_posted', giveUp: 'attention' } as const;
    expect(decidePosting(facts({ post: hisError, query: queryError, attempt: 3, now: afterWindow }), p)).toMatchObject({ action: 'attention' });
  });

  it('window over and HIS unreachable for the query: a person decides', () => {
    const p = { ...policy, queryErrorMeans: 'not_posted' } as const;
    expect(decidePosting(facts({ post: hisError, query: { state: 'unknown', reason: 'timeout' }, attempt: 3, now: afterWindow }), p)).toMatchObject({ action: 'attention' });
  });
});
