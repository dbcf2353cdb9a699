import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen, maskCardNo, SEX_WORDS, type PatientDetail } from '@hosp/shared';
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
import { routes } from '../../../../services/routes';
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
    const { confirm } = await Taro.showModal({ title: '解绑就诊人', content: `确定解绑「${p.realName}」吗？解绑后可重新绑定。`, confirmText: '解绑', confirmColor: '#c3300a' });
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
        {/* The ID number itself says sex and birth date; HIS's record where it has none. */}
        <InfoRow label="性别" value={p.person ? SEX_WORDS[p.person.sex] : sexLabel(p.outpatient?.sex ?? null)} id="detail-sex" />
        <InfoRow label="出生日期" value={p.person ? `${p.person.birthDate}（${p.person.age} 岁）` : (p.outpatient?.birthday ?? '—')} id="detail-birth" />
        {p.guardian ? <InfoRow label="监护人" value={`${p.guardian.realName}（${p.guardian.idNumberMasked}）`} id="detail-guardian" /> : null}
        <InfoRow label="就诊卡余额" value={balance === null || balance === undefined ? '—' : formatFen(balance)} id="detail-balance" />
      </View>
      <Button className="btn" id="detail-show-card" onClick={() => void Taro.navigateTo({ url: routes.patientCard(p.id) })}>
        出示电子就诊卡
      </Button>
      {p.hisUnavailable ? <Text className="patients__notice">医院系统暂时无法访问，余额等信息稍后再看</Text> : null}
      {p.inpatient ? <InpatientSection inpatient={p.inpatient} /> : null}
      <LinkInpatient patientId={p.id} onLinked={setUpdated} />
      <Button className="btn btn--danger" id="detail-unbind" disabled={removing} loading={removing} onClick={() => void unbind()}>
        解绑
      </Button>
    </PageShell>
  );
}
