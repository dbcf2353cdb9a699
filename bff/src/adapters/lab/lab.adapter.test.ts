import { AppError } from '@hosp/shared';
import type { RunningSimulator } from '../shared/sim-kit';
import { LabAdapter } from './lab.adapter';
import { normaliseLabTime } from './lab-protocol';
import { createLabSimulator, type LabSimulator } from './sim/lab-sim';

const TOKEN = 'lab-token-secret-123';
const APP_ID = '1234567890123456789';
const ORG_ID = '42';

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe('LabAdapter against the lab simulator', () => {
  let sim: LabSimulator;
  let server: RunningSimulator;
  let lab: LabAdapter;

  beforeEach(async () => {
    sim = createLabSimulator({ token: TOKEN, appId: APP_ID, orgId: ORG_ID, now: () => new Date('2024-03-01T02:03:04Z') });
    server = await sim.listen();
    lab = new LabAdapter({ baseUrl: `${server.baseUrl}/`, token: TOKEN, appId: APP_ID, orgId: ORG_ID, timeoutMs: 200 });
  });

  afterEach(async () => {
    await server.close();
  });

  const report = {
    reportId: 'R2024001', reportName: '血常规', patientName: '张三', idCard: '110101199003070011', patientCard: 'C001', reason: '标本溶血',
  };

  it('lists, reads and acknowledges a withdrawn report; acknowledged ones are no longer listed', async () => {
    expect(await lab.listWithdrawn()).toEqual([]);
    const id = sim.withdraw(report);
    const other = sim.withdraw({ patientName: '李四' });
    expect(await lab.listWithdrawn()).toEqual([
      { id, reportId: 'R2024001' },
      { id: other, reportId: null },
    ]);
    expect(await lab.detail(id)).toEqual({
      id, reportId: 'R2024001', reportName: '血常规', patientName: '张三', idNumber: '110101199003070011', patientCard: 'C001',
      reason: '标本溶血', withdrawnAt: '2024-03-01T10:03:04+08:00',
    });
    expect(await lab.detail(other)).toMatchObject({ id: other, reportId: null, reportName: null, patientName: '李四', reason: null });
    await lab.acknowledge(id);
    await lab.acknowledge(id); // idempotent
    expect(sim.acknowledged.has(id)).toBe(true);
    expect(await lab.listWithdrawn()).toEqual([{ id: other, reportId: null }]);

    // What went over the wire: the agreed data shapes, authorised.
    expect(sim.calls.map((c) => [c.op, c.authorised, c.data])).toEqual([
      ['list', true, {}], ['list', true, {}], ['detail', true, { id }], ['detail', true, { id: other }],
      ['success', true, { id }], ['success', true, { id }], ['list', true, {}],
    ]);
  });

  describe.each(['array', 'json-string', 'list', 'records', 'rows'] as const)('list data as %s', (listShape) => {
    it.each(['id+reportId', 'id+hisReportId', 'reportId-only'] as const)('with %s rows: listed, read and acknowledged', async (rowIds) => {
      sim.listShape = listShape;
      sim.rowIds = rowIds;
      const id = sim.withdraw(report);
      const key = rowIds === 'reportId-only' ? 'R2024001' : id;
      expect(await lab.listWithdrawn()).toEqual([{ id: key, reportId: 'R2024001' }]);
      expect(await lab.detail(key)).toMatchObject({ id: key, reportId: 'R2024001', patientName: '张三', reason: '标本溶血' });
      await lab.acknowledge(key);
      expect(sim.acknowledged.has(id)).toBe(true);
      expect(await lab.listWithdrawn()).toEqual([]);
    });
  });

  it('reads detail data sent as a JSON string', async () => {
    sim.detailShape = 'json-string';
    const id = sim.withdraw(report);
    expect(await lab.detail(id)).toMatchObject({ id, reportId: 'R2024001', patientName: '张三' });
  });

  it('refuses a list in a shape it does not know, naming its keys and never a value', async () => {
    sim.listShape = 'unknown-shape';
    sim.withdraw(report);
    const err = await failure(lab.listWithdrawn());
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(err.detail).toEqual({ upstream: 'lab', op: 'list', reason: 'unknown-shape', shape: { type: 'object', keys: ['items', 'count', 'pageNo'], hiddenKeys: 0 } });
    expect(sim.acknowledged.size).toBe(0);
  });

  it('refuses a detail in a shape it does not know, naming its keys and never a value', async () => {
    sim.detailShape = 'unknown-shape';
    const id = sim.withdraw(report);
    const err = await failure(lab.detail(id));
    expect(err.detail).toEqual({ upstream: 'lab', op: 'detail', reason: 'unknown-shape', shape: { type: 'object', keys: ['report'], hiddenKeys: 0 } });
    expect(JSON.stringify(err.detail)).not.toMatch(/张三|110101199003070011|C001|R2024001/);
  });

  it('a wrong token, appId or orgId is UPSTREAM_UNAVAILABLE with the lab errorCode and never the token', async () => {
    for (const bad of [{ token: 'wrong' }, { appId: '1' }, { orgId: '43' }]) {
      const other = new LabAdapter({ baseUrl: server.baseUrl, token: TOKEN, appId: APP_ID, orgId: ORG_ID, timeoutMs: 200, ...bad });
      const err = await failure(other.listWithdrawn());
      expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(err.detail).toEqual({ upstream: 'lab', op: 'list', reason: 'lab-error', errorCode: '401' });
      expect(JSON.stringify(err.detail) + err.message).not.toContain(TOKEN);
    }
    expect(sim.calls.every((c) => !c.authorised)).toBe(true);
  });

  it.each([
    ['error', { reason: 'lab-error', errorCode: '500' }],
    ['token', { reason: 'lab-error', errorCode: '401' }],
    ['malformed', { reason: 'malformed-json' }],
    ['http500', { reason: 'http-status', status: 500 }],
    // upstream-http names a timeout by `instanceof Error`, which fetch's DOMException fails inside
    // jest's vm realm, so under jest it reports 'network'; in production it says 'timeout'.
    ['hang', {}],
  ] as const)('fault %s → UPSTREAM_UNAVAILABLE', async (fault, detail) => {
    const id = sim.withdraw(report);
    for (const call of [() => lab.listWithdrawn(), () => lab.detail(id), () => lab.acknowledge(id)]) {
      sim.faults.next(fault);
      const started = Date.now();
      const err = await failure(call());
      expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(err.detail).toMatchObject({ upstream: 'lab', ...detail });
      expect(JSON.stringify(err.detail)).not.toContain(TOKEN);
      if (fault === 'hang') {
        expect(['timeout', 'network']).toContain(err.detail?.reason);
        expect(Date.now() - started).toBeGreaterThanOrEqual(190);
        expect(Date.now() - started).toBeLessThan(2_000);
      }
    }
    // A fault on acknowledge means nothing was acknowledged.
    expect(sim.acknowledged.has(id)).toBe(false);
    // The next call works again.
    expect(await lab.listWithdrawn()).toEqual([{ id, reportId: 'R2024001' }]);
  });

  it('an unknown id is UPSTREAM_UNAVAILABLE (errorCode 404); an empty id is refused before any call', async () => {
    expect((await failure(lab.detail('RB999999'))).detail).toMatchObject({ op: 'detail', errorCode: '404' });
    expect((await failure(lab.acknowledge('RB999999'))).detail).toMatchObject({ op: 'success', errorCode: '404' });
    const calls = sim.calls.length;
    expect((await failure(lab.detail('  '))).code).toBe('VALIDATION_FAILED');
    expect(sim.calls.length).toBe(calls);
  });

  it('the simulator takes data as a JSON string and acknowledges {ids: [...]}', async () => {
    const a = sim.withdraw(report);
    const b = sim.withdraw(report);
    const post = async (path: string, data: unknown) => {
      const res = await fetch(`${server.baseUrl}/v3/api/his/report/reback/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', daan_api_token: TOKEN },
        body: JSON.stringify({ appId: APP_ID, orgId: Number(ORG_ID), data }),
      });
      return (await res.json()) as { success: boolean; errorCode: string; data: unknown };
    };
    expect(await post('detail', JSON.stringify({ id: a }))).toMatchObject({ success: true, data: { id: a, patientName: '张三' } });
    expect(await post('success', JSON.stringify({ ids: [a, b] }))).toMatchObject({ success: true });
    expect([...sim.acknowledged]).toEqual([a, b]);
    expect(await post('list', '')).toMatchObject({ success: true, data: [] });
    expect(await post('success', {})).toMatchObject({ success: false, errorCode: '400' });
  });

  it('a missing server is UPSTREAM_UNAVAILABLE', async () => {
    await server.close();
    const err = await failure(lab.listWithdrawn());
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(err.detail).toMatchObject({ reason: 'network' });
  });
});

describe('LabAdapter reply validation (stubbed fetch)', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });
  const reply = (body: unknown) => {
    global.fetch = jest.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200 }));
  };
  const lab = new LabAdapter({ baseUrl: 'http://lab.invalid', token: TOKEN, appId: APP_ID, orgId: ORG_ID });

  it('tolerates string booleans, numeric ids, null data and duplicate rows', async () => {
    reply({ success: 'true', data: JSON.stringify([{ id: 7, reportId: 11 }, { id: '7' }]) });
    expect(await lab.listWithdrawn()).toEqual([{ id: '7', reportId: '11' }]);
    reply({ success: true, data: null });
    expect(await lab.listWithdrawn()).toEqual([]);
    reply({ success: true, data: '' });
    expect(await lab.listWithdrawn()).toEqual([]);
    reply({ success: true, data: { list: '[{"id":"a"}]' } });
    expect(await lab.listWithdrawn()).toEqual([{ id: 'a', reportId: null }]);
    reply({ success: true, data: JSON.stringify({ patientName: '王五', rebackTime: '20240301100304', extra: 1 }) });
    expect(await lab.detail('x')).toMatchObject({ id: 'x', patientName: '王五', withdrawnAt: '2024-03-01T10:03:04+08:00' });
  });

  it('reads the common list shapes: {list|records|rows, total}, ids under id, reportId or hisReportId', async () => {
    for (const field of ['list', 'records', 'rows']) {
      reply({ success: true, data: { [field]: [{ id: 1, reportId: 'R1' }, { id: 2, hisReportId: 'R2' }, { reportId: 'R3' }, { hisReportId: 4 }], total: 4 } });
      expect(await lab.listWithdrawn()).toEqual([
        { id: '1', reportId: 'R1' }, { id: '2', reportId: 'R2' }, { id: 'R3', reportId: 'R3' }, { id: '4', reportId: '4' },
      ]);
    }
    for (const empty of [{}, { total: 0 }, { records: null, total: 0 }, { rows: '' }, { list: '[]', total: '0' }]) {
      reply({ success: true, data: empty });
      expect(await lab.listWithdrawn()).toEqual([]);
    }
  });

  it.each([
    ['not an envelope', { ok: 1 }, 'bad-envelope', undefined],
    ['data that is a broken JSON string', { success: true, data: '[{"id":' }, 'bad-data', undefined],
    ['an array', '[]', 'bad-envelope', undefined],
    ['an object without a known list', { success: true, data: { items: [], count: 0 } }, 'unknown-shape', { type: 'object', keys: ['items', 'count'], hiddenKeys: 0 }],
    ['a list field that is not a list', { success: true, data: { list: { a: 1 } } }, 'unknown-shape', { type: 'object', keys: ['list'], hiddenKeys: 0 }],
    ['a total without rows', { success: true, data: { total: 3 } }, 'unknown-shape', { type: 'object', keys: ['total'], hiddenKeys: 0 }],
    ['a number', { success: true, data: 7 }, 'unknown-shape', { type: 'number', keys: [], hiddenKeys: 0 }],
    ['rows without any id', { success: true, data: [{ recordNo: 'R1', name: '张三' }] }, 'unknown-shape', { type: 'array', keys: ['recordNo', 'name'], hiddenKeys: 0 }],
    ['rows whose id is too long', { success: true, data: [{ id: 'x'.repeat(65) }] }, 'bad-data', { type: 'array', keys: ['id'], hiddenKeys: 0 }],
  ])('rejects %s', async (_label, body, reason, shape) => {
    reply(body);
    const err = await failure(lab.listWithdrawn());
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(err.detail).toEqual({ upstream: 'lab', op: 'list', reason, ...(shape ? { shape } : {}) });
  });

  it('never names a key that could be personal data (ID numbers, phones, names used as keys)', async () => {
    reply({ success: true, data: { '110101199003070011': [{ id: 1 }], 13800138000: 1, 张三: 'x', pageInfo: {} } });
    const err = await failure(lab.listWithdrawn());
    expect(err.detail?.shape).toEqual({ type: 'object', keys: ['pageInfo'], hiddenKeys: 3 });
    expect(JSON.stringify(err.detail)).not.toMatch(/110101|13800138000|张三/);
  });

  it('rejects a detail without a patient name, for another id, or absent', async () => {
    reply({ success: true, data: { id: 'x', reportId: 'R1' } });
    expect((await failure(lab.detail('x'))).detail).toMatchObject({ reason: 'unknown-shape', shape: { keys: ['id', 'reportId'] } });
    reply({ success: true, data: { id: 'x', patientName: 'n'.repeat(65) } });
    expect((await failure(lab.detail('x'))).detail).toMatchObject({ reason: 'bad-data', shape: { keys: ['id', 'patientName'] } });
    reply({ success: true, data: { id: 'y', patientName: '张三' } });
    expect((await failure(lab.detail('x'))).detail).toMatchObject({ reason: 'id-mismatch' });
    reply({ success: true, data: null });
    expect((await failure(lab.detail('x'))).detail).toMatchObject({ reason: 'empty-data' });
  });

  it('sends the token header and the agreed body', async () => {
    reply({ success: true, data: null });
    await lab.acknowledge('RB1');
    const [url, init] = (global.fetch as jest.Mock).mock.calls[0] as [string, RequestInit];
    expect(url).toBe('http://lab.invalid/v3/api/his/report/reback/success');
    expect((init.headers as Record<string, string>).daan_api_token).toBe(TOKEN);
    expect(JSON.parse(init.body as string)).toEqual({ appId: APP_ID, orgId: ORG_ID, data: { id: 'RB1' } });
  });

  it('normalises the lab withdrawal time', () => {
    expect(normaliseLabTime('2024-03-01 10:03:04')).toBe('2024-03-01T10:03:04+08:00');
    expect(normaliseLabTime(Date.UTC(2024, 2, 1, 2, 3, 4))).toBe('2024-03-01T10:03:04+08:00');
    expect(normaliseLabTime('2024-02-30 10:03:04')).toBe('2024-02-30 10:03:04');
    expect(normaliseLabTime('昨天')).toBe('昨天');
    expect(normaliseLabTime('')).toBeNull();
    expect(normaliseLabTime(null)).toBeNull();
  });
});
