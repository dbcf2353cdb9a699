import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { useRequireLogin } from '../../../../hooks/use-session';
import { PatientForm } from '../../components/patient-form';
import '../../patients.scss';

export default function CreatePage() {
  useRequireLogin();
  return (
    <PageShell className="patients-create">
      <View className="patients__intro">
        <Text>没有就诊卡？在线建立电子就诊卡，到院后可换领实体卡。</Text>
      </View>
      <PatientForm mode="create" />
    </PageShell>
  );
}
