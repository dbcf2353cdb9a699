import type { StoredItem } from '../../store/reconciliation.repo';
import { csvCell, reconciliationCsvOf } from './reconciliation-csv';

const item = (over: Partial<StoredItem> = {}): StoredItem => ({
  seq: 0, transactionType: 2, tradeNo: 'EH100', category: 'amount_mismatch', action: 'review_amount', hisFen: 12345, ourFen: 5, hisRefundFen: 0, ourRefundFen: 100,
  outRefundNo: null, hisRefundId: null, ourState: 'posted', platform: 'paid', note: 'HIS and our amounts differ', status: 'open', outcome: null, outcomeAt: null, ...over,
});

/** RFC 4180 read back: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

describe('reconciliation CSV', () => {
  it('starts with a BOM, has one header and one line per item, CRLF, money in yuan, Chinese words', () => {
    const csv = reconciliationCsvOf('2024-10-13', [item(), item({ seq: 1, transactionType: 1, tradeNo: 'EH200', category: 'paid_not_in_his', action: 'repost', status: 'healed', outcome: 'posted: HIS has the payment', ourFen: 1500, hisFen: 0 })]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(3);
    expect(rows[0]!.slice(0, 4)).toEqual(['对账日期', '交易类型', '商户订单号', '差异类别']);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    const col = (name: string) => rows[0]!.indexOf(name);
    expect(rows[1]![col('HIS金额(元)')]).toBe('123.45');
    expect(rows[1]![col('我方金额(元)')]).toBe('0.05');
    expect(rows[1]![col('我方退款(元)')]).toBe('1.00');
    expect(rows[1]![col('差异类别')]).toBe('金额不一致');
    expect(rows[2]).toEqual(expect.arrayContaining(['挂号', 'EH200', '我方已收款，HIS无记录', 'repost', '已自动处理', 'posted: HIS has the payment', '15.00', '0.00']));
  });

  it('an empty day is the header alone', () => {
    expect(parseCsv(reconciliationCsvOf('2024-10-13', []).slice(1))).toHaveLength(1);
  });

  it('quotes commas, quotes and line breaks, and keeps a would-be formula as text', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('x\r\ny')).toBe('"x\r\ny"');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('plain')).toBe('plain');
    // A tradeNo HIS made up travels through intact, whatever it holds.
    const rows = parseCsv(reconciliationCsvOf('2024-10-13', [item({ tradeNo: 'T,1"\n2' })]).slice(1));
    expect(rows[1]![2]).toBe('T,1"\n2');
  });
});
