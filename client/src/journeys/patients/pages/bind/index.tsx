import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { useRequireLogin } from '../../../../hooks/use-session';
import { PatientForm } from '../../components/patient-form';
import '../../patients.scss';

export default function BindPage() {
  useRequireLogin();
  return (
    <PageShell className="patients-bind">
      <View className="patients__intro">
        <Text>已在医院办理过就诊卡？填写卡号与身份信息，再输入医院登记手机收到的验证码，即可绑定。</Text>
      </View>
      <PatientForm mode="bind" />
    </PageShell>
  );
}
