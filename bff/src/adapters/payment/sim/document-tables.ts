import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the vendor documents live: `../shared/specs` beside the repository (absent in a bare checkout). */
export function specPath(file: string): string | null {
  const candidates = [resolve(__dirname, '../../../../../../shared/specs', file), resolve(process.cwd(), '../shared/specs', file)];
  return candidates.find((p) => existsSync(p)) ?? null;
}

/**
 * Reads the platform document's request tables: for each transType, the `param` fields marked
 * 不可空 (N), leaving out the nested `extra` blocks (their fields are fields of `extra`, itself
 * nullable). Test support: it keeps the simulator's table honest against the document.
 */
export function requiredFieldsFromDocument(): Record<string, string[]> | null {
  const path = specPath('payment-platform-cashier-api.md');
  if (!path) return null;
  const out: Record<string, string[]> = {};
  let current: string | null = null;
  let inRequest = false;
  let inExtra = false;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const trans = cells.find((c) => /^(hop|portal)\.\s*[a-z]/.test(c));
    if (cells.includes('transType') && trans) {
      current = trans.replace(/\s+/g, '');
      out[current] = [];
      inRequest = true;
      inExtra = false;
      continue;
    }
    if (!current || !inRequest) continue;
    if (cells.some((c) => /响应\s*参\s*数\s*结构/.test(c))) {
      inRequest = false;
      continue;
    }
    if (cells.some((c) => /^extra\s*入参|扩展入参定义|字段说明|医院参数说明/.test(c))) {
      inExtra = true;
      continue;
    }
    const [, name, , nullable] = cells;
    if (inExtra || !name || !/^[A-Za-z_]\w*$/.test(name) || ['param', 'transType'].includes(name)) continue;
    if (nullable === 'N') out[current]!.push(name);
  }
  return out;
}
