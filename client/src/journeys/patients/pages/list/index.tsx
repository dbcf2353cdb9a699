import { useRef } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routes } from '../../../../services/routes';
import { PatientCard } from '../../components/patient-card';
import '../../patients.scss';

export default function PatientListPage() {
  useRequireLogin();
  const { data, error, loading, reload } = useRequest(() => call('listPatients'));
  const shown = useRef(false);
  // Coming back from bind / create / unbind: load again (the first show is the mount's load).
  useDidShow(() => {
    if (shown.current) reload();
    shown.current = true;
  });

  const patients = data?.patients ?? [];
  const full = data ? patients.length >= data.limit : false;
  return (
    <PageShell className="patients-list">
      {loading && !data ? <Loading /> : null}
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {data && patients.length === 0 ? <EmptyState text="还没有就诊人，请先绑卡或建卡" /> : null}
      {patients.map((p, i) => (
        <PatientCard key={p.id} patient={p} index={i} />
      ))}
      {data ? (
        <View className="patients__actions">
          <Text className="patients__count">
            已添加 {patients.length} / {data.limit} 人{full ? '，已达上限' : ''}
          </Text>
          <Button className="btn" id="patients-add-bind" disabled={full} onClick={() => void Taro.navigateTo({ url: routes.patientBind })}>
            绑定已有就诊卡
          </Button>
          <Button className="btn btn--ghost" id="patients-add-create" disabled={full} onClick={() => void Taro.navigateTo({ url: routes.patientCreate })}>
            在线建卡
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
