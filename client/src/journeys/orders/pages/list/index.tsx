import { useRef } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routes } from '../../../../services/routes';
import { beijingTime, KIND_NAMES, statusTone } from '../../format';
import '../../orders.scss';

export default function OrderListPage() {
  useRequireLogin();
  const { data, error, loading, reload } = useRequest(() => call('listOrders'));
  // Coming back from an order (paid, cancelled…): load again; the first show is the mount's load.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) reload();
    shown.current = true;
  });
  const orders = data?.orders ?? [];

  return (
    <PageShell className="orders-list">
      {loading && !data ? <Loading /> : null}
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {data && orders.length === 0 ? (
        <EmptyState text="还没有订单">
          <Button className="btn btn--ghost" id="orders-go-booking" onClick={() => void Taro.navigateTo({ url: routes.bookingDepartments })}>
            去预约挂号
          </Button>
        </EmptyState>
      ) : null}
      {orders.map((o, i) => (
        <View
          key={o.tradeNo}
          id={`orders-item-${i}`}
          className="order-card"
          role="button"
          data-trade-no={o.tradeNo}
          onClick={() => void Taro.navigateTo({ url: routes.orderDetail(o.tradeNo) })}
        >
          <View className="order-card__head">
            <Text className="order-card__subject">{o.subject}</Text>
            <Text className={`status status--${statusTone(o.status.state)}`}>{o.status.label}</Text>
          </View>
          <View className="order-card__line">
            <Text>就诊人 {o.patientName || '—'}</Text>
            <Text className="order-card__amount">{formatFen(o.amountFen)}</Text>
          </View>
          <View className="order-card__line">
            <Text>
              {KIND_NAMES[o.kind] ? `${KIND_NAMES[o.kind]} · ` : ''}下单时间 {beijingTime(o.createdAt)}
            </Text>
          </View>
        </View>
      ))}
    </PageShell>
  );
}
