import { useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { formatFen, type DepositAccountView, type DepositRefundPlan } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { patientsGate } from '../../../../components/patients-gate';
import { ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { CURRENT_PLATFORM, PAYS_IN_SHEET } from '../../../../platform/current';
import { startPayment } from '../../../../services/checkout';
import { depositError as errorMessage } from '../../messages';
import { call } from '../../../../services/request';
import { routeParam, routes } from '../../../../services/routes';
import { noticeTime } from '../../../../services/time';
import { newRequestId, parseAmount } from '../../amount';
import { RefundParts } from '../../components/refund-parts';
import '../../deposit.scss';

/** Balance and records → top up → refund (amount, and which records it comes from) → progress. */
export default function DepositAccountPage() {
  useRequireLogin();
  const params = useRouter().params;
  const [chosen, setChosen] = useState(routeParam(params.patientId));
  const [topUpText, setTopUpText] = useState('');
  const [refundText, setRefundText] = useState('');
  const [plan, setPlan] = useState<DepositRefundPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState('');
  // One id per intended action, kept until it is answered, so a repeated tap is the same request.
  const topUpId = useRef('');
  const refundId = useRef('');

  const patients = useRequest(() => call('listPatients'));
  const list = patients.data?.patients ?? [];
  const patientId = list.some((p) => p.id === chosen) ? chosen : (list[0]?.id ?? '');
  const account = useRequest(async () => (patientId ? call('depositAccount', { params: { id: patientId } }) : null), [patientId]);

  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) account.reload();
    shown.current = true;
  });

  async function topUp(a: DepositAccountView): Promise<void> {
    const amount = parseAmount(topUpText, a.topUp.minFen, a.topUp.maxFen);
    if ('error' in amount) return setFormError(amount.error);
    setFormError('');
    setBusy(true);
    topUpId.current ||= newRequestId('topup');
    let leaving = false;
    try {
      const res = await call('depositTopUp', { params: { id: patientId }, body: { requestId: topUpId.current, amountFen: amount.fen, payClient: CURRENT_PLATFORM } });
      topUpId.current = '';
      if (!res.payParams) {
        account.reload();
        return;
      }
      leaving = !PAYS_IN_SHEET;
      const outcome = await startPayment(res.payParams);
      if (PAYS_IN_SHEET) {
        if (outcome === 'failed') void Taro.showToast({ title: '支付未完成，可在订单中继续支付', icon: 'none' });
        setTopUpText('');
        account.reload();
      }
    } catch (e) {
      void Taro.showModal({ title: '充值未成功', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    } finally {
      if (!leaving) setBusy(false);
    }
  }

  async function preview(a: DepositAccountView): Promise<void> {
    const amount = parseAmount(refundText, 1, a.refundableFen);
    if ('error' in amount) return setFormError(amount.error);
    setFormError('');
    setBusy(true);
    try {
      setPlan(await call('depositRefundPlan', { params: { id: patientId }, query: { amountFen: amount.fen } }));
      refundId.current = newRequestId('refund');
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function refund(p: DepositRefundPlan): Promise<void> {
    setBusy(true);
    try {
      const r = await call('depositRefund', { params: { id: patientId }, body: { requestId: refundId.current, amountFen: p.amountFen } });
      setPlan(null);
      setRefundText('');
      void Taro.navigateTo({ url: routes.depositRefund(patientId, r.refundId) });
    } catch (e) {
      void Taro.showModal({ title: '退款未受理', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setBusy(false);
    }
  }

  const gate = patientsGate(patients, '还没有就诊人，添加后即可使用门诊预交金', 'deposit');
  if (gate) return gate;
  const a = account.data;
  return (
    <PageShell className="deposit">
      <View className="deposit-chips" role="group" aria-label="选择就诊人">
        {list.map((p, i) => (
          <Button key={p.id} id={`deposit-patient-${i}`} aria-pressed={p.id === patientId ? 'true' : 'false'} className={`deposit-chip${p.id === patientId ? ' deposit-chip--active' : ''}`} onClick={() => { setChosen(p.id); setPlan(null); }}>
            {p.realName}
          </Button>
        ))}
      </View>
      {account.loading && !a ? <Loading /> : null}
      {!account.loading && !a && account.error ? <ErrorState error={account.error} onRetry={account.reload} /> : null}
      {a ? (
        <>
          <View className="section deposit-balance" aria-live="polite">
            <Text className="deposit-balance__label">可用余额</Text>
            <Text className="deposit-balance__amount" id="deposit-balance">{formatFen(a.balanceFen)}</Text>
            <Text className="deposit-balance__line" id="deposit-status">账户状态：{a.statusLabel}</Text>
            {a.blockedReason ? <View role="alert"><Text className="deposit-warning" id="deposit-blocked">{a.blockedReason}</Text></View> : null}
            <Text className="deposit-balance__line">可线上原路退回：{formatFen(a.refundableFen)}</Text>
          </View>

          {formError ? <View role="alert"><Text className="deposit-warning" id="deposit-form-error">{formError}</Text></View> : null}

          <View className="section">
            <Text className="section__title">充值</Text>
            <Text className="deposit-field__label" id="deposit-topup-label">充值金额（元）</Text>
            <Input id="deposit-topup-amount" className="input" type="digit" ariaLabel="充值金额（元）" nativeProps={{ 'aria-labelledby': 'deposit-topup-label', inputmode: 'decimal' }} value={topUpText} placeholder={`${(a.topUp.minFen / 100).toFixed(2)} – ${(a.topUp.maxFen / 100).toFixed(2)}`} disabled={Boolean(a.blockedReason)} onInput={(e) => setTopUpText(e.detail.value)} />
            <Button className="btn" id="deposit-topup-submit" disabled={busy || Boolean(a.blockedReason)} onClick={() => void topUp(a)}>
              充值并支付
            </Button>
          </View>

          <View className="section">
            <Text className="section__title">退款（原路退回）</Text>
            <Text className="deposit-field__label" id="deposit-refund-label">退款金额（元）</Text>
            <Input id="deposit-refund-amount" className="input" type="digit" ariaLabel="退款金额（元）" nativeProps={{ 'aria-labelledby': 'deposit-refund-label', inputmode: 'decimal' }} value={refundText} placeholder={`最多 ${(a.refundableFen / 100).toFixed(2)}`} disabled={a.refundableFen === 0} onInput={(e) => { setRefundText(e.detail.value); setPlan(null); }} />
            {!plan ? (
              <Button className="btn btn--ghost" id="deposit-refund-preview" disabled={busy || a.refundableFen === 0} onClick={() => void preview(a)}>
                查看退款来源
              </Button>
            ) : (
              <View id="deposit-refund-plan">
                <Text className="deposit-field__label">将从以下充值记录原路退回（最近的优先）：</Text>
                <View role="list">
                  {plan.parts.map((p, i) => (
                    <View key={p.recordId} className="deposit-plan-row" role="listitem" id={`deposit-plan-${i}`}>
                      <Text>{p.channelLabel} · {p.paidAt ? noticeTime(p.paidAt) : ''}</Text>
                      <Text className="deposit-plan-row__amount">{formatFen(p.amountFen)}</Text>
                    </View>
                  ))}
                </View>
                <Button className="btn" id="deposit-refund-submit" disabled={busy} onClick={() => void refund(plan)}>
                  确认退款 {formatFen(plan.amountFen)}
                </Button>
              </View>
            )}
          </View>

          {a.refund ? (
            <View className="section" id="deposit-latest-refund">
              <View className="deposit-part__head">
                <Text className="section__title">最近一次退款</Text>
                <Text className="deposit-refund-label">{a.refund.label}</Text>
              </View>
              <RefundParts refund={a.refund} />
              <Button className="btn btn--ghost" id="deposit-refund-open" onClick={() => void Taro.navigateTo({ url: routes.depositRefund(patientId, a.refund!.refundId) })}>
                查看退款进度
              </Button>
            </View>
          ) : null}

          <View className="section">
            <Text className="section__title">充值记录</Text>
            {a.records.length === 0 ? <Text className="deposit-part__line">暂无充值记录</Text> : null}
            <View role="list" aria-label="充值记录">
              {a.records.map((r, i) => (
                <View key={r.recordId} className="deposit-record" role="listitem" id={`deposit-record-${i}`} data-record-id={r.recordId}>
                  <View className="deposit-part__head">
                    <Text className="deposit-part__title">{r.channelLabel} · {formatFen(r.paidFen)}</Text>
                    <Text className="deposit-part__line">{r.paidAt ? noticeTime(r.paidAt) : ''}</Text>
                  </View>
                  <Text className="deposit-part__line">已退 {formatFen(r.refundedFen)} · 可退 {formatFen(r.refundableFen)}</Text>
                  {r.note ? <Text className="deposit-part__line">{r.note}</Text> : null}
                </View>
              ))}
            </View>
          </View>
        </>
      ) : null}
    </PageShell>
  );
}
