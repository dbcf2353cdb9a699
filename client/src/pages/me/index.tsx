import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { BottomNav } from '../../components/bottom-nav';
import { PageShell } from '../../components/page-shell';
import { ErrorState, Loading } from '../../components/state-view';
import { useRequest } from '../../hooks/use-request';
import { useRequireLogin, useSession } from '../../hooks/use-session';
import { refreshMe, setElderMode } from '../../services/account';
import { errorMessage } from '../../services/error-messages';
import { call } from '../../services/request';
import { goLogin, routes } from '../../services/routes';
import { clearSession } from '../../services/session';
import './index.scss';

const PLATFORM_NAMES = { weapp: '微信', alipay: '支付宝', h5: '医院 App', demo: '演示账户' } as const;

export default function MePage() {
  useRequireLogin();
  const { me } = useSession();
  const loadMe = useRequest(() => refreshMe());
  // The customer-service phone is the hospital's (config), not the app's.
  const hospital = useRequest(() => call('hospitalInfo'));
  // A changed privacy policy or user agreement is asked again here (and before the next binding).
  const consent = useRequest(() => call('consent'));
  const [saving, setSaving] = useState(false);

  async function toggleElder(): Promise<void> {
    if (!me || saving) return;
    setSaving(true);
    try {
      await setElderMode(!me.elderMode);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setSaving(false);
    }
  }

  async function logout(): Promise<void> {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定要退出登录吗？', confirmText: '退出' });
    if (!confirm) return;
    try {
      await call('logout');
    } catch {
      // the session is dropped locally either way
    }
    clearSession();
    goLogin();
  }

  const elder = me?.elderMode ?? false;
  return (
    <PageShell withNav className="me">
      {loadMe.loading && !me ? <Loading /> : null}
      {loadMe.error && !me ? <ErrorState error={loadMe.error} onRetry={loadMe.reload} /> : null}
      {me ? (
        <View className="section">
          <Text className="section__title">我的账户</Text>
          <View className="row">
            <Text className="row__label">登录方式</Text>
            <Text id="me-platform" className="row__value">{PLATFORM_NAMES[me.platform]}</Text>
          </View>
          <View className="row">
            <Text className="row__label">账户编号</Text>
            <Text className="row__value me__account">{me.accountId}</Text>
          </View>
        </View>
      ) : null}
      {me ? (
        <View className="section">
          <View
            id="me-elder-switch"
            className={`row me__switch${elder ? ' me__switch--on' : ''}`}
            aria-checked={elder}
            data-checked={elder ? 'true' : 'false'}
            role="switch"
            onClick={() => void toggleElder()}
          >
            <View>
              <Text className="me__switch-title">长辈模式</Text>
              <Text className="me__switch-desc">更大的字体和按钮</Text>
            </View>
            <View className="me__toggle">
              <View className="me__knob" />
            </View>
          </View>
        </View>
      ) : null}
      {hospital.data?.customerServicePhone ? (
        <View className="section">
          <View
            id="me-service"
            className="row me__service"
            role="button"
            onClick={() => void Taro.makePhoneCall({ phoneNumber: hospital.data!.customerServicePhone! }).catch(() => undefined)}
          >
            <Text className="row__label">联系客服</Text>
            <View className="row__value me__service-right">
              <Text id="me-service-phone">{hospital.data.customerServicePhone}</Text>
              {hospital.data.serviceHours ? <Text className="me__switch-desc">{hospital.data.serviceHours}</Text> : null}
            </View>
          </View>
        </View>
      ) : null}
      {consent.data?.changed ? (
        <View className="section me__consent" id="me-consent-changed" role="link" onClick={() => void Taro.navigateTo({ url: routes.consent })}>
          <Text className="me__switch-title">隐私政策或用户协议已更新</Text>
          <Text className="me__switch-desc">请阅读并同意新版本</Text>
        </View>
      ) : null}
      <View className="section">
        <View className="row me__link" id="me-privacy-policy" role="link" onClick={() => void Taro.navigateTo({ url: routes.legalDocument('privacy-policy') })}>
          <Text>隐私政策</Text>
          <Text className="me__chevron">›</Text>
        </View>
        <View className="row me__link" id="me-user-agreement" role="link" onClick={() => void Taro.navigateTo({ url: routes.legalDocument('user-agreement') })}>
          <Text>用户协议</Text>
          <Text className="me__chevron">›</Text>
        </View>
      </View>
      {loadMe.error && me ? <Text className="me__stale">账户信息未能刷新：{errorMessage(loadMe.error)}</Text> : null}
      <Button className="btn btn--danger" id="me-logout" onClick={() => void logout()}>
        退出登录
      </Button>
      <BottomNav current="me" />
    </PageShell>
  );
}
