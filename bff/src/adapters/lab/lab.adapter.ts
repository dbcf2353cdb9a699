/**
 * LabPort over the lab's withdrawn-report API. The agreed shape of `data` is documented at the top
 * of `lab-protocol.ts`.
 *
 * Every failure — transport, timeout, non-2xx, oversize, non-JSON, an envelope or `data` that does
 * not validate, `success: false` — is AppError('UPSTREAM_UNAVAILABLE') whose `detail` holds
 * `{upstream: 'lab', op, reason}` plus the lab's `errorCode` / the HTTP `status` when there is one,
 * and for a `data` we cannot read (`unknown-shape`, `bad-data`) its `shape`: type and key names.
 * The token, appId/orgId and patient data never go into errors or logs.
 */
import { AppError } from '@hosp/shared';
import type { LoginPlatform } from '../../domain/auth/ports';
import type { LabPort, WithdrawnReport, WithdrawnSummary } from '../../domain/lab/ports';
import { fetchUpstreamText, requestLimits, type LoggerLike, type RequestLimits } from '../shared/upstream-http';
import {
  describeShape,
  LAB_LIST_FIELDS,
  LAB_PATHS,
  LAB_TOKEN_HEADER,
  labDetailSchema,
  labEnvelopeSchema,
  labSummaryListSchema,
  normaliseLabTime,
  unwrapData,
  type LabOp,
} from './lab-protocol';

export interface LabAdapterOptions {
  /** e.g. `https://lab.example.com` (no trailing path; the API paths are appended). */
  baseUrl: string;
  token: string;
  appId: string | number;
  orgId: string | number;
  /** Whole-call deadline. Default 5000 ms. */
  timeoutMs?: number;
  /** Default 64 KiB; a long list of withdrawals is still far below it. */
  maxReplyBytes?: number;
  logger?: LoggerLike;
}

const MESSAGE = '检验报告服务暂时不可用，请稍后再试';

export function labUnavailable(op: LabOp, reason: string, extra?: Record<string, unknown>): AppError {
  return new AppError('UPSTREAM_UNAVAILABLE', MESSAGE, { upstream: 'lab', op, reason, ...extra });
}

export class LabAdapter implements LabPort {
  private readonly baseUrl: string;
  private readonly limits: RequestLimits;

  constructor(private readonly opts: LabAdapterOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.limits = requestLimits(opts);
  }

  async listWithdrawn(): Promise<WithdrawnSummary[]> {
    const data = await this.call('list', {}, listRows);
    // The same record twice in one answer is shown once.
    const seen = new Set<string>();
    return data.filter((r) => !seen.has(r.id) && seen.add(r.id));
  }

  async detail(id: string): Promise<WithdrawnReport> {
    const key = checkId(id);
    const d = await this.call('detail', { id: key }, (data) => {
      if (data === null) throw labUnavailable('detail', 'empty-data');
      const parsed = labDetailSchema.safeParse(data);
      if (parsed.success) return parsed.data;
      // Without the one field every agreed shape has, it is another shape, not a bad value.
      const known = typeof data === 'object' && !Array.isArray(data) && 'patientName' in data;
      throw labUnavailable('detail', known ? 'bad-data' : 'unknown-shape', { shape: describeShape(data) });
    });
    const reportId = d.reportId ?? d.hisReportId ?? null;
    if (d.id !== undefined && d.id !== key && reportId !== key) throw labUnavailable('detail', 'id-mismatch');
    return {
      id: key,
      reportId,
      reportName: d.reportName ?? null,
      patientName: d.patientName,
      idNumber: d.idCard ?? null,
      patientCard: d.patientCard ?? null,
      reason: d.reason ?? null,
      withdrawnAt: normaliseLabTime(d.rebackTime),
    };
  }

  async acknowledge(id: string): Promise<void> {
    await this.call('success', { id: checkId(id) }, () => undefined);
  }

  /**
   * One exchange; `read` turns the reply's `data` (JSON string unwrapped; null when absent/empty)
   * into the answer, so a refused shape is logged like any other failure.
   */
  private async call<T>(op: LabOp, data: Record<string, unknown>, read: (data: unknown) => T): Promise<T> {
    const started = performance.now();
    try {
      const result = read(await this.exchange(op, data));
      this.opts.logger?.info({ upstream: 'lab', op, outcome: 'ok', durationMs: Math.round(performance.now() - started) }, 'lab call');
      return result;
    } catch (err) {
      const e = err instanceof AppError ? err : labUnavailable(op, 'unexpected');
      const d = e.detail ?? {};
      this.opts.logger?.warn(
        { upstream: 'lab', op, outcome: e.code, reason: d.reason, errorCode: d.errorCode, status: d.status, shape: d.shape, durationMs: Math.round(performance.now() - started) },
        'lab call',
      );
      throw e;
    }
  }

  private async exchange(op: LabOp, data: Record<string, unknown>): Promise<unknown> {
    let text: string;
    try {
      text = await fetchUpstreamText({
        // upstream-http is typed for the login platforms; the label never leaves this method
        // because every error it throws is re-issued below in the lab's own words.
        platform: 'lab' as unknown as LoginPlatform,
        url: `${this.baseUrl}${LAB_PATHS[op]}`,
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          accept: 'application/json',
          [LAB_TOKEN_HEADER]: this.opts.token,
        },
        body: JSON.stringify({ appId: String(this.opts.appId), orgId: String(this.opts.orgId), data }),
        ...this.limits,
      });
    } catch (err) {
      const d = err instanceof AppError ? (err.detail ?? {}) : {};
      throw labUnavailable(op, typeof d.reason === 'string' ? d.reason : 'network', typeof d.status === 'number' ? { status: d.status } : undefined);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw labUnavailable(op, 'malformed-json');
    }
    const env = labEnvelopeSchema.safeParse(json);
    if (!env.success) throw labUnavailable(op, 'bad-envelope');
    if (!env.data.success) {
      throw labUnavailable(op, 'lab-error', env.data.errorCode ? { errorCode: env.data.errorCode } : undefined);
    }
    const unwrapped = unwrapData(env.data.data);
    if (!unwrapped.ok) throw labUnavailable(op, 'bad-data');
    return unwrapped.value;
  }
}

/**
 * The rows of a list reply in any shape `lab-protocol.ts` accepts; `unknown-shape` (with the keys
 * it had) for any other, `bad-data` for rows that are there but unusable.
 */
function listRows(data: unknown): WithdrawnSummary[] {
  if (data === null) return [];
  const rows = Array.isArray(data) ? data : rowsInside(data);
  if (rows === undefined) throw labUnavailable('list', 'unknown-shape', { shape: describeShape(data) });
  const parsed = labSummaryListSchema.safeParse(rows);
  if (parsed.success) return parsed.data;
  const named = rows.every((r) => typeof r === 'object' && r !== null && ['id', 'reportId', 'hisReportId'].some((k) => k in r));
  throw labUnavailable('list', named ? 'bad-data' : 'unknown-shape', { shape: describeShape(rows) });
}

/** `{list|records|rows: [...] (or its JSON string), total}`; `{}` / `{total: 0}` is empty. */
function rowsInside(data: unknown): unknown[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const obj = data as Record<string, unknown>;
  const field = LAB_LIST_FIELDS.find((f) => f in obj);
  if (field === undefined) {
    const keys = Object.keys(obj);
    const emptyTotal = keys.length === 1 && (obj.total === 0 || obj.total === '0');
    return keys.length === 0 || emptyTotal ? [] : undefined;
  }
  const inner = unwrapData(obj[field]);
  if (!inner.ok) return undefined;
  if (inner.value === null) return [];
  return Array.isArray(inner.value) ? inner.value : undefined;
}

function checkId(id: string): string {
  const v = typeof id === 'string' ? id.trim() : '';
  if (v.length < 1 || v.length > 64) throw new AppError('VALIDATION_FAILED', '退单记录编号无效', { upstream: 'lab', field: 'id' });
  return v;
}
