import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { QueueView } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routes } from '../../../../services/routes';
import '../../queue.scss';

type Item = QueueView['items'][number];

/** While the page is on screen, today's queue is asked again this often. */
const REFRESH_MS = 15_000;

function num(n: number | null): string {
  return n === null ? '—' : String(n);
}

function whereLine(item: Item): string {
  return [item.departmentName, item.doctorName].filter(Boolean).join(' · ') || '—';
}

function clock(d: Date): string {
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`;
}

export default function QueueMinePage() {
  useRequireLogin();
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const { data, error, loading, reload } = useRequest(async () => {
    const view = await call('myQueue');
    setUpdatedAt(new Date());
    return view;
  });

  const [visible, setVisible] = useState(true);
  const shown = useRef(false);
  useDidShow(() => {
    setVisible(true);
    if (shown.current) reload();
    shown.current = true;
  });
  useDidHide(() => setVisible(false));

  // Every 15 s while visible; stops when the page is hidden or closed.
  useEffect(() => {
    if (!visible) return undefined;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [visible, reload]);

  const items = data?.items ?? [];
  return (
    <PageShell className="queue-mine">
      {loading && !data ? <Loading /> : null}
      {error && !data ? <ErrorState error={error} onRetry={reload} /> : null}
      {data && items.length === 0 ? (
        <EmptyState text="今天没有需要排队的就诊">
          <Button className="btn btn--ghost" id="queue-go-booking" onClick={() => void Taro.navigateTo({ url: routes.bookingDepartments })}>
            去预约挂号
          </Button>
        </EmptyState>
      ) : null}
      {items.map((item, i) => (
        <View key={item.tradeNo} id={`queue-item-${i}`} className={`queue-card queue-card--${item.state}`} data-state={item.state}>
          <View className="queue-card__head">
            <Text className="queue-card__patient">{item.patientName}</Text>
            <Text className="queue-card__where">{whereLine(item)}</Text>
          </View>
          {item.place ? (
            <Text className="queue-card__place" id={`queue-place-${i}`}>
              就诊地点：{item.place}
            </Text>
          ) : null}
          <Text className="queue-card__ahead" id={`queue-ahead-${i}`} aria-live="polite">
            {item.label}
          </Text>
          <View className="queue-card__numbers">
            <View className="queue-card__cell">
              <Text className="queue-card__label">我的序号</Text>
              <Text className="queue-card__number" id={`queue-mine-${i}`}>
                {num(item.myNumber)}
              </Text>
            </View>
            <View className="queue-card__cell">
              <Text className="queue-card__label">当前叫号</Text>
              <Text className="queue-card__number" id={`queue-serving-${i}`}>
                {num(item.nowServing)}
              </Text>
            </View>
            {item.waiting !== null ? (
              <View className="queue-card__cell">
                <Text className="queue-card__label">候诊人数</Text>
                <Text className="queue-card__number">{item.waiting}</Text>
              </View>
            ) : null}
          </View>
        </View>
      ))}
      {data && items.length > 0 ? (
        <Text className="queue__hint" id="queue-updated">
          {error ? '刷新失败，稍后自动重试' : `每 15 秒自动刷新${updatedAt ? ` · 更新于 ${clock(updatedAt)}` : ''}`}
        </Text>
      ) : null}
    </PageShell>
  );
}
