import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen, type OrderDetail, type OrderStateName } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { ErrorState, Loading } from '../../../../components/state-view';
import { useRequireLogin } from '../../../../hooks/use-session';
import { CURRENT_PLATFORM, PAYS_IN_SHEET } from '../../../../platform/current';
import { startPayment } from '../../../../services/checkout';
import { errorMessage } from '../../../../services/error-messages';
import { call } from '../../../../services/request';
import { goHome, routeParam, routes } from '../../../../services/routes';
import { beijingTime, statusTone } from '../../format';
import '../../orders.scss';
import { InfoRow } from '../../../../components/info-row';
import { formatCountdown, useCountdown } from '../../../../hooks/use-countdown';
import { VoucherCard } from '../../components/voucher-card';
import { ECardSection, FeeSections } from '../../components/fee-sections';

/** States that change on their own (platform, HIS, refund): worth asking again shortly. */
const MOVING: ReadonlySet<OrderStateName> = new Set<OrderStateName>(['paying', 'paid', 'posting', 'refunding']);
const POLL_EVERY_MS = 2_000;
const POLL_FOR_MS = 60_000;

export default function OrderDetailPage() {
  useRequireLogin();
  const params = useRouter().params;
  const tradeNo = routeParam(params.tradeNo);
  const from = routeParam(params.from);
  /** Back from the cashier page (H5) or the pay sheet (mini programs): ask the platform once. */
  const backFromPay = from === 'cashier' || from === 'pay';

  const [order, setOrder] = useState<OrderDetail>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState<'pay' | 'cancel' | null>(null);
  const [visible, setVisible] = useState(true);
  const [pollTick, setPollTick] = useState(0);
  const countdown = useCountdown(order?.status.canPay ? order.expiresAt : null);
  const pollUntil = useRef(backFromPay ? Date.now() + POLL_FOR_MS : 0);
  const synced = useRef(!backFromPay);
  const alive = useRef(true);
  useUnload(() => {
    alive.current = false;
  });
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const armPolling = useCallback(() => {
    pollUntil.current = Date.now() + POLL_FOR_MS;
    setPollTick((t) => t + 1);
  }, []);

  const load = useCallback(async () => {
    setLoading(true);
    setError(undefined);
    try {
      let fresh: OrderDetail;
      if (!synced.current) {
        synced.current = true;
        try {
          fresh = await call('syncOrder', { params: { tradeNo } });
        } catch {
          // The platform could not be asked right now: show what the BFF knows; polling continues.
          fresh = await call('getOrder', { params: { tradeNo } });
        }
      } else {
        fresh = await call('getOrder', { params: { tradeNo } });
      }
      if (alive.current) setOrder(fresh);
    } catch (e) {
      if (alive.current) setError(e);
    } finally {
      if (alive.current) setLoading(false);
    }
  }, [tradeNo]);

  useEffect(() => {
    void load();
  }, [load]);

  // Back on this page (from the list, another page…): refresh; the first show is the mount's load.
  const shown = useRef(false);
  useDidShow(() => {
    setVisible(true);
    if (shown.current && !busy) void load();
    shown.current = true;
  });
  useDidHide(() => setVisible(false));

  // While the order is moving (paying → paid → posted, refunding → refunded), ask every 2 s for up to a minute.
  const moving = order ? MOVING.has(order.status.state) : false;
  const polling = moving && visible && pollUntil.current > Date.now();
  useEffect(() => {
    if (!order || !MOVING.has(order.status.state) || !visible || Date.now() > pollUntil.current) return undefined;
    let cancelled = false;
    const timer = setTimeout(() => {
      call('getOrder', { params: { tradeNo } }).then(
        (next) => {
          if (!cancelled && alive.current) setOrder(next);
        },
        () => {
          if (!cancelled && alive.current) setPollTick((t) => t + 1);
        },
      );
    }, POLL_EVERY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [order, visible, pollTick, tradeNo]);

  // The deadline passed on screen: the BFF now says 已超时关闭; show it at once.
  useEffect(() => {
    if (countdown === 0 && order?.status.canPay) void load();
  }, [countdown, order, load]);

  async function payAgain(): Promise<void> {
    if (!order || busy) return;
    setBusy('pay');
    let leaving = false;
    try {
      const res = await call('payOrder', { params: { tradeNo }, body: { payClient: CURRENT_PLATFORM } });
      if (alive.current) setOrder(res.order);
      if (res.payParams) {
        if (!PAYS_IN_SHEET) {
          leaving = true;
          await startPayment(res.payParams);
          return;
        }
        const outcome = await startPayment(res.payParams);
        if (outcome === 'failed') void Taro.showToast({ title: '支付未完成，可稍后继续支付', icon: 'none' });
        try {
          const synced = await call('syncOrder', { params: { tradeNo } });
          if (alive.current) setOrder(synced);
        } catch {
          // polling below picks the result up
        }
        armPolling();
      }
    } catch (e) {
      leaving = false;
      void Taro.showModal({ title: '支付未能发起', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    } finally {
      if (!leaving && alive.current) setBusy(null);
    }
  }

  async function cancel(): Promise<void> {
    if (!order || busy) return;
    const unpaid = order.status.state === 'created' || order.status.state === 'paying';
    const what = order.booking ? '预约' : '订单';
    const content = unpaid
      ? `该${what}尚未支付，取消后${order.booking ? '将释放号源，' : ''}无需付款。确定取消吗？`
      : `取消后将向医院退号，已支付的 ${formatFen(order.amountFen)} 将原路退回（通常 1–3 个工作日到账）。确定取消吗？`;
    const { confirm } = await Taro.showModal({ title: `取消${what}`, content, confirmText: '确定', cancelText: '再想想', confirmColor: '#c3300a' });
    if (!confirm) return;
    setBusy('cancel');
    try {
      const next = await call('cancelOrder', { params: { tradeNo } });
      if (!alive.current) return;
      setOrder(next);
      armPolling();
      void Taro.showToast({ title: unpaid ? '已取消' : '已取消，正在退款', icon: 'none' });
    } catch (e) {
      void Taro.showModal({ title: '取消未成功', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    } finally {
      if (alive.current) setBusy(null);
    }
  }

  if (loading && !order) return <PageShell><Loading /></PageShell>;
  if (!order) return <PageShell><ErrorState error={error} onRetry={() => void load()} /></PageShell>;

  const { status, booking, receipt } = order;
  const payLeft = status.canPay ? countdown : null;
  const tone = statusTone(status.state);
  const onlyPage = Taro.getCurrentPages().length <= 1;
  return (
    <PageShell className="orders-detail">
      <View className="order-hero">
        <Text className={`order-hero__label order-hero__label--${tone}`} id="order-status-label">
          {status.label}
        </Text>
        {status.detail ? (
          <Text className="order-hero__detail" id="order-status-detail">
            {status.detail}
          </Text>
        ) : null}
        <Text className="order-hero__amount" id="order-amount">
          {formatFen(order.amountFen)}
        </Text>
        {order.priceNote ? (
          <Text className="notice" id="order-price-note">
            {order.priceNote}
          </Text>
        ) : null}
        {payLeft !== null && payLeft > 0 ? (
          <Text className="order-hero__detail" id="order-countdown" aria-live="polite">
            {booking ? '号源已为您保留，' : ''}请在 {formatCountdown(payLeft)} 内完成支付
          </Text>
        ) : null}
        {polling ? <Text className="order-hero__syncing">正在刷新结果…</Text> : null}
      </View>
      {error ? <ErrorState error={error} onRetry={() => void load()} /> : null}

      {order.voucher ? <VoucherCard voucher={order.voucher} invoiceNo={receipt?.invoiceNo ?? null} clinicNo={receipt?.clinicNo ?? null} /> : null}
      <FeeSections order={order} />
      <ECardSection order={order} />
      {receipt && !order.voucher && !order.fees && !order.eCard ? (
        <View className="section">
          <Text className="section__title">就诊凭证</Text>
          <InfoRow label="就诊序号" value={receipt.queueNo ?? '—'} id="order-queue-no" className="queue-no" />
          <InfoRow label="门诊号" value={receipt.clinicNo ?? '—'} id="order-clinic-no" />
          <InfoRow label="发票号" value={receipt.invoiceNo ?? '—'} id="order-invoice-no" />
        </View>
      ) : null}

      <View className="section">
        <Text className="section__title">{booking ? '预约信息' : '订单信息'}</Text>
        <InfoRow label="项目" value={order.subject} />
        <InfoRow label="就诊人" value={order.patientName || '—'} id="order-patient" />
        {booking ? (
          <>
            <InfoRow label="科室" value={booking.departmentName ?? '—'} id="order-department" />
            <InfoRow label="医生" value={booking.doctorName ?? booking.clinicType} id="order-doctor" />
            <InfoRow label="就诊日期" value={booking.clinicDate} id="order-clinic-date" />
            <InfoRow label="就诊时间" value={booking.clinicTime} id="order-clinic-time" />
            <InfoRow label="门诊类型" value={booking.clinicType} />
          </>
        ) : null}
        <InfoRow label="金额" value={formatFen(order.amountFen)} />
        <InfoRow label="下单时间" value={beijingTime(order.createdAt)} />
        {order.paidAt ? <InfoRow label="支付时间" value={beijingTime(order.paidAt)} /> : null}
      </View>

      {order.refunds.length > 0 ? (
        <View className="section">
          <Text className="section__title">退款</Text>
          {order.refunds.map((r, i) => (
            <View key={r.refundNo} id={`order-refund-${i}`} className="refund" data-state={r.state}>
              <View className="refund__line">
                <Text>退款单号</Text>
                <Text className="refund__no">{r.refundNo}</Text>
              </View>
              <View className="refund__line">
                <Text>退款金额</Text>
                <Text>{formatFen(r.amountFen)}</Text>
              </View>
              {r.origin === 'hospital' ? (
                <View className="refund__line">
                  <Text>发起方</Text>
                  <Text>医院</Text>
                </View>
              ) : null}
              <View className="refund__line">
                <Text>状态</Text>
                <Text>
                  {r.label}
                  {r.settledAt ? `（${beijingTime(r.settledAt)}）` : ''}
                </Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}

      {order.timeline.length > 0 ? (
        <View className="section">
          <Text className="section__title">订单进度</Text>
          {order.timeline.map((t, i) => (
            <View key={`${t.at}-${i}`} className="timeline__item">
              <View className="timeline__dot" />
              <Text className="timeline__label">{t.label}</Text>
              <Text className="timeline__at">{beijingTime(t.at)}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <Text className="order__no">订单号 {order.tradeNo}</Text>

      {status.canPay ? (
        <Button className="btn" id="order-pay" disabled={busy !== null} loading={busy === 'pay'} onClick={() => void payAgain()}>
          支付 {formatFen(order.amountFen)}
        </Button>
      ) : null}
      {status.canRebook ? (
        <Button className="btn" id="order-rebook" onClick={() => void Taro.navigateTo({ url: routes.bookingDepartments })}>
          重新预约
        </Button>
      ) : null}
      {status.canCancel ? (
        <Button className={`btn ${order.voucher ? 'btn--link' : 'btn--ghost'}`} id="order-cancel" disabled={busy !== null} loading={busy === 'cancel'} onClick={() => void cancel()}>
          {booking ? '取消预约' : '取消订单'}
        </Button>
      ) : null}
      {onlyPage ? (
        <>
          <Button className="btn btn--ghost" id="order-to-list" onClick={() => void Taro.redirectTo({ url: routes.orderList })}>
            我的订单
          </Button>
          <Button className="btn btn--ghost" id="order-home" onClick={goHome}>
            返回首页
          </Button>
        </>
      ) : null}
    </PageShell>
  );
}
