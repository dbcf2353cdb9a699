import { flagValue, parseRange, type LabFlag } from './reference-range';

/** [value, range, expected flag] — the spellings real LIS systems send. */
const table: [string, string, LabFlag][] = [
  ['66.6', '0-6.4', 'high'],
  ['6.4', '0-6.4', 'normal'],
  ['0', '0-6.4', 'normal'],
  ['4.2', '3.5~5.5', 'normal'],
  ['3.4', '3.5~5.5', 'low'],
  ['5.6', '3.5~5.5', 'high'],
  ['0.50', '0.00--1.00', 'normal'],
  ['1.01', '0.00--1.00', 'high'],
  ['4.9', '<5', 'normal'],
  ['5', '<5', 'high'],
  ['0.5', '≤ 0.5', 'normal'],
  ['0.51', '≤ 0.5', 'high'],
  ['3.5', '>=3.5', 'normal'],
  ['3.4', '>=3.5', 'low'],
  ['3.5', '>3.5', 'low'],
  ['阴性', '阴性', 'normal'],
  ['阴性(-)', '阴性(-)', 'normal'],
  ['阳性(+)', '阴性(-)', 'abnormal'],
  ['+', '阴性', 'abnormal'],
  ['(-)', '阴性（-）', 'normal'],
  ['12', '', 'not_comparable'],
  ['12', '见备注', 'not_comparable'],
  ['淡黄色', '淡黄色', 'not_comparable'],
  ['4.6 mmol/L', '3.5-5.5 mmol/L', 'normal'],
  ['7.2mmol/L', '3.5-5.5 mmol/L', 'high'],
  ['12.1', '4.0-10.0 10^9/L', 'high'],
  ['6.4↑', '0-6.4', 'normal'],
  ['<0.5', '0-6.4', 'normal'],
  ['<0.5', '1-6.4', 'low'],
  ['<2', '1-6.4', 'not_comparable'],
  ['>10', '0-6.4', 'high'],
  ['-2.5', '-3-3', 'normal'],
  ['-3.5', '-3-3', 'low'],
  ['４.２', '3.5～5.5', 'normal'],
  ['5', '5-3', 'not_comparable'],
  ['12', '阴性', 'not_comparable'],
  ['阴性', '0-6.4', 'not_comparable'],
];

describe('reference ranges', () => {
  it.each(table)('value %p against %p is %p', (value, range, flag) => {
    expect(flagValue(value, range)).toBe(flag);
  });

  it('chooses the range for the patient’s sex, and will not guess without it', () => {
    expect(flagValue('125', '男:130-175 女:115-150', '女')).toBe('normal');
    expect(flagValue('125', '男:130-175 女:115-150', '男')).toBe('low');
    expect(flagValue('125', '男:130-175 女:115-150', null)).toBe('not_comparable');
  });

  it('parses the shapes it understands into bounds', () => {
    expect(parseRange('3.5~5.5')).toEqual({ kind: 'interval', low: 3.5, high: 5.5 });
    expect(parseRange('≤ 0.5')).toEqual({ kind: 'upper', limit: 0.5, inclusive: true });
    expect(parseRange('>3.5')).toEqual({ kind: 'lower', limit: 3.5, inclusive: false });
    expect(parseRange('阴性(-)')).toEqual({ kind: 'negative' });
    expect(parseRange('')).toEqual({ kind: 'unknown' });
  });
});
