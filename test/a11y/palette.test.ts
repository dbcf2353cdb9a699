import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { contrast } from '../support/contrast';

/** The client's palette (client/src/styles/_vars.scss), variables resolved. */
function palette(): Record<string, string> {
  const text = readFileSync(resolve(__dirname, '../../client/src/styles/_vars.scss'), 'utf8');
  const vars: Record<string, string> = {};
  for (const m of text.matchAll(/^\$([\w-]+):\s*([^;]+);/gm)) {
    const value = m[2]!.trim();
    vars[m[1]!] = value.startsWith('$') ? vars[value.slice(1)]! : value;
  }
  return vars;
}

/** Every text colour the stylesheets use, on every background it is used on. */
const PAIRS: Array<[text: string, background: string, where: string]> = [
  ['text', 'surface', 'body text on cards'],
  ['text', 'bg', 'body text on the page'],
  ['text-secondary', 'surface', 'labels, hints on cards'],
  ['text-secondary', 'bg', 'hints on the page'],
  ['text-secondary', 'muted-bg', 'hints on grey'],
  ['primary', 'surface', 'links, ghost buttons, tile titles'],
  ['primary', 'bg', 'links on the page'],
  ['primary', 'primary-bg', 'active chips, tags, dates'],
  ['on-primary', 'primary', 'white on blue buttons and active tabs'],
  ['danger', 'surface', 'fees, danger buttons, high values'],
  ['danger', 'danger-bg', 'stopped clinics, withdrawn reports, abnormal badge'],
  ['success', 'success-bg', 'physical card tag, paid orders'],
  ['warning', 'warning-bg', 'notices, 即将上线'],
  ['warning', 'surface', 'abnormal lab values'],
  ['muted', 'muted-bg', '已约满 and closed orders'],
  ['muted', 'surface', 'disabled slots'],
];

describe('palette contrast (WCAG 2.1 AA, 4.5:1 for text)', () => {
  const p = palette();
  it.each(PAIRS)('%s on %s (%s)', (fg, bg) => {
    expect(p[fg]).toMatch(/^#[0-9a-f]{3,6}$/i);
    expect(p[bg]).toMatch(/^#[0-9a-f]{3,6}$/i);
    expect(contrast(p[fg]!, p[bg]!)).toBeGreaterThanOrEqual(4.5);
  });

  it('computes the ratios the issue measured on the old palette', () => {
    expect(contrast('#1677ff', '#ffffff')).toBeCloseTo(4.1, 1);
    expect(contrast('#bfbfbf', '#ffffff')).toBeLessThan(2);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  it('leaves no text colour outside the palette in the stylesheets', () => {
    const { execSync } = require('node:child_process') as typeof import('node:child_process');
    const files = execSync('git ls-files "client/src/*.scss"', { cwd: resolve(__dirname, '../..') }).toString().trim().split('\n');
    const stray = files
      .filter((f) => !f.endsWith('_vars.scss'))
      .flatMap((f) => readFileSync(resolve(__dirname, '../..', f), 'utf8').split('\n').map((line, i) => ({ f, i, line })))
      .filter(({ line }) => /^\s*color:\s*#/.test(line) && !/#fff\b/.test(line));
    expect(stray.map(({ f, i, line }) => `${f}:${i + 1} ${line.trim()}`)).toEqual([]);
  });
});
