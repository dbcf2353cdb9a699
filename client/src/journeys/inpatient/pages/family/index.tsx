import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { formatFen, type FamilyStayView } from '@hosp/shared';
import { InfoRow } from '../../../../components/info-row';
import { PageShell } from '../../../../components/page-shell';
import { ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { CURRENT_PLATFORM } from '../../../../platform/current';
import { errorMessage } from '../../../../services/error-messages';
import { call } from '../../../../services/request';
import { AmountPicker } from '../../components/amount-picker';
import { payPrepay } from '../../pay-prepay';
import { prepayRequestId } from '../../request-id';
import '../../inpatient.scss';

/**
 * 为住院亲友缴押金: the relative knows the inpatient number and the name; the hospital confirms the
 * pair and shows only the masked name, department and ward. The receipt is the payer's.
 */
export default function FamilyTopUpPage() {
  useRequireLogin();
  const options = useRequest(() => call('prepayOptions'));
  const [serialNumber, setSerial] = useState('');
  const [realName, setName] = useState('');
  const [found, setFound] = useState<(FamilyStayView & { realName: string }) | null>(null);
  const [amountFen, setAmountFen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const tap = useRef<{ amountFen: number; id: string } | null>(null);

  async function lookup(): Promise<void> {
    if (busy || !serialNumber.trim() || !realName.trim()) return;
    setBusy(true);
    try {
      const view = await call('familyLookup', { body: { serialNumber: serialNumber.trim(), realName: realName.trim() } });
      setFound({ ...view, realName: realName.trim() });
    } catch (e) {
      void Taro.showModal({ title: '未能核对', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setBusy(false);
    }
  }

  async function submit(): Promise<void> {
    if (busy || !found || amountFen === null) return;
    if (tap.current?.amountFen !== amountFen) tap.current = { amountFen, id: prepayRequestId() };
    setBusy(true);
    try {
      const res = await call('familyPrepay', { body: { requestId: tap.current.id, serialNumber: found.serialNumber, realName: found.realName, amountFen, payClient: CURRENT_PLATFORM } });
      await payPrepay(res);
    } catch (e) {
      setBusy(false);
      void Taro.showModal({ title: '缴费未能发起', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
    }
  }

  if (options.loading && !options.data) return <PageShell><Loading /></PageShell>;
  if (!options.data) return <PageShell><ErrorState error={options.error} onRetry={options.reload} /></PageShell>;
  if (!found) {
    return (
      <PageShell className="inpatient-family">
        <View className="section">
          <Text className="section__title">填写住院患者信息</Text>
          <View className="field">
            <Text className="field__label" id="family-serial-label">住院号</Text>
            <Input id="family-serial" className="input" value={serialNumber} maxlength={32} aria-labelledby="family-serial-label" placeholder="请输入住院号" onInput={(e) => setSerial(e.detail.value)} />
          </View>
          <View className="field">
            <Text className="field__label" id="family-name-label">患者姓名</Text>
            <Input id="family-name" className="input" value={realName} maxlength={40} aria-labelledby="family-name-label" placeholder="请输入患者姓名" onInput={(e) => setName(e.detail.value)} />
          </View>
          <Text className="inp-note">核对通过后仅显示患者部分姓名、科室和病区，不显示押金和费用明细。</Text>
          <Button className="btn" id="family-lookup" disabled={busy || !serialNumber.trim() || !realName.trim()} onClick={() => void lookup()}>
            下一步
          </Button>
        </View>
      </PageShell>
    );
  }
  return (
    <PageShell className="inpatient-family">
      <View className="section" role="region" aria-label="住院患者">
        <Text className="section__title">住院患者</Text>
        <InfoRow label="患者" value={found.maskedName} id="family-masked-name" />
        <InfoRow label="住院号" value={found.serialNumber} />
        <InfoRow label="科室" value={found.departmentName ?? '—'} id="family-dept" />
        <InfoRow label="病区" value={found.ward ?? '—'} id="family-ward" />
      </View>
      <View className="section">
        <Text className="section__title">缴费金额</Text>
        <AmountPicker options={options.data} onChange={setAmountFen} />
        <Button className="btn" id="family-submit" disabled={amountFen === null || busy} loading={busy} onClick={() => void submit()}>
          {amountFen === null ? '请选择金额' : `确认缴费 ${formatFen(amountFen)}`}
        </Button>
        <Button className="btn btn--ghost" id="family-back" onClick={() => setFound(null)}>重新填写</Button>
      </View>
    </PageShell>
  );
}
