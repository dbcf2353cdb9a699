import { startTestBff, type TestBff } from '../../../test/support/bff';

/**
 * Every route of the OpenAPI document, every text input it has (path, query, each body field),
 * each kind of unusable text: the answer is 400 VALIDATION_FAILED naming the field, never a 500.
 */
const IN_JSON = { nul: 'a\u0000b', escape: 'x\u001b[31m', del: 'x\u007f', c1: 'x\u0085', loneHigh: '张\ud800', loneLow: '\udc00三', replacement: '\ufffd' };
// In a URL the same, percent-encoded; %ED%A0%80 is a surrogate in (invalid) UTF-8.
const IN_URL = { nul: 'a%00b', escape: 'x%1B', del: 'x%7F', c1: 'x%C2%85', surrogate: '%ED%A0%80' };

type Schema = { $ref?: string; properties?: Record<string, unknown> };
type Operation = { operationId: string; parameters?: { name: string; in: 'path' | 'query' }[]; requestBody?: { content: { 'application/json': { schema: Schema } } } };

interface Case {
  name: string;
  method: string;
  url: string;
  body?: Record<string, unknown>;
  field: string;
}

function cases(doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }): Case[] {
  const out: Case[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      const fill = (bad?: { name: string; value: string }) =>
        path.replace(/\{(\w+)\}/g, (_, p: string) => (bad?.name === p ? bad.value : 'ABCDEFGH12'));
      const validQuery = params.filter((p) => p.in === 'query').map((p) => `${p.name}=ok1`);
      for (const p of params) {
        for (const [kind, value] of Object.entries(IN_URL)) {
          const url = p.in === 'path' ? `${fill({ name: p.name, value })}?${validQuery.join('&')}` : `${fill()}?${[...validQuery.filter((q) => !q.startsWith(`${p.name}=`)), `${p.name}=${value}`].join('&')}`;
          out.push({ name: `${op.operationId} ${p.in} ${p.name} ${kind}`, method, url, field: p.name, ...(op.requestBody ? { body: {} } : {}) });
        }
      }
      const schema = op.requestBody?.content['application/json'].schema;
      const resolved = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
      for (const field of Object.keys(resolved?.properties ?? {})) {
        for (const [kind, value] of Object.entries(IN_JSON)) {
          out.push({ name: `${op.operationId} body ${field} ${kind}`, method, url: `${fill()}?${validQuery.join('&')}`, body: { [field]: value }, field });
        }
      }
    }
  }
  return out;
}

describe('unusable text in any input of any route is a 400 naming the field', () => {
  let bff: TestBff;
  let token: string;
  let all: Case[];
  beforeAll(async () => {
    bff = await startTestBff({ name: 'fuzz', config: { rateLimits: { loginPerMinute: 10_000, bindPerHour: 10_000 } } });
    token = await bff.login('fuzzer');
    const doc = (await bff.request('GET', '/api/openapi.json')).body;
    all = cases(doc);
  });
  afterAll(async () => {
    await bff.close();
  });

  it('covers every route that takes text, with every kind of bad text', () => {
    const routes = new Set(all.map((c) => c.name.split(' ')[0]));
    // The login body, path ids, query codes and booking bodies are all among them. Binding's text
    // (name, ID number, phone, card) is fuzzed on the code requests that carry it first.
    for (const r of ['login', 'bindCode', 'createCardCode', 'getPatient', 'doctors', 'schedules', 'createBooking', 'payOrder', 'report', 'readNotice', 'departmentQueue', 'setPreferences']) expect(routes).toContain(r);
    expect(all.length).toBeGreaterThan(200);
  });

  it('answers every case 400 VALIDATION_FAILED with the field name', async () => {
    const failures: string[] = [];
    for (const c of all) {
      const res = await fetch(`${bff.url}${c.url}`, {
        method: c.method.toUpperCase(),
        headers: { authorization: `Bearer ${token}`, ...(c.body ? { 'content-type': 'application/json' } : {}) },
        body: c.body ? JSON.stringify(c.body) : undefined,
      });
      const body = (await res.json()) as { error?: { code: string; fields?: { path: string }[] } };
      const named = body.error?.fields?.some((f) => f.path === c.field || f.path.startsWith(`${c.field}.`));
      if (res.status !== 400 || body.error?.code !== 'VALIDATION_FAILED' || !named) failures.push(`${c.name}: ${res.status} ${JSON.stringify(body).slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers NUL and traversal in a static path without a 500', async () => {
    for (const path of ['/%00', '/..%2f..%2fetc%2fpasswd', '/js/%2e%2e/%2e%2e/package.json', '/%E0%A4%A']) {
      const res = await fetch(`${bff.url}${path}`);
      expect(res.status).toBeLessThan(500);
    }
  });
});
