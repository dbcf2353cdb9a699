import { z } from 'zod';
import type { ExamReport, HisReportsPort, LabItem, LabReport, ReportKind, ReportQuery, ReportSummary } from '../../domain/reports/ports';
import type { HisClient } from './his-client';
import { flatFields, optional, parseReply, replyFields, required } from './his-reply.map';
import { hisDate, parseRows, replyRows, type HisRowLogger } from './his-rows.map';

/**
 * Section 7: the report list (findInspectionReport), lab detail (findCompleteLISReport) and exam
 * detail (findCompletePACReport). Values the patient reads (results, reference ranges) are passed
 * through exactly as HIS wrote them; judging a value against its range is the domain's job.
 */

const trimmed = (v: string | null) => (v === null ? null : v.trim());

/** 1 检验 → lab, 2 检查 → exam. */
const checkType = z.string({ error: 'required' }).transform((v, ctx): ReportKind => {
  const s = v.trim();
  if (s === '1') return 'lab';
  if (s === '2') return 'exam';
  ctx.addIssue({ code: 'custom', message: 'expected 1 or 2' });
  return z.NEVER;
});

/** 0 检查中 → in_progress, 1 检查完成 → done. */
const reportStatus = z.string({ error: 'required' }).transform((v, ctx): ReportSummary['status'] => {
  const s = v.trim();
  if (s === '0') return 'in_progress';
  if (s === '1') return 'done';
  ctx.addIssue({ code: 'custom', message: 'expected 0 or 1' });
  return z.NEVER;
});

const ReportRow = z.object({
  reportId: required,
  reportName: required,
  hisRegisterId: optional,
  checkType,
  checkDate: hisDate,
  status: reportStatus,
  diagnosisCode: optional,
  diagnosisName: optional,
});

/** 7.2.2 / 7.3.2 header fields. */
const DetailHeader = z.object({
  realName: required,
  sex: optional,
  age: optional,
  checkDate: hisDate,
  type: optional,
});

const LabRow = z.object({
  itemName: required,
  sample: optional,
  realResult: optional,
  referprint: optional,
  conclusion: optional,
  // Not in the document; several dialects add it.
  unit: optional,
});

const ExamFields = DetailHeader.extend({
  reportMessage: optional,
  reportResult: optional,
  reportImagePath: optional,
});

/**
 * "5.6 mmol/L", "5.6mmol/L", "68.5%", "<500 IU/mL", "6.5 10^9/L" → value and unit. Only a number
 * (optionally after a comparison sign) followed by something that looks like a unit is split:
 * text results ("阳性(+)", "3+"), flags after a value ("66.6↑", "6.8 H") and anything else are left
 * whole with no unit.
 */
const VALUE_WITH_UNIT = /^((?:[<>≤≥]=?|=)?\s*[+-]?(?:\d+(?:\.\d+)?|\.\d+))(?:\s+(\S.*)|([^\d\s.,].*))$/u;
const UNIT_CHARS = /^[A-Za-zµμ%‰°×*^/.·\d()\-\u4e00-\u9fff]+$/u;
const FLAG_TOKENS = new Set(['H', 'L', 'HH', 'LL', 'N', 'P', 'A']);

export function splitValueUnit(raw: string): { value: string; unit: string | null } {
  const m = VALUE_WITH_UNIT.exec(raw);
  const unit = (m?.[2] ?? m?.[3] ?? '').trim();
  if (!m || unit === '' || !UNIT_CHARS.test(unit) || FLAG_TOKENS.has(unit.toUpperCase())) return { value: raw, unit: null };
  // A unit names a quantity: letters, %, ‰ or µ — or a Chinese count per something (个/HP).
  if (!/[A-Za-zµμ%‰]/u.test(unit) && !(/[\u4e00-\u9fff]/u.test(unit) && unit.includes('/'))) return { value: raw, unit: null };
  return { value: m[1]!.trim(), unit };
}

/** Only an absolute http(s) URL may reach the patient's screen; a file path or other scheme is dropped. */
export function httpUrlOrNull(raw: string | null): string | null {
  const s = raw?.trim();
  if (!s) return null;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  if (url.username !== '' || url.password !== '') return null;
  return s;
}

function toLabItem(r: z.output<typeof LabRow>): LabItem {
  const raw = trimmed(r.realResult) ?? '';
  const givenUnit = trimmed(r.unit);
  const { value, unit } = givenUnit ? { value: raw, unit: givenUnit } : splitValueUnit(raw);
  return {
    name: r.itemName.trim(),
    sample: trimmed(r.sample),
    value,
    unit,
    range: r.referprint ?? '',
    conclusion: trimmed(r.conclusion),
  };
}

const SCOPE = { outpatient: '1', inpatient: '2' } as const;

export class HisReportsAdapter implements HisReportsPort {
  constructor(
    private readonly his: Pick<HisClient, 'call'>,
    private readonly logger?: HisRowLogger,
  ) {}

  async list(q: ReportQuery): Promise<ReportSummary[]> {
    const method = 'findInspectionReport';
    // 7.1.1, in the table's order; reportType left out when the scope is not chosen.
    const reply = await this.his.call(method, {
      realName: q.realName,
      queryId: q.queryId,
      startDate: q.from,
      endDate: q.to,
      reportType: q.scope === null ? undefined : SCOPE[q.scope],
    });
    const rows = parseRows(method, ReportRow, replyRows(method, reply.body), this.logger);
    return rows.map((r) => ({
      reportId: r.reportId.trim(),
      name: r.reportName,
      kind: r.checkType,
      checkDate: r.checkDate,
      status: r.status,
      hisRegisterId: trimmed(r.hisRegisterId),
      diagnosis: r.diagnosisName,
    }));
  }

  async labDetail(reportId: string): Promise<LabReport> {
    const method = 'findCompleteLISReport';
    const reply = await this.his.call(method, { reportId, checkType: '1' });
    // The header sits directly in <response>; <content><data> holds the items.
    const h = parseReply(method, DetailHeader, flatFields(reply.body));
    const items = parseRows(method, LabRow, replyRows(method, reply.body), this.logger);
    return { reportId, realName: h.realName, sex: h.sex, age: h.age, checkDate: h.checkDate, type: h.type, items: items.map(toLabItem) };
  }

  async examDetail(reportId: string): Promise<ExamReport> {
    const method = 'findCompletePACReport';
    const reply = await this.his.call(method, { reportId, checkType: '2' });
    const f = parseReply(method, ExamFields, replyFields(reply.body));
    return {
      reportId,
      realName: f.realName,
      sex: f.sex,
      age: f.age,
      checkDate: f.checkDate,
      type: f.type,
      findings: f.reportMessage ?? '',
      conclusion: f.reportResult ?? '',
      imageUrl: httpUrlOrNull(f.reportImagePath),
    };
  }
}
