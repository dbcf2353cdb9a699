import { useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen, maskCardNo, type PayResponse, type Relation } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { CURRENT_PLATFORM } from '../../../../platform/current';
import type { SubscribeResult } from '../../../../platform/types';
import { isApiError, type ApiErrorCode } from '../../../../services/api-error';
import { errorMessage } from '../../../../services/error-messages';
import { call } from '../../../../services/request';
import { routeParam, routes } from '../../../../services/routes';
import { askToSubscribe } from '../../../../services/subscribe';
import { dayName, monthDay, weekday } from '../../dates';
import { doctorLine, timeLine } from '../../labels';
import { bookingRequestId, forgetBookingRequestId, type BookingChoice } from '../../request-id';
import '../../booking.scss';
import { InfoRow } from '../../../../components/info-row';

const RELATIONS: Record<Relation, string> = { self: '本人', spouse: '配偶', child: '子女', parent: '父母', other: '其他' };

/**
 * Answers after which no order under the requestId can still be paid: the BFF refused or closed it
 * (BOOKING_FAILED includes 「预约未完成，请重新选择号源预约」, an attempt cut off before HIS answered),
 * or its time to pay is over. A network error, PAYMENT_UNAVAILABLE or an unknown failure keeps the id:
 * the order may exist, and the same id gets it back.
 */
const ENDED_CODES: ReadonlySet<ApiErrorCode> = new Set<ApiErrorCode>([
  'BOOKING_FAILED',
  'ORDER_EXPIRED',
  'SCHEDULE_STOPPED',
  'SCHEDULE_FULL',
  'NO_SCHEDULE',
  'CARD_INVALID',
  'HIS_REJECTED',
  'HIS_UNAVAILABLE',
  'HIS_BAD_REPLY',
  'DUPLICATE_BOOKING',
  'TOO_MANY_UNPAID',
  'BOOKING_UNCERTAIN',
]);

const NOTHING_ASKED: SubscribeResult = { accepted: [], supported: false };

/** "2025-05-21（明天 周三）" */
function dateLine(date: string, today: string): string {
  const name = dayName(date, today);
  const week = weekday(date);
  return `${date}（${name === week ? week : `${name} ${week}`}）`;
}

export default function ConfirmPage() {
  useRequireLogin();
  const p = useRouter().params;
  const departmentCode = routeParam(p.departmentCode);
  const departmentName = routeParam(p.departmentName);
  const scheduleId = routeParam(p.scheduleId);
  const date = routeParam(p.date);
  const visitTime = routeParam(p.visitTime);
  const slot = visitTime ? { visitTime, sourceNo: routeParam(p.sourceNo) || null, sourceOrder: routeParam(p.sourceOrder) || null } : null;

  const [chosen, setChosen] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const schedule = useRequest(async () => {
    const list = await call('schedules', { query: { departmentCode, from: date || undefined, to: date || undefined } });
    return { today: list.today, schedule: list.schedules.find((s) => s.scheduleId === scheduleId) ?? null };
  }, [departmentCode, scheduleId, date]);
  const patients = useRequest(() => call('listPatients'));
  // Back from adding a patient: load the list again (the first show is the mount's load).
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) patients.reload();
    shown.current = true;
  });

  const list = patients.data?.patients ?? [];
  const patientId = chosen ?? (list.length === 1 ? list[0]!.id : null);
  const s = schedule.data?.schedule ?? null;

  /**
   * The place is locked: the order page shows the exact amount HIS will charge (and says so when it
   * differs from the listed fee) with its deadline, and the patient pays from there.
   */
  async function afterBooking(res: PayResponse): Promise<void> {
    await Taro.redirectTo({ url: routes.orderDetail(res.order.tradeNo) });
  }

  /** Already booked: say so and offer the way to that booking. */
  async function showDuplicate(ref: string): Promise<void> {
    const r = await Taro.showModal({ title: '已预约', content: '该就诊人已预约了这个号源，无需重复预约。', confirmText: '查看订单', cancelText: '知道了' });
    if (r.confirm) await Taro.redirectTo({ url: routes.orderDetail(ref) });
  }

  /** The 「确认并支付」 tap. */
  function submit(): void {
    if (submitting || !patientId || !s) return;
    // First thing in the tap, before any network wait: WeChat only shows the subscription prompt
    // when it is asked for straight from a tap. It runs alongside the booking and never holds it up
    // or fails it: refusals and errors come back as "nothing accepted" (H5 has nothing to ask).
    const asking = askToSubscribe().catch(() => NOTHING_ASKED);
    setSubmitting(true);
    void book({ patientId, scheduleId, slot }, asking);
  }

  async function book(choice: BookingChoice, asking: Promise<SubscribeResult>): Promise<void> {
    let leaving = false;
    try {
      // The same choice within 15 minutes sends the same id (also after a reload: H5's back button
      // from the cashier), so a second tap gets the first order back instead of a second slot.
      const requestId = bookingRequestId(choice);
      const res = await call('createBooking', {
        body: { requestId, patientId: choice.patientId, departmentCode, scheduleId: choice.scheduleId, slot: choice.slot, payClient: CURRENT_PLATFORM, pay: false },
      });
      // Paid, closed or otherwise done: nothing to come back to under this id.
      if (!res.order.status.canPay) forgetBookingRequestId(choice);
      leaving = true;
      // Let the prompt (if still open) finish before the pay sheet opens; it never fails.
      await asking;
      await afterBooking(res);
    } catch (e) {
      leaving = false;
      if (isApiError(e) && ENDED_CODES.has(e.code)) forgetBookingRequestId(choice);
      if (isApiError(e) && e.code === 'DUPLICATE_BOOKING' && e.ref) {
        void showDuplicate(e.ref);
        return;
      }
      void Taro.showModal({ title: '预约未成功', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    } finally {
      if (!leaving) setSubmitting(false);
    }
  }

  if ((schedule.loading && !schedule.data) || (patients.loading && !patients.data)) return <PageShell><Loading /></PageShell>;
  if (!schedule.data) return <PageShell><ErrorState error={schedule.error} onRetry={schedule.reload} /></PageShell>;
  if (!patients.data) return <PageShell><ErrorState error={patients.error} onRetry={patients.reload} /></PageShell>;
  if (!s) {
    return (
      <PageShell>
        <EmptyState text="该号源已不可预约，请返回重新选择">
          <Button className="btn btn--ghost" id="confirm-back" onClick={() => void Taro.navigateBack()}>
            返回
          </Button>
        </EmptyState>
      </PageShell>
    );
  }
  const today = schedule.data.today;
  const time = slot ? `${s.period ?? ''} ${slot.visitTime}`.trim() : timeLine(s);
  return (
    <PageShell className="booking-confirm">
      <View className="section">
        <Text className="section__title">就诊人</Text>
        {list.length === 0 ? (
          <EmptyState text="还没有就诊人，请先添加">
            <Button className="btn" id="confirm-add-patient" onClick={() => void Taro.navigateTo({ url: routes.patientBind })}>
              添加就诊人
            </Button>
          </EmptyState>
        ) : null}
        {list.map((pt, i) => (
          <View
            key={pt.id}
            id={`confirm-patient-${i}`}
            className={`patient-option${pt.id === patientId ? ' patient-option--active' : ''}`}
            role="radio"
            aria-checked={pt.id === patientId}
            onClick={() => setChosen(pt.id)}
          >
            <View className="patient-option__radio" />
            <View>
              <Text className="patient-option__name">
                {pt.realName}（{RELATIONS[pt.relation]}）
              </Text>
              <Text className="patient-option__line">就诊卡 {maskCardNo(pt.patientCard)}</Text>
            </View>
          </View>
        ))}
      </View>

      <View className="section">
        <Text className="section__title">预约信息</Text>
        <InfoRow label="科室" value={departmentName || s.departmentCode} id="confirm-department" />
        <InfoRow label="医生" value={doctorLine(s)} id="confirm-doctor" />
        <InfoRow label="日期" value={dateLine(s.date, today)} id="confirm-date" />
        <InfoRow label="时间" value={time} id="confirm-time" />
        <InfoRow label="门诊类型" value={s.clinicType} />
        <InfoRow label="挂号费" value={formatFen(s.feeFen)} id="confirm-fee" className="confirm__fee" />
      </View>
      <Text className="notice">提交后先为您锁定号源，并显示医院确认的应付金额（可能与上方挂号费不同），确认后再支付。</Text>
      {s.status !== 'open' ? <Text className="notice">该号源{s.status === 'stopped' ? '已停诊' : '已约满'}（{monthDay(s.date)}），请返回选择其他号源</Text> : null}
      <Button
        className="btn"
        id="confirm-submit"
        disabled={!patientId || submitting || s.status !== 'open'}
        loading={submitting}
        onClick={submit}
      >
        确认预约
      </Button>
      {list.length > 0 && !patientId ? <Text className="booking__intro">请先选择就诊人</Text> : null}
    </PageShell>
  );
}
