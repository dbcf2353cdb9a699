type Cell = string | number | null;

/**
 * CSV for spreadsheets: every cell quoted, and a cell a spreadsheet would run as a formula
 * (starting with = + - @ or a tab / carriage return) prefixed with ' so it stays text.
 * A byte-order mark first, so Excel reads the Chinese as UTF-8.
 */
export function toCsv(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cell = (v: Cell) => {
    const s = v === null ? '' : String(v);
    const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  return `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
