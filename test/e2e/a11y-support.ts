import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's browser build, injected into each page under test. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules and best practices) on what the page shows now. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => Boolean((window as unknown as { axe?: unknown }).axe)))) await page.evaluate(AXE_SOURCE); // not a <script> tag: the page's CSP (rightly) refuses inline scripts
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`) }));
  });
}

export const isSerious = (f: AxeFinding) => f.impact === 'serious' || f.impact === 'critical';

/** Visible text under `min` px (each element that holds text of its own). */
export async function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minPx) => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
      if (!own) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < minPx - 0.01) out.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 20)}" ${size}px`);
    }
    return out;
  }, min);
}

/** Interactive elements (buttons, links, roles, inputs) smaller than `min` px either way. */
export async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minPx) => {
    const sel = 'taro-button-core, [role=button], [role=link], [role=tab], [role=radio], [role=switch], [role=checkbox], input, textarea';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll(sel))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue; // not shown
      if (el.tagName === 'INPUT' && el.closest('taro-input-core')) {
        // Taro's <input> fills its wrapper: the wrapper is the target.
        const w = el.closest('taro-input-core')!.getBoundingClientRect();
        if (w.height < minPx - 0.5) out.push(`input#${el.closest('taro-input-core')!.id} ${w.width.toFixed(0)}x${w.height.toFixed(0)}`);
        continue;
      }
      if (r.height < minPx - 0.5 || r.width < minPx - 0.5) out.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className} ${r.width.toFixed(0)}x${r.height.toFixed(0)}`);
    }
    return out;
  }, min);
}

/** Labels squeezed into one character per line (each character on its own line), as elder mode must never do. */
export async function oneCharPerLine(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const chars = Array.from(text.replace(/\s/g, ''));
      if (chars.length < 2) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size >= 2 && tops.size >= chars.length) out.push(`"${text.slice(0, 12)}" in ${(n.parentElement?.className ?? '').toString()}`);
    }
    return out;
  });
}

/** Presses Tab up to `max` times; returns the ids (or tag.class) of the elements focused, in order. */
export async function tabOrder(page: Page, max = 60): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const key = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return '';
      const host = el.closest('taro-input-core') ?? el;
      return host.id || `${host.tagName.toLowerCase()}.${host.className}`;
    });
    if (!key || seen.includes(key)) break;
    seen.push(key);
  }
  return seen;
}
