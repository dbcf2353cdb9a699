import { useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ReportList } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { patientsGate } from '../../../../components/patients-gate';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routeParam, routes } from '../../../../services/routes';
import { beijingToday } from '../../../../services/time';
import { addDays, KIND_TABS, RANGES, SCOPE_TABS, STATUS_LABELS, type RangeMonths, type ReportKind, type ReportScope } from '../../labels';
import '../../reports.scss';

type Summary = ReportList['reports'][number];

export default function ReportListPage() {
  useRequireLogin();
  const params = useRouter().params;
  const [chosen, setChosen] = useState<string>(routeParam(params.patientId));
  const [kind, setKind] = useState<ReportKind>('lab');
  const [scope, setScope] = useState<ReportScope>('outpatient');
  const [months, setMonths] = useState<RangeMonths>(1);

  const patients = useRequest(() => call('listPatients'));
  const list = patients.data?.patients ?? [];
  // The patient asked for (a notice's link), else the first of the account's.
  const patientId = list.some((p) => p.id === chosen) ? chosen : (list[0]?.id ?? '');

  const reports = useRequest(async () => {
    if (!patientId) return null;
    const range = RANGES.find((r) => r.months === months);
    // A month is the BFF's default: send no dates, it answers the range it used.
    const to = months === 1 ? undefined : beijingToday();
    const from = to && range ? addDays(to, -range.days) : undefined;
    return call('reports', { params: { id: patientId }, query: { kind, scope, from, to } });
  }, [patientId, kind, scope, months]);

  // Back from a report or from adding a patient: load again (the first show is the mount's load).
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) {
      patients.reload();
      reports.reload();
    }
    shown.current = true;
  });

  function open(r: Summary): void {
    if (r.status !== 'done') {
      void Taro.showToast({ title: '报告尚未出具，请耐心等待', icon: 'none' });
      return;
    }
    void Taro.navigateTo({ url: routes.reportDetail(patientId, r.reportId) });
  }

  const gate = patientsGate(patients, '还没有就诊人，添加后即可查询报告', 'reports');
  if (gate) return gate;

  const data = reports.data;
  const items = data?.reports ?? [];
  const kindName = KIND_TABS.find((t) => t.key === kind)?.label ?? '';
  const rangeName = RANGES.find((r) => r.months === months)?.label ?? '';
  return (
    <PageShell className="reports-list">
      <View className="reports-section">
        <Text className="reports-section__label">就诊人</Text>
        <View className="reports-chips" role="radiogroup" aria-label="就诊人">
          {list.map((p, i) => (
            <View
              key={p.id}
              id={`reports-patient-${i}`}
              className={`reports-chip${p.id === patientId ? ' reports-chip--active' : ''}`}
              role="radio"
              aria-checked={p.id === patientId}
              onClick={() => setChosen(p.id)}
            >
              <Text>{p.realName}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className="reports-tabs" role="tablist" aria-label="报告类型">
        {KIND_TABS.map((t) => (
          <View key={t.key} id={`reports-tab-${t.key}`} role="tab" aria-selected={t.key === kind} className={`reports-tabs__item${t.key === kind ? ' reports-tabs__item--active' : ''}`} onClick={() => setKind(t.key)}>
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      <View className="reports-tabs reports-tabs--minor" role="tablist" aria-label="门诊或住院">
        {SCOPE_TABS.map((t) => (
          <View key={t.key} id={`reports-scope-${t.key}`} role="tab" aria-selected={t.key === scope} className={`reports-tabs__item${t.key === scope ? ' reports-tabs__item--active' : ''}`} onClick={() => setScope(t.key)}>
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>

      <View className="reports-range">
        <View className="reports-chips" role="radiogroup" aria-label="时间范围">
          {RANGES.map((r) => (
            <View key={r.months} id={`reports-range-${r.months}`} role="radio" aria-checked={r.months === months} className={`reports-chip reports-chip--small${r.months === months ? ' reports-chip--active' : ''}`} onClick={() => setMonths(r.months)}>
              <Text>{r.label}</Text>
            </View>
          ))}
        </View>
        {data ? (
          <Text className="reports-range__dates" id="reports-range">
            {data.from} 至 {data.to}
          </Text>
        ) : null}
      </View>

      {reports.loading ? <Loading /> : null}
      {!reports.loading && reports.error ? <ErrorState error={reports.error} onRetry={reports.reload} /> : null}
      {!reports.loading && !reports.error && data && items.length === 0 ? <EmptyState text={`${rangeName}没有${kindName}报告`} /> : null}
      {!reports.loading && !reports.error
        ? items.map((r, i) => (
            <View key={r.reportId} id={`report-item-${i}`} className="report-card" role="button" data-report-id={r.reportId} onClick={() => open(r)}>
              <View id={`report-item-${r.reportId}`} className="report-card__body">
                <View className="report-card__head">
                  <Text className="report-card__name">{r.name}</Text>
                  {r.withdrawn ? <Text className="report-tag report-tag--withdrawn">已撤回</Text> : null}
                  {r.abnormal ? (
                    <Text className="report-tag report-tag--abnormal" id={`report-abnormal-${i}`}>
                      有异常项
                    </Text>
                  ) : null}
                  <Text className={`report-tag report-tag--${r.status}`}>{STATUS_LABELS[r.status]}</Text>
                </View>
                <Text className="report-card__line">
                  {r.kind === 'lab' ? '检验' : '检查'} · {r.checkDate}
                </Text>
              </View>
            </View>
          ))
        : null}
    </PageShell>
  );
}
