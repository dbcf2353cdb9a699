import { useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { fenToYuan, formatFen, yuanToFen } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { patientsGate } from '../../../../components/patients-gate';
import { PatientChips } from '../../../../components/patient-chips';
import { ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { CURRENT_PLATFORM } from '../../../../platform/current';
import { errorMessage } from '../../../../services/error-messages';
import { call } from '../../../../services/request';
import { newRequestToken } from '../../../../services/request-token';
import { routeParam, routes } from '../../../../services/routes';
import '../../ecard.scss';

/** The custom amount in fen, or null when it is not a yuan amount. */
function customFen(text: string): number | null {
  try {
    return text.trim() ? yuanToFen(text) : null;
  } catch {
    return null;
  }
}

/** 一卡通充值: the card's balance (or why it cannot be used), an amount, then the order page to pay; the new balance shows there. */
export default function ECardPage() {
  useRequireLogin();
  const params = useRouter().params;
  const [chosenPatient, setChosenPatient] = useState(routeParam(params.patientId));
  const [preset, setPreset] = useState<number | null>(null);
  const [custom, setCustom] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const token = useRef('');

  const patients = useRequest(() => call('listPatients'));
  const list = patients.data?.patients ?? [];
  const patientId = list.some((p) => p.id === chosenPatient) ? chosenPatient : (list[0]?.id ?? '');
  const card = useRequest(async () => (patientId ? call('eCard', { query: { patientId } }) : null), [patientId]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) card.reload();
    shown.current = true;
  });

  const c = card.data;
  const amountFen = custom ? customFen(custom) : preset;
  const left = c ? Math.max(0, c.dailyLimitFen - c.todayFen) : 0;
  const amountError = c && custom && (amountFen === null || amountFen < c.minFen || amountFen > Math.min(c.maxFen, left))
    ? `请输入 ${fenToYuan(c.minFen)} 至 ${fenToYuan(Math.min(c.maxFen, left))} 元之间的金额（最多两位小数）`
    : undefined;

  async function submit(): Promise<void> {
    if (!amountFen || amountError || submitting) return;
    setSubmitting(true);
    if (!token.current) token.current = newRequestToken('rch');
    try {
      const res = await call('createRecharge', { body: { requestId: token.current, patientId, amountFen, payClient: CURRENT_PLATFORM, pay: false } });
      token.current = '';
      await Taro.navigateTo({ url: routes.orderDetail(res.order.tradeNo) });
    } catch (e) {
      token.current = '';
      void Taro.showModal({ title: '未能充值', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setSubmitting(false);
    }
  }

  const gate = patientsGate(patients, '还没有就诊人，添加后即可充值', 'ecard');
  if (gate) return gate;
  return (
    <PageShell className="ecard-page">
      <PatientChips patients={list} chosen={patientId} onChoose={(id) => { setChosenPatient(id); token.current = ''; }} idPrefix="ecard" />
      {card.loading && !c ? <Loading /> : null}
      {card.error ? <ErrorState error={card.error} onRetry={card.reload} /> : null}
      {c ? (
        <View className="ecard-card" role="region" aria-label="一卡通余额">
          <Text className="ecard-card__label">一卡通 {c.cardMasked} 余额</Text>
          <Text className="ecard-card__balance" id="ecard-balance">{c.balanceFen === null ? '—' : formatFen(c.balanceFen)}</Text>
          {c.message ? (
            <View role="alert">
              <Text className="ecard-card__warn" id="ecard-unusable">{c.message}</Text>
            </View>
          ) : null}
        </View>
      ) : null}
      {c && c.state === 'active' ? (
        <>
          <View className="pick-section">
            <Text className="pick-section__label">充值金额</Text>
            <View className="pick-chips" role="radiogroup" aria-label="充值金额">
              {c.presetsFen.map((f) => (
                <View key={f} id={`ecard-amount-${f}`} className={`pick-chip${!custom && preset === f ? ' pick-chip--active' : ''}`} role="radio" aria-checked={!custom && preset === f} onClick={() => { setPreset(f); setCustom(''); token.current = ''; }}>
                  <Text>{formatFen(f)}</Text>
                </View>
              ))}
            </View>
          </View>
          <View className="pick-section">
            <View className="field">
              <Text className="field__label" id="ecard-custom-label">其他金额（元）</Text>
              <Input
                id="ecard-custom"
                className={`input${amountError ? ' input--invalid' : ''}`}
                type="digit"
                value={custom}
                maxlength={9}
                placeholder={`${fenToYuan(c.minFen)} - ${fenToYuan(c.maxFen)}`}
                ariaLabel="其他金额（元）"
                nativeProps={{ 'aria-labelledby': 'ecard-custom-label', 'aria-invalid': amountError ? 'true' : 'false', inputmode: 'decimal', ...(amountError ? { 'aria-describedby': 'ecard-custom-error' } : {}) }}
                onInput={(e) => { setCustom(e.detail.value); token.current = ''; }}
              />
              {amountError ? <View className="field__error" id="ecard-custom-error" role="alert">{amountError}</View> : null}
            </View>
          </View>
          <Text className="ecard-rules">单笔 {formatFen(c.minFen)} 至 {formatFen(c.maxFen)}，每日最多 {formatFen(c.dailyLimitFen)}，今日还可充值 {formatFen(left)}</Text>
          <Button className="btn" id="ecard-submit" disabled={!amountFen || Boolean(amountError) || submitting} loading={submitting} onClick={() => void submit()}>
            {amountFen && !amountError ? `充值 ${formatFen(amountFen)}` : '充值'}
          </Button>
        </>
      ) : null}
    </PageShell>
  );
}
