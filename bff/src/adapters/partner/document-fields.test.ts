import { readFileSync } from 'node:fs';
import { specPath } from '../payment/sim/document-tables';
import { REQUEST_FIELDS } from './refund-detail.codec';
import { BLOCKS, RESPONSE_DATA, RESPONSE_TOP, type DocField } from './document-fields';

const TYPES: Record<string, DocField['type'] | 'long'> = { string: 'string', integer: 'integer', double: 'double', long: 'long', jsonobject: 'jsonObject', jsonarray: 'jsonArray' };

/** The document's tables: `request`, `response` (code/msg/data.*) and each `# …name:` block, field → type and Y/N. */
function documentTables(text: string): Record<string, Record<string, DocField | { type: 'long'; required: boolean }>> {
  const tables: Record<string, Record<string, { type: any; required: boolean }>> = {};
  let section = 'request';
  for (const line of text.split('\n')) {
    if (line.trim().startsWith('{')) break; // the example reply: not a table
    const header = /^#\s*(.+?)\s*$/.exec(line.trim());
    if (header) {
      // "# 接口说明" opens the request table, "# 响应数据:" the response's, "# 订单信息order_info:" a block.
      section = header[1]!.startsWith('响应数据') ? 'response' : /([a-z_]+):?$/.exec(header[1]!)?.[1] ?? 'request';
      continue;
    }
    const cells = line.trim().split(/\s+/);
    if (!/^[a-z_.]+$/.test(cells[0] ?? '')) continue;
    const t = cells.findIndex((c, i) => i > 0 && TYPES[c.toLowerCase()] !== undefined);
    if (t < 0 || !/^[YN]$/.test(cells[t + 1] ?? '')) continue;
    (tables[section] ??= {})[cells[0]!] = { type: TYPES[cells[t]!.toLowerCase()], required: cells[t + 1] === 'Y' };
  }
  return tables;
}

const path = specPath('refund-order-detail-openapi.txt');
const maybe = path ? describe : describe.skip;

maybe('the field list the partner API answers with is the document’s own', () => {
  const tables = documentTables(readFileSync(path!, 'utf8'));

  it('request: every field, all required, read from the form', () => {
    expect(Object.keys(tables.request!).sort()).toEqual([...REQUEST_FIELDS, 'data.refund_order_id'].sort());
    expect(Object.values(tables.request!).every((f) => f.required)).toBe(true);
    expect(tables.request!.timestamp!.type).toBe('long');
  });

  it('response: code, msg, data and the data.* rows', () => {
    const top = Object.fromEntries(Object.entries(tables.response!).filter(([k]) => !k.startsWith('data.')));
    const data = Object.fromEntries(Object.entries(tables.response!).filter(([k]) => k.startsWith('data.')).map(([k, v]) => [k.slice(5), v]));
    expect(top).toEqual(RESPONSE_TOP);
    expect(data).toEqual(RESPONSE_DATA);
  });

  it.each(Object.keys(BLOCKS))('%s: every field with its type and Y/N', (block) => {
    expect(tables[block]).toEqual(BLOCKS[block as keyof typeof BLOCKS]);
  });

  it('has no table we do not answer', () => {
    expect(Object.keys(tables).sort()).toEqual(['request', 'response', ...Object.keys(BLOCKS)].sort());
  });
});
