import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BottomNav } from '../../components/bottom-nav';
import { PageShell } from '../../components/page-shell';
import { useRequireLogin } from '../../hooks/use-session';
import { call } from '../../services/request';
import { getToken } from '../../services/session';
import type { OrderSummary } from '@hosp/shared';
import { TILES, type Tile } from './tiles';
import { UnpaidReminder } from './unpaid-reminder';
import './index.scss';

function open(tile: Tile): void {
  if (!tile.url) {
    void Taro.showToast({ title: `${tile.title}即将上线`, icon: 'none' });
    return;
  }
  void Taro.navigateTo({ url: tile.url });
}

/** "99+" past two digits, so the badge stays round. */
function badgeText(n: number): string {
  return n > 99 ? '99+' : String(n);
}

export default function HomePage() {
  useRequireLogin();
  const [unread, setUnread] = useState(0);
  const [unpaid, setUnpaid] = useState<OrderSummary | null>(null);

  // Every time home shows (first load, back from the message centre or a journey): the unread count.
  useDidShow(() => {
    if (!getToken()) return;
    call('unreadCount').then(
      (r) => setUnread(r.unread),
      () => undefined, // the badge is a hint: keep the last count when the BFF cannot be asked
    );
    call('listOrders').then(
      (r) => setUnpaid(r.orders.find((o) => o.status.canPay) ?? null),
      () => undefined,
    );
  });

  return (
    <PageShell withNav className="home">
      <View className="home__banner">
        <Text className="home__title">医院服务</Text>
        <Text className="home__subtitle">为您和家人办理就诊事务</Text>
      </View>
      {unpaid ? <UnpaidReminder order={unpaid} /> : null}
      <View className="home__grid">
        {TILES.map((tile) => (
          <View
            key={tile.key}
            id={`tile-${tile.key}`}
            className={`tile${tile.url ? '' : ' tile--soon'}`}
            role="button"
            onClick={() => open(tile)}
          >
            <Text className="tile__title">{tile.title}</Text>
            <Text className="tile__desc">{tile.desc}</Text>
            {tile.url ? null : <Text className="tile__badge">即将上线</Text>}
            {tile.key === 'notices' && unread > 0 ? (
              <Text className="badge tile__count" aria-label={`${unread} 条未读消息`}>
                {badgeText(unread)}
              </Text>
            ) : null}
          </View>
        ))}
      </View>
      <BottomNav current="home" />
    </PageShell>
  );
}
