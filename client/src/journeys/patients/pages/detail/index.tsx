import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen, maskCardNo, type PatientDetail } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { errorMessage } from '../../../../services/error-messages';
import { call } from '../../../../services/request';
import { InfoRow } from '../../../../components/info-row';
import { InpatientSection } from '../../components/inpatient-section';
import { LinkInpatient } from '../../components/link-inpatient';
import { CARD_KIND_LABELS, RELATION_LABELS, sexLabel } from '../../labels';
import '../../patients.scss';

export default function PatientDetailPage() {
  useRequireLogin();
  const id = useRouter().params.id ?? '';
  const { data, error, loading, reload } = useRequest(() => call('getPatient', { params: { id } }), [id]);
  const [updated, setUpdated] = useState<PatientDetail | null>(null);
  const [removing, setRemoving] = useState(false);
  const p = updated ?? data;

  async function unbind(): Promise<void> {
    if (!p || removing) return;
    const { confirm } = await Taro.showModal({ title: '解绑就诊人', content: `确定解绑「${p.realName}」吗？解绑后可重新绑定。`, confirmText: '解绑', confirmColor: '#d4380d' });
    if (!confirm) return;
    setRemoving(true);
    try {
      await call('removePatient', { params: { id: p.id } });
      void Taro.showToast({ title: '已解绑', icon: 'success' });
      void Taro.navigateBack();
    } catch (e) {
      void Taro.showModal({ title: '解绑失败', content: errorMessage(e), showCancel: false });
    } finally {
      setRemoving(false);
    }
  }

  if (loading && !p) return <PageShell><Loading /></PageShell>;
  if (!p) return <PageShell><ErrorState error={error} onRetry={reload} /></PageShell>;
  const balance = p.outpatient?.cardBalanceFen;
  return (
    <PageShell className="patients-detail">
      <View className="section">
        <Text className="section__title" id="detail-name">
          {p.realName}（{RELATION_LABELS[p.relation]}）
        </Text>
        <InfoRow label="就诊卡" value={`${CARD_KIND_LABELS[p.cardKind]} ${maskCardNo(p.patientCard)}`} />
        <InfoRow label="身份证号" value={p.idNumberMasked} id="detail-id-masked" />
        <InfoRow label="手机号" value={p.phoneMasked} id="detail-phone-masked" />
        <InfoRow label="性别" value={sexLabel(p.outpatient?.sex ?? null)} />
        <InfoRow label="出生日期" value={p.outpatient?.birthday ?? '—'} />
        <InfoRow label="就诊卡余额" value={balance === null || balance === undefined ? '—' : formatFen(balance)} id="detail-balance" />
      </View>
      {p.hisUnavailable ? <Text className="patients__notice">医院系统暂时无法访问，余额等信息稍后再看</Text> : null}
      {p.inpatient ? <InpatientSection inpatient={p.inpatient} /> : null}
      <LinkInpatient patientId={p.id} onLinked={setUpdated} />
      <Button className="btn btn--danger" id="detail-unbind" disabled={removing} loading={removing} onClick={() => void unbind()}>
        解绑
      </Button>
    </PageShell>
  );
}
