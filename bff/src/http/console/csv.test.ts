import { toCsv } from './csv';

describe('console CSV', () => {
  it('quotes every cell, doubles quotes, keeps numbers, and starts with a BOM', () => {
    expect(toCsv(['a', 'b'], [['x"y', 12], [null, '中文,逗号']])).toBe('\uFEFF"a","b"\r\n"x""y","12"\r\n"","中文,逗号"\r\n');
  });

  it('turns a would-be formula into text (no =, +, -, @ at the start of a text cell)', () => {
    const out = toCsv(['v'], [['=HYPERLINK("http://evil")'], ['+1'], ['-1+2'], ['@SUM(A1)'], [-5]]);
    expect(out).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(out).toContain(`"'+1"`);
    expect(out).toContain(`"'-1+2"`);
    expect(out).toContain(`"'@SUM(A1)"`);
    expect(out).toContain('"-5"'); // a number is a number
  });
});
