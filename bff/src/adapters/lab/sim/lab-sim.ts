/**
 * A stand-in for the lab's withdrawn-report API for development, the demo and tests. By default it
 * speaks the `data` shapes agreed in `../lab-protocol.ts`:
 *
 *   POST /v3/api/his/report/reback/list     data {}        → [{id, reportId}] (unacknowledged only)
 *   POST /v3/api/his/report/reback/detail   data {id}      → {id, reportId, reportName, …, rebackTime}
 *   POST /v3/api/his/report/reback/success  data {id} | {ids: [...]} → success (idempotent)
 *
 * Other labs' shapes are explicit switches: `listShape` ('json-string', '{list|records|rows,
 * total}', or 'unknown-shape' — `{items, count, pageNo}`, which no adapter reads), `rowIds`
 * ('id+hisReportId', or 'reportId-only': rows and detail without `id`, detail and success then
 * take the report id) and `detailShape` ('json-string', 'unknown-shape' — `{report: {...}}`).
 *
 * A wrong `daan_api_token`, appId or orgId answers `{success: false, errorCode: '401'}`; an unknown
 * id `errorCode: '404'`; a body that is not the envelope `errorCode: '400'`.
 * Faults (`faults.next(kind)`, one request each): 'error' (success false, errorCode '500'),
 * 'malformed' (not JSON), 'hang' (never answers), 'http500', 'token' (token rejected as expired).
 */
import Koa from 'koa';
import { FaultSwitch, applyTransportFault, listenLocal, readRawBody, type RunningSimulator } from '../../shared/sim-kit';
import { LAB_PATHS, LAB_TOKEN_HEADER, type LabOp } from '../lab-protocol';

export type LabSimFault = 'error' | 'malformed' | 'hang' | 'http500' | 'token';

/** How list replies carry `data`: the agreed array (default), the other shapes the adapter accepts, and one it does not. */
export type LabListShape = 'array' | 'json-string' | 'list' | 'records' | 'rows' | 'unknown-shape';

/** What ids list rows and detail carry: the agreed `id` + `reportId` (default), `hisReportId` for `reportId`, or the report id alone. */
export type LabRowIds = 'id+reportId' | 'id+hisReportId' | 'reportId-only';

/** How detail replies carry `data`: the agreed object (default), its JSON string, or a shape the adapter does not read. */
export type LabDetailShape = 'object' | 'json-string' | 'unknown-shape';

export interface LabSimulatorOptions {
  token: string;
  appId: string | number;
  orgId: string | number;
  now?: () => Date;
}

export interface WithdrawInput {
  reportId?: string | null;
  reportName?: string | null;
  patientName: string;
  idCard?: string | null;
  patientCard?: string | null;
  reason?: string | null;
}

export interface LabSimRecord extends Required<WithdrawInput> {
  id: string;
  rebackTime: string;
}

export interface LabSimCall {
  op: LabOp | 'unknown';
  /** Whether the token, appId and orgId matched (the values themselves are not kept). */
  authorised: boolean;
  data: unknown;
}

export interface LabSimulator {
  app: Koa;
  listen(): Promise<RunningSimulator>;
  /** Adds a withdrawn record and returns its id. */
  withdraw(report: WithdrawInput): string;
  readonly records: ReadonlyMap<string, LabSimRecord>;
  readonly acknowledged: Set<string>;
  readonly calls: LabSimCall[];
  readonly faults: FaultSwitch<LabSimFault>;
  listShape: LabListShape;
  rowIds: LabRowIds;
  detailShape: LabDetailShape;
}

const OPS = new Map<string, LabOp>(Object.entries(LAB_PATHS).map(([op, path]) => [path, op as LabOp]));

export function createLabSimulator(opts: LabSimulatorOptions): LabSimulator {
  const now = opts.now ?? (() => new Date());
  const records = new Map<string, LabSimRecord>();
  const acknowledged = new Set<string>();
  const calls: LabSimCall[] = [];
  const faults = new FaultSwitch<LabSimFault>();
  let seq = 0;
  const app = new Koa();

  const sim: LabSimulator = {
    app,
    records,
    acknowledged,
    calls,
    faults,
    listShape: 'array',
    rowIds: 'id+reportId',
    detailShape: 'object',
    listen: () => listenLocal(app),
    withdraw(report) {
      seq += 1;
      const id = `RB${String(seq).padStart(6, '0')}`;
      records.set(id, {
        reportId: report.reportId ?? null, reportName: report.reportName ?? null, patientName: report.patientName,
        idCard: report.idCard ?? null, patientCard: report.patientCard ?? null, reason: report.reason ?? null,
        id, rebackTime: beijingText(now()),
      });
      return id;
    },
  };

  const ok = (data: unknown) => ({ success: true, errorCode: '', errorMsg: '', data });
  const fail = (errorCode: string, errorMsg: string) => ({ success: false, errorCode, errorMsg, data: null });

  app.use(async (ctx) => {
    const op = ctx.method === 'POST' ? OPS.get(ctx.path) : undefined;
    if (!op) {
      ctx.status = 404;
      ctx.body = { success: false, errorCode: '404', errorMsg: 'Not Found', data: null };
      return;
    }
    const raw = await readRawBody(ctx, 64 * 1024);
    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = raw === null ? null : JSON.parse(raw);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
    const data = body ? parseData(body.data) : undefined;
    const authorised =
      ctx.get(LAB_TOKEN_HEADER) === opts.token &&
      body !== null &&
      String(body.appId ?? '') === String(opts.appId) &&
      String(body.orgId ?? '') === String(opts.orgId);
    calls.push({ op, authorised, data });

    const fault = faults.take();
    if (applyTransportFault(ctx, fault, '<html>gateway says hello</html>')) return;
    ctx.type = 'application/json';
    if (fault === 'error') return void (ctx.body = fail('500', '系统繁忙，请稍后再试'));
    if (fault === 'token') return void (ctx.body = fail('401', 'token 已失效'));
    if (!body || data === undefined) return void (ctx.body = fail('400', '请求格式错误'));
    if (!authorised) return void (ctx.body = fail('401', '认证失败'));

    const d = (data ?? {}) as Record<string, unknown>;
    // A lab that keys its records by report id is asked by report id.
    const lookup = (key: string) =>
      records.get(key) ?? (sim.rowIds === 'reportId-only' ? [...records.values()].find((r) => (r.reportId ?? r.id) === key) : undefined);
    const ids = (r: LabSimRecord): Record<string, string | null> =>
      sim.rowIds === 'id+hisReportId' ? { id: r.id, hisReportId: r.reportId } : sim.rowIds === 'reportId-only' ? { reportId: r.reportId ?? r.id } : { id: r.id, reportId: r.reportId };
    switch (op) {
      case 'list': {
        const rows = [...records.values()].filter((r) => !acknowledged.has(r.id)).map(ids);
        ctx.body = ok(listData(sim.listShape, rows));
        return;
      }
      case 'detail': {
        const rec = lookup(String(d.id ?? ''));
        if (!rec) return void (ctx.body = fail('404', '退单记录不存在'));
        const detail = {
          ...ids(rec), reportName: rec.reportName, patientName: rec.patientName,
          idCard: rec.idCard, patientCard: rec.patientCard, reason: rec.reason, rebackTime: rec.rebackTime,
        };
        ctx.body = ok(sim.detailShape === 'json-string' ? JSON.stringify(detail) : sim.detailShape === 'unknown-shape' ? { report: detail } : detail);
        return;
      }
      case 'success': {
        const asked = Array.isArray(d.ids) ? d.ids.map(String) : d.id !== undefined && d.id !== null ? [String(d.id)] : [];
        if (asked.length === 0) return void (ctx.body = fail('400', '缺少退单记录编号'));
        const found = asked.map(lookup);
        if (found.some((r) => r === undefined)) return void (ctx.body = fail('404', '退单记录不存在'));
        for (const r of found) acknowledged.add(r!.id);
        ctx.body = ok(null);
        return;
      }
    }
  });

  return sim;
}

function listData(shape: LabListShape, rows: Record<string, string | null>[]): unknown {
  switch (shape) {
    case 'array':
      return rows;
    case 'json-string':
      return JSON.stringify(rows);
    case 'list':
    case 'records':
    case 'rows':
      return { [shape]: rows, total: rows.length };
    case 'unknown-shape':
      return { items: rows, count: rows.length, pageNo: 1 };
  }
}

/** `data` as an object or as a JSON string (the table types it string); undefined when unreadable. */
function parseData(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

function beijingText(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
