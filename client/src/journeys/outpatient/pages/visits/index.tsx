import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatFen, type OutpatientFees } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { patientsGate } from '../../../../components/patients-gate';
import { PatientChips } from '../../../../components/patient-chips';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequireLogin } from '../../../../hooks/use-session';
import { routes } from '../../../../services/routes';
import { useFees } from '../../use-fees';
import '../../outpatient.scss';

interface VisitRow {
  key: string;
  date: string | null;
  departmentName: string | null;
  doctorName: string | null;
  clinicNo: string | null;
  unpaid: OutpatientFees['unpaid'][number] | null;
}

/** Visits with something unpaid first (HIS's order), then the other recent visits, once each. */
function visitRows(data: OutpatientFees): VisitRow[] {
  const rows: VisitRow[] = data.unpaid.map((v) => ({ key: v.visitKey, date: v.date, departmentName: v.departmentName, doctorName: v.doctorName, clinicNo: v.clinicNo, unpaid: v }));
  for (const v of data.visits) {
    if (!rows.some((r) => r.clinicNo === v.clinicNo)) rows.push({ key: v.clinicNo, date: v.date, departmentName: v.departmentName, doctorName: v.doctorName, clinicNo: v.clinicNo, unpaid: null });
  }
  return rows;
}

/** 门诊缴费, step 1: the patient's visits, each with what is still to pay; a visit opens its unpaid list. */
export default function OutpatientVisitsPage() {
  useRequireLogin();
  const { patients, list, patientId, setChosen, fees } = useFees(useRouter().params.patientId);
  const gate = patientsGate(patients, '还没有就诊人，添加后即可缴费', 'fees');
  if (gate) return gate;
  const data = fees.data;
  const rows = data ? visitRows(data) : [];
  return (
    <PageShell className="fees-page">
      <PatientChips patients={list} chosen={patientId} onChoose={setChosen} idPrefix="fees" />
      {fees.loading && !data ? <Loading /> : null}
      {fees.error ? <ErrorState error={fees.error} onRetry={fees.reload} /> : null}
      {data && rows.length === 0 ? <EmptyState text="近期没有就诊记录，也没有待缴费用" /> : null}
      {data && rows.length > 0 && data.unpaid.length === 0 ? <Text className="fee-visit__line fee-note">没有待缴费用</Text> : null}
      <View role="list" aria-label="就诊记录">
        {rows.map((r, i) => {
          const title = `${r.date ?? ''} ${r.departmentName ?? ''} ${r.doctorName ?? ''}`.trim();
          const owed = r.unpaid ? `待缴 ${r.unpaid.prescriptions.length} 张处方，合计 ${formatFen(r.unpaid.totalFen)}` : '无待缴费用';
          const open = r.unpaid ? () => void Taro.navigateTo({ url: routes.outpatientUnpaid(patientId, r.key) }) : undefined;
          return (
            <View key={r.key} role="listitem">
              <View
                className={`fee-visit${r.unpaid ? ' fee-visit--open' : ''}`}
                id={`fees-visit-${i}`}
                {...(r.unpaid ? { role: 'link' } : {})}
                onClick={open}
              >
                <Text className="fee-visit__title">{title || '门诊就诊'}</Text>
                <Text className="fee-visit__line">门诊号 {r.clinicNo ?? '—'}</Text>
                <Text className={r.unpaid ? 'fee-visit__owed' : 'fee-visit__line'}>{owed}</Text>
              </View>
            </View>
          );
        })}
      </View>
    </PageShell>
  );
}
