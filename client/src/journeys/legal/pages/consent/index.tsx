import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { AGREE_OPEN_TYPE, answerPrivacy, PRIVACY_AGREE_BUTTON_ID } from '../../../../platform/privacy';
import { acceptShown } from '../../../../services/consent';
import { errorMessage } from '../../../../services/error-messages';
import { call } from '../../../../services/request';
import { routes } from '../../../../services/routes';
import '../../legal.scss';

/**
 * Asks for (again, after a change) the patient's agreement to the privacy policy and user
 * agreement. On WeChat its 同意 button also tells the platform (open-type agreePrivacyAuthorization).
 */
export default function ConsentPage() {
  useRequireLogin();
  const status = useRequest(() => call('consent'));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function agree(): Promise<void> {
    if (!status.data || saving) return;
    setSaving(true);
    setError(null);
    try {
      await acceptShown(status.data);
      answerPrivacy(true);
      void Taro.showToast({ title: '已同意', icon: 'success' });
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
      else void Taro.reLaunch({ url: routes.me });
    } catch (e) {
      setError(errorMessage(e));
      status.reload();
    } finally {
      setSaving(false);
    }
  }

  function decline(): void {
    answerPrivacy(false);
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.reLaunch({ url: routes.home });
  }

  const s = status.data;
  return (
    <PageShell className="legal-consent">
      {status.loading && !s ? <Loading /> : null}
      {status.error && !s ? <ErrorState error={status.error} onRetry={status.reload} /> : null}
      {s ? (
        <View className="section">
          <View role="heading" aria-level={1}>
            <Text className="legal__title">{s.changed ? '隐私政策或用户协议已更新' : '请阅读隐私政策和用户协议'}</Text>
          </View>
          <Text className="legal__para">
            为办理就诊卡、预约挂号和查询报告，我们需要收集就诊人的姓名、身份证号和手机号。请阅读以下文件，同意后方可添加就诊人。
          </Text>
          {s.documents.map((d) => (
            <View key={d.kind} className="legal__link" role="link" id={`consent-open-${d.kind}`} onClick={() => void Taro.navigateTo({ url: routes.legalDocument(d.kind) })}>
              <Text>
                《{d.title}》 版本 {d.version}
                {d.acceptedVersion && d.acceptedVersion !== d.version ? `（您曾同意 ${d.acceptedVersion} 版）` : ''}
              </Text>
            </View>
          ))}
          {error ? (
            <Text className="field__error" id="consent-error">
              {error}
            </Text>
          ) : null}
          {s.required ? (
            <Button
              className="btn"
              id={PRIVACY_AGREE_BUTTON_ID}
              openType={AGREE_OPEN_TYPE}
              disabled={saving}
              loading={saving}
              onClick={() => void agree()}
            >
              同意并继续
            </Button>
          ) : (
            <Text className="legal__meta" id="consent-done">
              您已同意当前版本。
            </Text>
          )}
          {s.required ? (
            <Button className="btn btn--ghost" id="consent-decline" onClick={decline}>
              暂不同意
            </Button>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}
