import { AppError, type ReportDetailView, type ReportList } from '@hosp/shared';
import type { Deps } from '../../deps';
import { addDays, beijingDate } from '../../domain/time';
import { flagValue } from '../../domain/reports/reference-range';
import type { LabReport, ReportKind, ReportScope, ReportSummary } from '../../domain/reports/ports';
import { ownedPatient } from '../patients/patient-detail.workflow';
import { abnormalFlags } from './abnormal-flags';

// Words only: the client draws the arrows beside the value.
const FLAG_TEXT = { high: '偏高', low: '偏低', normal: '正常', abnormal: '异常', not_comparable: '—' } as const;

async function withdrawnIds(deps: Deps, reportIds: string[]): Promise<Set<string>> {
  if (reportIds.length === 0) return new Set();
  const rows = await deps.store.db.selectFrom('withdrawn_reports').select('report_id').where('report_id', 'in', reportIds).execute();
  return new Set(rows.map((r) => r.report_id!));
}

/** Reports of one of the account's patients, by kind and scope, over a date range (default a month). */
export async function listReports(deps: Deps, accountId: string, patientId: string, q: { kind?: ReportKind; scope?: ReportScope; from?: string; to?: string }): Promise<ReportList> {
  const p = await ownedPatient(deps, accountId, patientId);
  const today = beijingDate(deps.now());
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -30);
  if (from > to) throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期');
  // Inpatient reports are asked for by serial number where the patient has one, else by card.
  const queryId = q.scope === 'inpatient' && p.inpatientNo ? p.inpatientNo : p.patientCard;
  const all = await deps.hisReports.list({ realName: p.realName, queryId, scope: q.scope ?? null, from, to });
  const list = all.filter((r) => !q.kind || r.kind === q.kind).sort((a, b) => b.checkDate.localeCompare(a.checkDate));
  const [withdrawn, abnormal] = await Promise.all([withdrawnIds(deps, list.map((r) => r.reportId)), abnormalFlags(deps, list, labAbnormalCount)]);
  return {
    reports: list.map((r) => ({ reportId: r.reportId, name: r.name, kind: r.kind, checkDate: r.checkDate, status: r.status, withdrawn: withdrawn.has(r.reportId), abnormal: abnormal.get(r.reportId) ?? null })),
    from,
    to,
  };
}

/** The summary of one report: its kind decides which detail method HIS is asked. */
async function findSummary(deps: Deps, p: Awaited<ReturnType<typeof ownedPatient>>, reportId: string): Promise<ReportSummary> {
  const to = beijingDate(deps.now());
  const from = addDays(to, -365);
  for (const scope of [null, 'inpatient'] as const) {
    const queryId = scope === 'inpatient' && p.inpatientNo ? p.inpatientNo : p.patientCard;
    const hit = (await deps.hisReports.list({ realName: p.realName, queryId, scope, from, to })).find((r) => r.reportId === reportId);
    if (hit) return hit;
  }
  throw new AppError('NOT_FOUND', '报告不存在');
}

const isAbnormal = (flag: string) => flag === 'high' || flag === 'low' || flag === 'abnormal';

/** How many items of a lab report lie outside their range (flagged in the domain, never trusted from HIS's words). */
function labAbnormalCount(lab: LabReport): number {
  return lab.items.filter((i) => isAbnormal(flagValue(i.value, i.range, lab.sex))).length;
}

/** A report of the account's own patient, lab items flagged in the domain from their range text. */
export async function reportDetail(deps: Deps, accountId: string, patientId: string, reportId: string): Promise<ReportDetailView> {
  const p = await ownedPatient(deps, accountId, patientId);
  const summary = await findSummary(deps, p, reportId);
  const withdrawnRow = await deps.store.db.selectFrom('withdrawn_reports').select('lab_id').where('report_id', '=', reportId).executeTakeFirst();
  const base = { reportId, name: summary.name, kind: summary.kind, checkDate: summary.checkDate, patientName: p.realName, withdrawn: withdrawnRow ? { reason: '检验科已撤回此报告，请以重新发布的报告为准' } : null };
  if (summary.kind === 'exam') {
    const e = await deps.hisReports.examDetail(reportId);
    return { ...base, lab: null, exam: { findings: e.findings, conclusion: e.conclusion, imageUrl: e.imageUrl } };
  }
  const lab = await deps.hisReports.labDetail(reportId);
  const items = lab.items.map((i) => {
    const flag = flagValue(i.value, i.range, lab.sex);
    return { name: i.name, value: i.value, unit: i.unit, range: i.range, flag, flagText: FLAG_TEXT[flag], conclusion: i.conclusion };
  });
  const abnormal = items.filter((i) => isAbnormal(i.flag)).length;
  const explanation = abnormal > 0
    ? `有 ${abnormal} 项超出参考范围（↑ 偏高，↓ 偏低），请结合医生意见解读；单项异常不一定代表疾病。`
    : '所有可比较的项目都在参考范围内。标“—”的项目参考值无法自动比较，请以报告原文为准。';
  return { ...base, lab: { items, abnormalCount: abnormal, explanation }, exam: null };
}
