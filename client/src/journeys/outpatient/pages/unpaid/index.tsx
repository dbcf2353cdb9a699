import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen, type OutpatientFees } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { patientsGate } from '../../../../components/patients-gate';
import { PatientChips } from '../../../../components/patient-chips';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequireLogin } from '../../../../hooks/use-session';
import { CURRENT_PLATFORM } from '../../../../platform/current';
import { isApiError } from '../../../../services/api-error';
import { errorMessage } from '../../../../services/error-messages';
import { call } from '../../../../services/request';
import { newRequestToken } from '../../../../services/request-token';
import { routeParam, routes } from '../../../../services/routes';
import { PayWith } from '../../pay-with';
import { Prescription } from '../../prescription';
import { useFees } from '../../use-fees';
import '../../outpatient.scss';

type Visit = OutpatientFees['unpaid'][number];
type Rx = Visit['prescriptions'][number];

/**
 * 门诊缴费, step 2: one visit's unpaid prescriptions with their item lines (or every visit's, as a
 * fee notice opens it). Choose some or all of one visit; the total is confirmed on the order (paid
 * through the cashier) or here (from the one-card balance, taken at once).
 */
export default function OutpatientUnpaidPage() {
  useRequireLogin();
  const params = useRouter().params;
  const visitKey = routeParam(params.visitKey);
  const { patients, list, patientId, setChosen, fees } = useFees(params.patientId);
  const [picked, setPicked] = useState<{ visitKey: string; nos: string[] } | null>(null);
  const [method, setMethod] = useState<'platform' | 'eCard'>('platform');
  const [submitting, setSubmitting] = useState(false);
  const token = useRef('');

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

  const data = fees.data;
  const shown = data ? (visitKey ? data.unpaid.filter((v) => v.visitKey === visitKey) : data.unpaid) : [];
  const visit = shown.find((v) => v.visitKey === picked?.visitKey);
  const chosenRx = visit?.prescriptions.filter((p) => picked?.nos.includes(p.prescriptionNo)) ?? [];
  const total = chosenRx.reduce((s, p) => s + p.amountFen, 0);
  const byCard = method === 'eCard' && Boolean(data?.eCardPay);

  async function submit(): Promise<void> {
    if (!picked || submitting) return;
    if (byCard) {
      // Taken from the card at once: the total is confirmed here, not on the order.
      const ok = await Taro.showModal({ title: '确认缴费', content: `从一卡通余额支付 ${chosenRx.length} 张处方，合计 ${formatFen(total)}`, confirmText: '确认支付', cancelText: '再想想' });
      if (!ok.confirm) return;
    }
    setSubmitting(true);
    if (!token.current) token.current = newRequestToken('fee');
    try {
      const body = { requestId: token.current, patientId, visitKey: picked.visitKey, prescriptionNos: picked.nos, payClient: CURRENT_PLATFORM, ...(byCard ? { payWith: 'eCard' as const } : { pay: false }) };
      const res = await call('createFeeOrder', { body });
      token.current = '';
      setPicked(null);
      await Taro.navigateTo({ url: routes.orderDetail(res.order.tradeNo) });
    } catch (e) {
      if (isApiError(e) && ['PRESCRIPTIONS_CHANGED', 'PRESCRIPTION_IN_ORDER', 'ECARD_PAY_REFUSED'].includes(e.code)) {
        // The list changed at HIS, another order holds it, or HIS would not take it from the card: show the fresh list.
        token.current = '';
        setPicked(null);
        fees.reload();
      }
      void Taro.showModal({ title: '未能缴费', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setSubmitting(false);
    }
  }

  const gate = patientsGate(patients, '还没有就诊人，添加后即可缴费', 'fees');
  if (gate) return gate;
  return (
    <PageShell className="fees-page">
      {visitKey ? null : <PatientChips patients={list} chosen={patientId} onChoose={(id) => { setChosen(id); setPicked(null); }} idPrefix="fees" />}
      {fees.loading && !data ? <Loading /> : null}
      {fees.error ? <ErrorState error={fees.error} onRetry={fees.reload} /> : null}
      {data && shown.length === 0 ? <EmptyState text={visitKey ? '这次就诊没有待缴费用' : '没有待缴费用'} /> : null}
      {data && shown.length === 0 ? (
        <View className="fee-all" id="fees-to-visits" role="link" onClick={() => void Taro.redirectTo({ url: routes.outpatientVisits(patientId) })}>
          <Text>查看就诊记录</Text>
        </View>
      ) : null}
      {shown.map((v, vi) => (
        <View key={v.visitKey} className="fee-visit" id={`fees-unpaid-${vi}`} role="group" aria-label={`${v.date ?? ''} ${v.departmentName ?? ''} 的待缴费用`}>
          <Text className="fee-visit__title">{v.date ?? ''} {v.departmentName ?? ''} {v.doctorName ?? ''}</Text>
          <Text className="fee-visit__line">门诊号 {v.clinicNo ?? '—'} · 合计 {formatFen(v.totalFen)}</Text>
          {free(v).length > 1 ? (
            <View className="fee-all" id={`fees-all-${vi}`} role="button" onClick={() => pickAll(v)}>
              <Text>全选本次就诊</Text>
            </View>
          ) : null}
          {v.prescriptions.map((rx, ri) => (
            <Prescription key={rx.prescriptionNo} rx={rx} id={`fees-rx-${vi}-${ri}`} on={picked?.visitKey === v.visitKey && picked.nos.includes(rx.prescriptionNo)} onToggle={() => toggle(v, rx)} />
          ))}
        </View>
      ))}
      {shown.length > 0 ? (
        <View className="fee-bar">
          {data?.eCardPay ? <PayWith offer={data.eCardPay} method={method} onChoose={setMethod} /> : null}
          <Text className="fee-bar__total" id="fees-total" aria-live="polite">
            {chosenRx.length ? `已选 ${chosenRx.length} 张处方，合计 ${formatFen(total)}` : '请选择要缴费的处方（同一次就诊）'}
          </Text>
          <Button className="btn" id="fees-submit" disabled={!chosenRx.length || submitting} loading={submitting} onClick={() => void submit()}>
            {byCard ? '一卡通支付' : '确认缴费'}
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
