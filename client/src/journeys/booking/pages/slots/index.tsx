import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { SlotView } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routeParam, routes } from '../../../../services/routes';
import { monthDay, weekday } from '../../dates';
import '../../booking.scss';

/** Time points of one schedule. Hospitals that do not book time points skip straight to confirm. */
export default function SlotsPage() {
  useRequireLogin();
  const router = useRouter();
  const base = {
    departmentCode: routeParam(router.params.departmentCode),
    departmentName: routeParam(router.params.departmentName),
    scheduleId: routeParam(router.params.scheduleId),
    date: routeParam(router.params.date),
  };
  const { data, error, loading, reload } = useRequest(
    () => call('slots', { query: { departmentCode: base.departmentCode, scheduleId: base.scheduleId } }),
    [base.departmentCode, base.scheduleId],
  );

  useEffect(() => {
    if (data && !data.timeSlotsUsed) void Taro.redirectTo({ url: routes.bookingConfirm(base) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);

  function pick(slot: SlotView): void {
    if (!slot.available) {
      void Taro.showToast({ title: '该时间已约满，请选择其他时间', icon: 'none' });
      return;
    }
    void Taro.navigateTo({
      url: routes.bookingConfirm({ ...base, visitTime: slot.visitTime, sourceNo: slot.sourceNo ?? undefined, sourceOrder: slot.sourceOrder ?? undefined }),
    });
  }

  if (loading && !data) return <PageShell><Loading /></PageShell>;
  if (!data) return <PageShell><ErrorState error={error} onRetry={reload} /></PageShell>;
  if (!data.timeSlotsUsed) return <PageShell><Loading text="正在前往确认页…" /></PageShell>;
  return (
    <PageShell className="booking-slots">
      <Text className="booking__intro">
        {base.departmentName} · {monthDay(base.date)}（{weekday(base.date)}）
      </Text>
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {data.slots.length === 0 ? (
        <EmptyState text="该排班暂无可选的就诊时间">
          <Button className="btn btn--ghost" id="slots-back" onClick={() => void Taro.navigateBack()}>
            返回选择其他号源
          </Button>
        </EmptyState>
      ) : (
        <View className="section">
          <Text className="section__title">请选择就诊时间</Text>
          <View className="slots">
            {data.slots.map((slot, i) => (
              <View
                key={`${slot.visitTime}-${slot.sourceNo ?? i}`}
                id={`slot-${i}`}
                className={`slot${slot.available ? '' : ' slot--disabled'}`}
                role="button"
                aria-disabled={slot.available ? undefined : 'true'}
                onClick={() => pick(slot)}
              >
                <Text>{slot.visitTime}</Text>
                <Text className="slot__hint">{slot.available ? '可预约' : '已约满'}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
      {data.slots.length > 0 && data.slots.every((s) => !s.available) ? <Text className="notice">该排班的就诊时间均已约满，请返回选择其他号源</Text> : null}
    </PageShell>
  );
}
