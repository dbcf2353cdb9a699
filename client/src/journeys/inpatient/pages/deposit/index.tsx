import { useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFen, type StayView } from '@hosp/shared';
import { InfoRow } from '../../../../components/info-row';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routeParam, routes } from '../../../../services/routes';
import '../../inpatient.scss';

function FamilyEntry() {
  return (
    <Button className="btn btn--ghost" id="inp-family" onClick={() => void Taro.navigateTo({ url: routes.inpatientFamily })}>
      为住院亲友缴押金
    </Button>
  );
}

function Deposit({ stay }: { stay: StayView }) {
  const d = stay.deposit;
  if (!d) return <Text className="inp-note" id="inp-deposit-unavailable">医院系统暂时无法查询押金，请稍后再试</Text>;
  return (
    <View className="inp-deposit" role="group" aria-label="住院押金">
      <View className="inp-deposit__item">
        <Text className="inp-deposit__label">已缴押金</Text>
        <Text className="inp-deposit__value" id="inp-paid">{formatFen(d.paidFen)}</Text>
      </View>
      <View className="inp-deposit__item">
        <Text className="inp-deposit__label">已用金额</Text>
        <Text className="inp-deposit__value" id="inp-used">{formatFen(d.usedFen)}</Text>
      </View>
      <View className="inp-deposit__item">
        <Text className="inp-deposit__label">剩余押金</Text>
        <Text className={`inp-deposit__value${d.arrears ? ' inp-deposit__value--low' : ''}`} id="inp-remaining">{formatFen(d.remainingFen)}</Text>
      </View>
    </View>
  );
}

/** 住院首页: the linked stay of a bound patient, its deposit, and the red banner when it runs low. */
export default function StayHomePage() {
  useRequireLogin();
  const [chosen, setChosen] = useState(routeParam(useRouter().params.patientId));
  const patients = useRequest(() => call('listPatients'));
  const list = patients.data?.patients ?? [];
  const patientId = list.some((p) => p.id === chosen) ? chosen : (list[0]?.id ?? '');
  const stay = useRequest(async () => (patientId ? call('stay', { params: { id: patientId } }) : null), [patientId]);

  // Back from paying: the deposit is read again.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) stay.reload();
    shown.current = true;
  });

  if (patients.loading && !patients.data) return <PageShell><Loading /></PageShell>;
  if (!patients.data) return <PageShell><ErrorState error={patients.error} onRetry={patients.reload} /></PageShell>;
  if (list.length === 0) {
    return (
      <PageShell>
        <EmptyState text="还没有就诊人。家人住院？可凭住院号和姓名为其缴押金">
          <FamilyEntry />
        </EmptyState>
      </PageShell>
    );
  }
  const s = stay.data;
  return (
    <PageShell className="inpatient-home">
      <View className="section">
        <Text className="section__title">就诊人</Text>
        <View className="chips" role="radiogroup" aria-label="就诊人">
          {list.map((p, i) => (
            <View key={p.id} id={`inp-patient-${i}`} role="radio" aria-checked={p.id === patientId} className={`chip${p.id === patientId ? ' chip--active' : ''}`} onClick={() => setChosen(p.id)}>
              <Text>{p.realName}</Text>
            </View>
          ))}
        </View>
      </View>
      {stay.loading && !s ? <Loading /> : null}
      {!stay.loading && !s ? (
        <View className="section">
          <ErrorState error={stay.error} onRetry={stay.reload} />
          <Button className="btn btn--ghost" id="inp-link" onClick={() => void Taro.navigateTo({ url: routes.patientDetail(patientId) })}>
            在就诊人详情中关联住院号
          </Button>
        </View>
      ) : null}
      {s ? (
        <>
          {s.deposit?.arrears && s.canPrepay ? (
            <View className="inp-banner" id="inp-arrears" role="alert">
              <Text className="inp-banner__text">
                {s.deposit.remainingFen < 0 ? `押金已欠费 ${formatFen(-s.deposit.remainingFen)}` : `押金余额不足 ${formatFen(s.deposit.thresholdFen)}`}，请及时预缴，以免影响治疗
              </Text>
              <Button className="btn" id="inp-arrears-prepay" onClick={() => void Taro.navigateTo({ url: routes.inpatientPrepay(s.patientId) })}>
                去预缴
              </Button>
            </View>
          ) : null}
          <View className="section" role="region" aria-label="住院信息">
            <Text className="section__title">{s.inHospital ? '住院中' : `已出院${s.leftOn ? `（${s.leftOn}）` : ''}`}</Text>
            <InfoRow label="住院号" value={s.serialNumber} id="inp-serial" />
            <InfoRow label="科室" value={s.departmentName ?? '—'} id="inp-dept" />
            <InfoRow label="病区" value={s.ward ?? '—'} id="inp-ward" />
            <InfoRow label="床位" value={s.bed ?? '—'} />
            <InfoRow label="主管医生" value={s.doctorName ?? '—'} id="inp-doctor" />
            <InfoRow label="入院日期" value={s.admittedOn} id="inp-admitted" />
            <InfoRow label="住院天数" value={`${s.days} 天`} id="inp-days" />
          </View>
          <View className="section">
            <Text className="section__title">押金</Text>
            <Deposit stay={s} />
            {s.canPrepay ? (
              <Button className="btn" id="inp-prepay" onClick={() => void Taro.navigateTo({ url: routes.inpatientPrepay(s.patientId) })}>
                预缴押金
              </Button>
            ) : null}
            <Button className="btn btn--ghost" id="inp-day-bill" onClick={() => void Taro.navigateTo({ url: routes.inpatientDayBill(s.patientId) })}>
              一日清
            </Button>
          </View>
        </>
      ) : null}
      <FamilyEntry />
    </PageShell>
  );
}
