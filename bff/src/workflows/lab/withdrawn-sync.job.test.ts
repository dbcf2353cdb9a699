import { hisSeed as seed } from '../../adapters/his';
import { labUnavailable } from '../../adapters/lab/lab.adapter';
import type { LabListShape, LabRowIds, LabSimulator } from '../../adapters/lab';
import type { LabPort } from '../../domain/lab/ports';
import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { LAB_SYNC_JOB, withdrawnSyncJob } from './withdrawn-sync.job';

const TOKEN = 'operator-token-0123456789abcdef';
const SYNC_SECONDS = 60;
const z = seed.outpatient;

describe('withdrawn lab report sync', () => {
  let bff: TestBff;
  let lab: LabSimulator;
  let patientToken: string;
  beforeAll(async () => {
    // The runner is driven by hand (tick) so every run is one the test chose.
    bff = await startTestBff({
      name: 'lab-sync',
      config: { jobs: { enabled: false, pollMs: 10, leaseMs: 5_000, batch: 50 }, lab: { mode: 'sim', syncSeconds: SYNC_SECONDS }, admin: { token: TOKEN } } as never,
    });
    lab = bff.sims.lab!;
    patientToken = await bff.login('lab-sync-patient');
    const bound = await bff.bind(patientToken, z);
    expect(bound.status).toBe(200);
  });
  afterAll(async () => {
    await bff.close();
  });
  beforeEach(() => {
    lab.listShape = 'array';
    lab.rowIds = 'id+reportId';
    lab.detailShape = 'object';
  });

  const jobRow = async () => {
    const r = await bff.deps.store.db.selectFrom('jobs').selectAll().where('job_key', '=', LAB_SYNC_JOB).executeTakeFirstOrThrow();
    return { runAt: Date.parse(r.run_at), lastError: r.last_error, payload: JSON.parse(r.payload) as { syncError?: Record<string, unknown> } };
  };
  /** Makes the recurring job due and lets the real runner run it once; returns when it is due next. */
  const runSync = async () => {
    await bff.deps.store.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1).toISOString() }).where('job_key', '=', LAB_SYNC_JOB).execute();
    const before = Date.now();
    expect(await bff.runner.tick()).toBeGreaterThanOrEqual(1);
    const row = await jobRow();
    return { ...row, waitSeconds: (row.runAt - before) / 1000 };
  };
  const withdraw = (reportId: string) => lab.withdraw({ reportId, reportName: '血常规', patientName: z.realName, idCard: z.idCard, patientCard: z.patientCard, reason: '标本溶血' });
  const withdrawnRow = (labId: string) => bff.deps.store.db.selectFrom('withdrawn_reports').selectAll().where('lab_id', '=', labId).executeTakeFirst();
  const admin = async () => (await bff.request('GET', '/admin/sync-errors', { headers: { authorization: `Bearer ${TOKEN}` } })).body as { errors: Record<string, unknown>[] };
  const noticesFor = async (reportId: string) =>
    ((await bff.request('GET', '/api/notices', { token: patientToken })).body.notices as { kind: string; link: string }[]).filter((n) => n.kind === 'report_withdrawn' && n.link.endsWith(encodeURIComponent(reportId)));

  const SHAPES: [LabListShape, LabRowIds][] = [
    ['array', 'id+reportId'],
    ['json-string', 'id+hisReportId'],
    ['list', 'id+reportId'],
    ['records', 'id+hisReportId'],
    ['rows', 'reportId-only'],
  ];
  it.each(SHAPES)('reads list data as %s with %s rows: marked, notified once, acknowledged', async (listShape, rowIds) => {
    lab.listShape = listShape;
    lab.rowIds = rowIds;
    const reportId = `LIS-${listShape}-${rowIds}`;
    const id = withdraw(reportId);
    const run = await runSync();
    expect(lab.acknowledged.has(id)).toBe(true);
    expect(await withdrawnRow(rowIds === 'reportId-only' ? reportId : id)).toMatchObject({ report_id: reportId, acknowledged_at: expect.any(String) });
    expect(await noticesFor(reportId)).toHaveLength(1);
    expect(run.payload.syncError).toBeUndefined();
    expect(run.waitSeconds).toBeGreaterThan(SYNC_SECONDS - 1);
    expect(run.waitSeconds).toBeLessThan(SYNC_SECONDS + 1);
  });

  it('an unknown list shape: shown to operators with its keys, nothing acknowledged, runs further and further apart, cleared once readable', async () => {
    lab.listShape = 'unknown-shape';
    const id = withdraw('LIS-UNKNOWN');
    const first = await runSync();
    expect(first.payload.syncError).toMatchObject({ op: 'list', reason: 'unknown-shape', shape: { type: 'object', keys: ['items', 'count', 'pageNo'], hiddenKeys: 0 }, recordId: null, failures: 1 });
    expect(first.lastError).toBe('lab list: unknown-shape');
    expect(first.waitSeconds).toBeGreaterThan(SYNC_SECONDS - 1);
    // Not a tight loop: nothing is due until then.
    expect(await bff.runner.tick()).toBe(0);
    expect(lab.acknowledged.has(id)).toBe(false);
    expect(await withdrawnRow(id)).toBeUndefined();

    const shown = await admin();
    expect(shown.errors).toEqual([
      expect.objectContaining({ source: 'lab', job: LAB_SYNC_JOB, op: 'list', reason: 'unknown-shape', shape: { type: 'object', keys: ['items', 'count', 'pageNo'], hiddenKeys: 0 }, failures: 1, nextRunAt: new Date(first.runAt).toISOString() }),
    ]);
    expect(JSON.stringify(shown)).not.toMatch(new RegExp(`${z.realName}|${z.idCard}|${z.patientCard}|LIS-UNKNOWN`));

    const second = await runSync();
    const third = await runSync();
    expect(second.payload.syncError).toMatchObject({ failures: 2, since: first.payload.syncError!.since });
    expect(third.payload.syncError).toMatchObject({ failures: 3, since: first.payload.syncError!.since });
    expect(second.waitSeconds).toBeGreaterThan(2 * SYNC_SECONDS - 1);
    expect(third.waitSeconds).toBeGreaterThan(4 * SYNC_SECONDS - 1);
    expect(lab.acknowledged.has(id)).toBe(false);

    lab.listShape = 'records';
    const fixed = await runSync();
    expect(fixed.payload).toEqual({});
    expect(fixed.lastError).toBeNull();
    expect(fixed.waitSeconds).toBeLessThan(SYNC_SECONDS + 1);
    expect(lab.acknowledged.has(id)).toBe(true);
    expect((await admin()).errors).toEqual([]);
  });

  it('an unknown detail shape: that record waits unacknowledged and is shown with its keys', async () => {
    lab.detailShape = 'unknown-shape';
    const id = withdraw('LIS-DETAIL');
    const run = await runSync();
    expect(run.payload.syncError).toMatchObject({ op: 'detail', reason: 'unknown-shape', recordId: id, shape: { type: 'object', keys: ['report'] }, failures: 1 });
    expect(lab.acknowledged.has(id)).toBe(false);
    expect(await withdrawnRow(id)).toBeUndefined();
    expect((await admin()).errors).toEqual([expect.objectContaining({ op: 'detail', recordId: id })]);
    lab.detailShape = 'object';
    expect((await runSync()).payload).toEqual({});
    expect(lab.acknowledged.has(id)).toBe(true);
  });

  it('one unreadable record does not hold up the others', async () => {
    const bad = withdraw('LIS-BAD');
    const good = withdraw('LIS-GOOD');
    const real = bff.deps.lab!;
    const oneBad: LabPort = {
      listWithdrawn: () => real.listWithdrawn(),
      detail: (x) => (x === bad ? Promise.reject(labUnavailable('detail', 'unknown-shape', { shape: { type: 'array', keys: [], hiddenKeys: 0 } })) : real.detail(x)),
      acknowledge: (x) => real.acknowledge(x),
    };
    const job = { id: 'x', kind: LAB_SYNC_JOB, key: LAB_SYNC_JOB, payload: {}, attempts: 1, runAt: '' };
    const outcome = await withdrawnSyncJob({ ...bff.deps, lab: oneBad }, job);
    expect(outcome).toMatchObject({ payload: { syncError: { op: 'detail', recordId: bad, shape: { type: 'array' } } } });
    expect(lab.acknowledged.has(good)).toBe(true);
    expect(lab.acknowledged.has(bad)).toBe(false);
    expect(await noticesFor('LIS-GOOD')).toHaveLength(1);
    expect(await noticesFor('LIS-BAD')).toHaveLength(0);
    await runSync();
    expect(lab.acknowledged.has(bad)).toBe(true);
  });

  it('a lab outage is shown too and retried later, nothing acknowledged', async () => {
    const id = withdraw('LIS-OUTAGE');
    lab.faults.next('http500');
    const run = await runSync();
    expect(run.payload.syncError).toMatchObject({ op: 'list', reason: 'http-status', status: 500, shape: null });
    expect(lab.acknowledged.has(id)).toBe(false);
    expect((await runSync()).payload).toEqual({});
    expect(lab.acknowledged.has(id)).toBe(true);
  });
});
