import { beijingDate } from '../../../domain/time';
import type { XmlFields } from '../xml-codec';
import type { SimPatient, SimState } from './seed';
import { addDays, type SimReport } from './seed-reports';

/** Section 7 over the in-memory hospital. Lists answer `<content><data>…</data>…</content>`. */
type SimMethod = (state: SimState, f: Record<string, string>) => XmlFields;

const ok = (fields: XmlFields = {}): XmlFields => ({ result: 'success', message: '成功', ...fields });
const fail = (message: string): XmlFields => ({ result: 'error', message });
const list = (rows: XmlFields[]): XmlFields => ok({ content: rows.length === 0 ? null : { data: rows } });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** queryId: the card number, HIS patient id (hisNo) or the serial number of a stay (住院号). */
function patientOf(state: SimState, queryId: string): SimPatient | undefined {
  const byCard = state.patients.get(queryId);
  if (byCard) return byCard;
  const patients = [...state.patients.values()];
  const byHisNo = patients.find((p) => p.hisNo !== '' && p.hisNo === queryId);
  if (byHisNo) return byHisNo;
  const stay = state.stays.get(queryId);
  return stay && patients.find((p) => p.idCard === stay.idCard);
}

/** Whole years on `today` (what HIS writes in `age`). */
export function ageOn(birthday: string, today: string): string {
  const [by, bm, bd] = birthday.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return Number.isFinite(age) ? String(age) : '';
}

const findInspectionReport: SimMethod = (state, f) => {
  if (!f.realName || !f.queryId) return fail('姓名和查询号不能为空');
  const p = patientOf(state, f.queryId);
  if (!p) return list([]);
  if (p.realName !== f.realName) return fail('姓名与查询号不匹配');
  const today = beijingDate(state.now());
  const from = f.startDate || addDays(today, -30);
  const to = f.endDate || today;
  if (!DATE.test(from) || !DATE.test(to)) return fail('日期格式错误，应为 yyyy-MM-dd');
  if (f.reportType && f.reportType !== '1' && f.reportType !== '2') return fail('报告类型错误');
  const rows = [...state.reports.values()]
    .filter((r) => r.patientCard === p.patientCard && r.checkDate >= from && r.checkDate <= to && (!f.reportType || r.scope === f.reportType))
    .sort((a, b) => b.checkDate.localeCompare(a.checkDate) || a.reportId.localeCompare(b.reportId));
  return list(
    rows.map((r) => ({
      reportId: r.reportId,
      reportName: r.reportName,
      hisRegisterId: r.hisRegisterId,
      realName: p.realName,
      age: ageOn(p.birthday, today),
      checkType: r.checkType,
      checkDate: r.checkDate,
      status: r.status,
      diagnosisCode: r.diagnosisCode,
      diagnosisName: r.diagnosisName,
    })),
  );
};

function detail(state: SimState, f: Record<string, string>, checkType: SimReport['checkType']): { report: SimReport; header: XmlFields } | XmlFields {
  const r = state.reports.get(f.reportId ?? '');
  if (!r) return fail('未查询到该报告');
  if ((f.checkType && f.checkType !== checkType) || r.checkType !== checkType) return fail('报告类型不符');
  const p = state.patients.get(r.patientCard);
  const today = beijingDate(state.now());
  return {
    report: r,
    header: { realName: p?.realName ?? '', sex: p?.sex ?? '', age: p ? ageOn(p.birthday, today) : '', checkDate: r.checkDate, type: r.type },
  };
}

const findCompleteLISReport: SimMethod = (state, f) => {
  const d = detail(state, f, '1');
  if (!('report' in d)) return d;
  const { report, header } = d as { report: SimReport; header: XmlFields };
  const rows = report.status === '1' ? report.items : [];
  return ok({
    ...header,
    content:
      rows.length === 0
        ? null
        : {
            data: rows.map((i) => ({
              itemName: i.itemName,
              sample: i.sample,
              realResult: i.realResult,
              unit: i.unit,
              referprint: i.referprint,
              conclusion: i.conclusion,
            })),
          },
  });
};

const findCompletePACReport: SimMethod = (state, f) => {
  const d = detail(state, f, '2');
  if (!('report' in d)) return d;
  const { report, header } = d as { report: SimReport; header: XmlFields };
  const exam = report.status === '1' ? report.exam : undefined;
  return ok({
    ...header,
    reportMessage: exam?.reportMessage ?? '',
    reportResult: exam?.reportResult ?? '',
    reportImagePath: exam?.reportImagePath || null,
  });
};

export const reportMethods: Record<string, SimMethod> = { findInspectionReport, findCompleteLISReport, findCompletePACReport };
