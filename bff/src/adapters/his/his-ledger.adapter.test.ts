/**
 * HisLedgerAdapter (13.1 GetCheckLedgerInfo, 13.2 GetChecLedgerDetail) against the simulator over
 * both transports, and against replies real HIS write (the document's own `</HisPayId>`, bad rows).
 */
import type { HisClient } from './his-client';
import { HisLedgerAdapter, LEDGER_DETAIL, mendCloseTagCase } from './his-ledger.adapter';
import { createSeedState } from './sim/seed';
import type { HisSimulator, SimListening } from './sim/his-simulator';
import { BOOKING_NOW, failure, listeningSimulator, replyingClient, type SentCall } from './test-support';

const KEY = 'ledger-test-sign-key';
const DAY = '2024-10-13';

describe.each(['http', 'soap'] as const)('HisLedgerAdapter against the simulator over %s', (transport) => {
  let sim: HisSimulator;
  let server: SimListening;
  let client: HisClient;
  let ledger: HisLedgerAdapter;

  beforeAll(async () => {
    ({ sim, server, client } = await listeningSimulator(transport, KEY, BOOKING_NOW));
    ledger = new HisLedgerAdapter(client);
  });
  beforeEach(() => Object.assign(sim.state, createSeedState(() => BOOKING_NOW)));
  afterEach(() => sim.faults.clear());
  afterAll(() => server.close());

  it('an empty day: zero totals, no types, no rows', async () => {
    await expect(ledger.ledgerSummary(DAY)).resolves.toEqual({ totalFen: 0, totalCount: 0, refundFen: 0, refundCount: 0, transactionTypes: [] });
    await expect(ledger.ledgerDetail(DAY)).resolves.toEqual([]);
    await expect(ledger.ledgerDetail(DAY, 2)).resolves.toEqual([]);
  });

  it('one row, then many of several types and both channels, filtered by type', async () => {
    sim.ledger.seedRow({ date: DAY, transactionType: '2', tradeNo: 'EH100', amount: '12.50', channel: '0', hisPayId: 'HP1' });
    await expect(ledger.ledgerDetail(DAY)).resolves.toEqual([{ transactionType: 2, hisPayId: 'HP1', tradeNo: 'EH100', hisRefundId: null, direction: 'receipt', amountFen: 1250 }]);
    sim.ledger.seedRow({ date: DAY, transactionType: '1', tradeNo: 'EH101', amount: '5', channel: '0', hisPayId: 'HP2' });
    sim.ledger.seedRow({ date: DAY, transactionType: '1', tradeNo: 'EH101', amount: '5.00', channel: '1', hisRefundId: 'TK9' });
    sim.ledger.seedRow({ date: '2024-10-12', transactionType: '1', tradeNo: 'EH999', amount: '1', channel: '0' });
    const all = await ledger.ledgerDetail(DAY);
    expect(all.map((r) => [r.transactionType, r.tradeNo, r.direction, r.amountFen, r.hisRefundId])).toEqual([
      [2, 'EH100', 'receipt', 1250, null],
      [1, 'EH101', 'receipt', 500, null],
      [1, 'EH101', 'refund', 500, 'TK9'],
    ]);
    expect((await ledger.ledgerDetail(DAY, 1)).map((r) => r.direction)).toEqual(['receipt', 'refund']);
    await expect(ledger.ledgerSummary(DAY)).resolves.toEqual({ totalFen: 1750, totalCount: 2, refundFen: 500, refundCount: 1, transactionTypes: [1, 2] });
    expect(sim.calls.filter((c) => c.method === LEDGER_DETAIL).at(-1)!.fields).toMatchObject({ checkDate: DAY, transactionType: '1' });
  });

  it('the simulator refuses a missing or bad checkDate and an unknown type, as strictly as the table', async () => {
    expect((await failure(client.call('GetCheckLedgerInfo', {}))).detail?.hisMessage).toBe('对账日期不能为空');
    expect((await failure(client.call(LEDGER_DETAIL, { checkDate: '2024/10/13' }))).detail?.hisMessage).toBe('对账日期格式错误');
    expect((await failure(client.call(LEDGER_DETAIL, { checkDate: DAY, transactionType: '7' }))).detail?.hisMessage).toBe('交易类型错误');
  });

  it("reads the document's own `</HisPayId>` slip over this transport", async () => {
    sim.ledger.seedRow({ date: DAY, transactionType: '3', tradeNo: 'EH300', amount: '1000', channel: '0', hisPayId: 'HP3' });
    sim.faults.inject(LEDGER_DETAIL, { kind: 'doc-sample-case' });
    await expect(ledger.ledgerDetail(DAY)).resolves.toEqual([{ transactionType: 3, hisPayId: 'HP3', tradeNo: 'EH300', hisRefundId: null, direction: 'receipt', amountFen: 100000 }]);
    // Without the mending the same reply is refused as malformed: the switch really sends the slip.
    sim.faults.inject(LEDGER_DETAIL, { kind: 'doc-sample-case' });
    expect((await failure(client.call(LEDGER_DETAIL, { checkDate: DAY }))).code).toBe('HIS_BAD_REPLY');
  });

  it("HIS's error result is HIS_REJECTED with HIS's words", async () => {
    sim.faults.inject(LEDGER_DETAIL, { kind: 'error', message: '对账数据未生成' });
    const err = await failure(ledger.ledgerDetail(DAY));
    expect(err.code).toBe('HIS_REJECTED');
    expect(err.detail?.hisMessage).toBe('对账数据未生成');
    sim.faults.inject('GetCheckLedgerInfo', { kind: 'malformed' });
    expect((await failure(ledger.ledgerSummary(DAY))).code).toBe('HIS_BAD_REPLY');
  });
});

describe('HisLedgerAdapter reading replies as HIS writes them', () => {
  const detail = (xml: string, sent: SentCall[] = []) => new HisLedgerAdapter(replyingClient(xml, sent)).ledgerDetail(DAY);
  const summary = (xml: string) => new HisLedgerAdapter(replyingClient(xml)).ledgerSummary(DAY);

  it("reads the document's sample, `<hisPayId>…</HisPayId>` and all", async () => {
    const sample =
      '<response><result>success</result><message></message><content>' +
      '<data><transactionType>1</transactionType><hisPayId>1011</HisPayId><tradeNo>10123</tradeNo><amount>500</amount><channel>0</channel></data>' +
      '<data><transactionType>2</transactionType><hisPayId>1012</HisPayId><tradeNo>10123</tradeNo><hisRefundId>R1</hisRefundId><amount>100</amount><channel>1</channel></data>' +
      '</content></response>';
    await expect(detail(sample)).resolves.toEqual([
      { transactionType: 1, hisPayId: '1011', tradeNo: '10123', hisRefundId: null, direction: 'receipt', amountFen: 50000 },
      { transactionType: 2, hisPayId: '1012', tradeNo: '10123', hisRefundId: 'R1', direction: 'refund', amountFen: 10000 },
    ]);
  });

  it("reads the summary's sample", async () => {
    const xml = '<response><result>success</result><message></message><totalCash>9999</totalCash><totalCount>100</totalCount><refundCash>50</refundCash><refundCount>2</refundCount><detail><transactionType>1</transactionType></detail><detail><transactionType>2</transactionType></detail></response>';
    await expect(summary(xml)).resolves.toEqual({ totalFen: 999900, totalCount: 100, refundFen: 5000, refundCount: 2, transactionTypes: [1, 2] });
    await expect(summary('<response><result>success</result><message/><totalCash>0</totalCash><totalCount>0</totalCount></response>')).resolves.toMatchObject({ refundFen: null, refundCount: null, transactionTypes: [] });
  });

  it('one `<data>`, `<content/>` and no content at all', async () => {
    const one = '<response><result>success</result><message/><content><data><transactionType>4</transactionType><tradeNo>T1</tradeNo><amount>0.01</amount><channel>0</channel></data></content></response>';
    await expect(detail(one)).resolves.toEqual([{ transactionType: 4, hisPayId: null, tradeNo: 'T1', hisRefundId: null, direction: 'receipt', amountFen: 1 }]);
    await expect(detail('<response><result>success</result><message/><content/></response>')).resolves.toEqual([]);
    await expect(detail('<response><result>success</result><message/></response>')).resolves.toEqual([]);
  });

  it.each([
    ['an unreadable amount', '<data><transactionType>1</transactionType><tradeNo>T1</tradeNo><amount>5元</amount><channel>0</channel></data>'],
    ['a channel that is neither 0 nor 1', '<data><transactionType>1</transactionType><tradeNo>T1</tradeNo><amount>5</amount><channel>2</channel></data>'],
    ['a refund without hisRefundId', '<data><transactionType>1</transactionType><tradeNo>T1</tradeNo><amount>5</amount><channel>1</channel></data>'],
    ['no tradeNo', '<data><transactionType>1</transactionType><amount>5</amount><channel>0</channel></data>'],
    ['transactionType 9', '<data><transactionType>9</transactionType><tradeNo>T1</tradeNo><amount>5</amount><channel>0</channel></data>'],
  ])('one bad row among good ones (%s) makes the whole ledger HIS_BAD_REPLY', async (_name, bad) => {
    const good = '<data><transactionType>1</transactionType><tradeNo>T0</tradeNo><amount>5</amount><channel>0</channel></data>';
    const err = await failure(detail(`<response><result>success</result><message/><content>${good}${bad}</content></response>`));
    expect(err.code).toBe('HIS_BAD_REPLY');
  });

  it('malformed XML, an error result and a summary without totals are refused', async () => {
    expect((await failure(detail('<response><result>success</result><content><data><tradeNo>1</Amount></data></content></response>'))).code).toBe('HIS_BAD_REPLY');
    expect((await failure(detail('<response><result>error</result><message>无数据</message></response>'))).code).toBe('HIS_REJECTED');
    expect((await failure(summary('<response><result>success</result><message/><totalCount>1</totalCount></response>'))).code).toBe('HIS_BAD_REPLY');
  });

  it('mends letter case of a leaf closing tag only', () => {
    expect(mendCloseTagCase('<a><hisPayId>1</HisPayId><b>2</b></a>')).toBe('<a><hisPayId>1</hisPayId><b>2</b></a>');
    expect(mendCloseTagCase('<a><x>1</y></a>')).toBe('<a><x>1</y></a>');
  });
});
