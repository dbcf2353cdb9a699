import type { OrderSummary } from '@hosp/shared';
import { formatFen } from '@hosp/shared';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatCountdown, useCountdown } from '../../hooks/use-countdown';
import { routes } from '../../services/routes';

/** An unpaid order on the home page, with the time left to pay: its place is held only so long. */
export function UnpaidReminder({ order }: { order: OrderSummary }) {
  const left = useCountdown(order.expiresAt);
  if (left === null || left <= 0) return null;
  return (
    <View
      className="home__unpaid"
      id="home-unpaid"
      role="button"
      aria-label={`待支付订单：${order.subject}，${formatFen(order.amountFen)}，剩余 ${formatCountdown(left)}`}
      onClick={() => void Taro.navigateTo({ url: routes.orderDetail(order.tradeNo) })}
    >
      <Text className="home__unpaid-title">待支付：{order.subject}</Text>
      <Text className="home__unpaid-line">
        {formatFen(order.amountFen)}，请在 {formatCountdown(left)} 内完成支付，超时将自动取消
      </Text>
    </View>
  );
}
