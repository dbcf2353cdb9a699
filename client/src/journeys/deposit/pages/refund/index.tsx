import { useEffect } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatFen } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routeParam } from '../../../../services/routes';
import { RefundParts } from '../../components/refund-parts';
import '../../deposit.scss';

/** One refund's progress, record by record; asked again every few seconds while it runs. */
export default function DepositRefundPage() {
  useRequireLogin();
  const p = useRouter().params;
  const patientId = routeParam(p.patientId);
  const refundId = routeParam(p.refundId);
  const refund = useRequest(() => call('depositRefundStatus', { params: { id: patientId, refundId } }), [patientId, refundId]);
  const running = refund.data?.state === 'running';
  useEffect(() => {
    if (!running) return undefined;
    const t = setTimeout(refund.reload, 3000);
    return () => clearTimeout(t);
  }, [running, refund.data]);

  if (refund.loading && !refund.data) return <PageShell><Loading /></PageShell>;
  if (!refund.data) return <PageShell><ErrorState error={refund.error} onRetry={refund.reload} /></PageShell>;
  const r = refund.data;
  return (
    <PageShell className="deposit">
      <View className="section" aria-live="polite">
        <Text className="section__title" id="deposit-refund-state">{r.label}</Text>
        <Text className="deposit-part__line">申请退款 {formatFen(r.amountFen)}，已退回 {formatFen(r.refundedFen)}</Text>
        <Text className="deposit-part__line">款项原路退回到原支付账户，通常 1–3 个工作日到账。</Text>
      </View>
      <View className="section">
        <RefundParts refund={r} />
      </View>
    </PageShell>
  );
}
