import { useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen, type OutpatientFees } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { patientsGate } from '../../../../components/patients-gate';
import { PatientChips } from '../../../../components/patient-chips';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { CURRENT_PLATFORM } from '../../../../platform/current';
import { isApiError } from '../../../../services/api-error';
import { errorMessage } from '../../../../services/error-messages';
import { call } from '../../../../services/request';
import { newRequestToken } from '../../../../services/request-token';
import { routeParam, routes } from '../../../../services/routes';
import '../../outpatient.scss';

type Visit = OutpatientFees['unpaid'][number];
type Rx = Visit['prescriptions'][number];

/** 门诊缴费: the visits' unpaid prescriptions with their lines; choose some or all of one visit, then confirm the total on the order. */
export default function OutpatientListPage() {
  useRequireLogin();
  const params = useRouter().params;
  const [chosenPatient, setChosenPatient] = useState(routeParam(params.patientId));
  const [picked, setPicked] = useState<{ visitKey: string; nos: string[] } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const token = useRef('');

  const patients = useRequest(() => call('listPatients'));
  const list = patients.data?.patients ?? [];
  const patientId = list.some((p) => p.id === chosenPatient) ? chosenPatient : (list[0]?.id ?? '');
  const fees = useRequest(async () => (patientId ? call('outpatientFees', { query: { patientId } }) : null), [patientId]);

  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) fees.reload();
    shown.current = true;
  });

  const free = (v: Visit) => v.prescriptions.filter((p) => !p.inOrder);
  function toggle(v: Visit, rx: Rx): void {
    if (rx.inOrder) {
      void Taro.navigateTo({ url: routes.orderDetail(rx.inOrder) });
      return;
    }
    token.current = '';
    const same = picked?.visitKey === v.visitKey ? picked.nos : [];
    const nos = same.includes(rx.prescriptionNo) ? same.filter((n) => n !== rx.prescriptionNo) : [...same, rx.prescriptionNo];
    setPicked(nos.length ? { visitKey: v.visitKey, nos } : null);
  }
  function pickAll(v: Visit): void {
    token.current = '';
    setPicked({ visitKey: v.visitKey, nos: free(v).map((p) => p.prescriptionNo) });
  }

  const visit = fees.data?.unpaid.find((v) => v.visitKey === picked?.visitKey);
  const chosenRx = visit?.prescriptions.filter((p) => picked?.nos.includes(p.prescriptionNo)) ?? [];
  const total = chosenRx.reduce((s, p) => s + p.amountFen, 0);

  async function submit(): Promise<void> {
    if (!picked || submitting) return;
    setSubmitting(true);
    if (!token.current) token.current = newRequestToken('fee');
    try {
      const res = await call('createFeeOrder', { body: { requestId: token.current, patientId, visitKey: picked.visitKey, prescriptionNos: picked.nos, payClient: CURRENT_PLATFORM, pay: false } });
      token.current = '';
      setPicked(null);
      await Taro.navigateTo({ url: routes.orderDetail(res.order.tradeNo) });
    } catch (e) {
      if (isApiError(e) && ['PRESCRIPTIONS_CHANGED', 'PRESCRIPTION_IN_ORDER'].includes(e.code)) {
        // The list changed at HIS (paid at the window, cancelled, re-priced) or another order holds it: show the fresh list.
        token.current = '';
        setPicked(null);
        fees.reload();
      }
      void Taro.showModal({ title: '未能下单', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setSubmitting(false);
    }
  }

  const gate = patientsGate(patients, '还没有就诊人，添加后即可缴费', 'fees');
  if (gate) return gate;
  const data = fees.data;
  return (
    <PageShell className="fees-page">
      <PatientChips patients={list} chosen={patientId} onChoose={(id) => { setChosenPatient(id); setPicked(null); }} idPrefix="fees" />
      {fees.loading && !data ? <Loading /> : null}
      {fees.error ? <ErrorState error={fees.error} onRetry={fees.reload} /> : null}
      {data && data.unpaid.length === 0 ? <EmptyState text="没有待缴费用" /> : null}
      {data && data.visits.length > 0 && data.unpaid.length === 0 ? (
        <View className="fee-visit" id="fees-visits">
          {data.visits.map((v) => (
            <Text key={v.clinicNo} className="fee-visit__line">{v.date} {v.departmentName ?? ''} {v.doctorName ?? ''}（门诊号 {v.clinicNo}）</Text>
          ))}
        </View>
      ) : null}
      {data?.unpaid.map((v, vi) => (
        <View key={v.visitKey} className="fee-visit" id={`fees-visit-${vi}`} role="group" aria-label={`${v.date ?? ''} ${v.departmentName ?? ''} 的待缴费用`}>
          <Text className="fee-visit__title">{v.date ?? ''} {v.departmentName ?? ''} {v.doctorName ?? ''}</Text>
          <Text className="fee-visit__line">门诊号 {v.clinicNo ?? '—'} · 合计 {formatFen(v.totalFen)}</Text>
          {free(v).length > 1 ? (
            <View className="fee-all" id={`fees-all-${vi}`} role="button" onClick={() => pickAll(v)}>
              <Text>全选本次就诊</Text>
            </View>
          ) : null}
          {v.prescriptions.map((rx, ri) => {
            const on = picked?.visitKey === v.visitKey && picked.nos.includes(rx.prescriptionNo);
            return (
              <View key={rx.prescriptionNo} className="fee-rx">
                <View className="fee-rx__head" id={`fees-rx-${vi}-${ri}`} role="checkbox" aria-checked={on} aria-disabled={Boolean(rx.inOrder)} onClick={() => toggle(v, rx)}>
                  <View className={`pick-check${on ? ' pick-check--on' : ''}`} />
                  <Text className="fee-rx__name">{rx.feeType}</Text>
                  <Text>{formatFen(rx.amountFen)}</Text>
                </View>
                {rx.inOrder ? <Text className="fee-rx__held">已在待支付订单中，点击继续支付</Text> : null}
                <Text className="fee-visit__line">处方 {rx.prescriptionNo}{rx.diagnosisName ? ` · ${rx.diagnosisName}` : ''}</Text>
                {rx.items.map((it, ii) => (
                  <View key={`${it.name}-${ii}`}>
                    <View className="fee-item">
                      <Text>{it.name} ×{it.count}</Text>
                      <Text>{it.amountFen === null ? `单价 ${it.unitPrice} 元` : formatFen(it.amountFen)}</Text>
                    </View>
                    {it.usage || it.dosage ? <Text className="fee-item__use">{[it.usage, it.dosage].filter(Boolean).join('，')}</Text> : null}
                  </View>
                ))}
              </View>
            );
          })}
        </View>
      ))}
      {data && data.unpaid.length > 0 ? (
        <View className="fee-bar">
          <Text className="fee-bar__total" id="fees-total" aria-live="polite">
            {chosenRx.length ? `已选 ${chosenRx.length} 张处方，合计 ${formatFen(total)}` : '请选择要缴费的处方（同一次就诊）'}
          </Text>
          <Button className="btn" id="fees-submit" disabled={!chosenRx.length || submitting} loading={submitting} onClick={() => void submit()}>
            确认缴费
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
