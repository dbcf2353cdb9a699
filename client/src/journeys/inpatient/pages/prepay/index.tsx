import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen } from '@hosp/shared';
import { InfoRow } from '../../../../components/info-row';
import { PageShell } from '../../../../components/page-shell';
import { ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { CURRENT_PLATFORM } from '../../../../platform/current';
import { errorMessage } from '../../../../services/error-messages';
import { call } from '../../../../services/request';
import { routeParam } from '../../../../services/routes';
import { AmountPicker } from '../../components/amount-picker';
import { payPrepay } from '../../pay-prepay';
import { prepayRequestId } from '../../request-id';
import '../../inpatient.scss';

/** 押金预缴 for a bound patient's stay. */
export default function PrepayPage() {
  useRequireLogin();
  const patientId = routeParam(useRouter().params.patientId);
  const stay = useRequest(() => call('stay', { params: { id: patientId } }), [patientId]);
  const options = useRequest(() => call('prepayOptions'));
  const [amountFen, setAmountFen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const tap = useRef<{ amountFen: number; id: string } | null>(null);

  async function submit(): Promise<void> {
    if (busy || amountFen === null) return;
    // The same amount tapped again reuses its id: the BFF answers with the first order.
    if (tap.current?.amountFen !== amountFen) tap.current = { amountFen, id: prepayRequestId() };
    setBusy(true);
    try {
      const res = await call('prepay', { body: { requestId: tap.current.id, patientId, amountFen, payClient: CURRENT_PLATFORM } });
      await payPrepay(res, patientId);
    } catch (e) {
      setBusy(false);
      void Taro.showModal({ title: '预缴未能发起', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    }
  }

  if ((stay.loading && !stay.data) || (options.loading && !options.data)) return <PageShell><Loading /></PageShell>;
  if (!stay.data) return <PageShell><ErrorState error={stay.error} onRetry={stay.reload} /></PageShell>;
  if (!options.data) return <PageShell><ErrorState error={options.error} onRetry={options.reload} /></PageShell>;
  const s = stay.data;
  return (
    <PageShell className="inpatient-prepay">
      <View className="section">
        <Text className="section__title">住院信息</Text>
        <InfoRow label="患者" value={s.patientName} />
        <InfoRow label="住院号" value={s.serialNumber} />
        <InfoRow label="剩余押金" value={s.deposit ? formatFen(s.deposit.remainingFen) : '—'} id="prepay-remaining" />
      </View>
      {s.canPrepay ? (
        <View className="section">
          <Text className="section__title">预缴金额</Text>
          <AmountPicker options={options.data} onChange={setAmountFen} />
          <Button className="btn" id="prepay-submit" disabled={amountFen === null || busy} loading={busy} onClick={() => void submit()}>
            {amountFen === null ? '请选择金额' : `确认缴费 ${formatFen(amountFen)}`}
          </Button>
        </View>
      ) : (
        <View className="section" role="status"><Text className="inp-note">该住院已结束，不能再预缴押金</Text></View>
      )}
    </PageShell>
  );
}
