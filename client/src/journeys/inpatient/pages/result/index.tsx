import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatFen } from '@hosp/shared';
import { InfoRow } from '../../../../components/info-row';
import { PageShell } from '../../../../components/page-shell';
import { ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routeParam, routes } from '../../../../services/routes';
import '../../inpatient.scss';

/**
 * After paying: the order's state from the BFF and, for a bound patient, the deposit read again.
 * A relative's top-up (no patientId) shows the payment only.
 */
export default function PrepayResultPage() {
  useRequireLogin();
  const p = useRouter().params;
  const tradeNo = routeParam(p.tradeNo);
  const patientId = routeParam(p.patientId);
  const order = useRequest(() => call('syncOrder', { params: { tradeNo } }), [tradeNo]);
  const posted = order.data?.status.state === 'posted';
  const stay = useRequest(async () => (patientId && posted ? call('stay', { params: { id: patientId } }) : null), [patientId, posted]);

  if (order.loading && !order.data) return <PageShell><Loading /></PageShell>;
  if (!order.data) return <PageShell><ErrorState error={order.error} onRetry={order.reload} /></PageShell>;
  const o = order.data;
  return (
    <PageShell className="inpatient-result">
      <View className="section" role="status">
        <Text className="section__title" id="result-status">{o.status.label}</Text>
        {o.status.detail ? <Text className="inp-note">{o.status.detail}</Text> : null}
        <InfoRow label="缴费金额" value={formatFen(o.amountFen)} id="result-amount" />
        <InfoRow label="患者" value={o.patientName} />
        {stay.data?.deposit ? <InfoRow label="当前剩余押金" value={formatFen(stay.data.deposit.remainingFen)} id="result-remaining" /> : null}
      </View>
      {!posted ? (
        <Button className="btn btn--ghost" id="result-refresh" onClick={order.reload}>刷新结果</Button>
      ) : null}
      <Button className="btn btn--ghost" id="result-order" onClick={() => void Taro.redirectTo({ url: routes.orderDetail(tradeNo) })}>查看订单</Button>
      {patientId ? (
        <Button className="btn" id="result-home" onClick={() => void Taro.redirectTo({ url: routes.inpatientHome(patientId) })}>返回住院首页</Button>
      ) : null}
    </PageShell>
  );
}
