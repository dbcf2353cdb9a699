import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ConsentStatus } from '@hosp/shared';
import { routes } from '../../../services/routes';

interface Props {
  status: ConsentStatus;
  agreed: boolean;
  error?: string;
  onChange: (agreed: boolean) => void;
}

/** 我已阅读并同意《隐私政策》《用户协议》: shown until the current versions are accepted (again after a change). */
export function ConsentCheck({ status, agreed, error, onChange }: Props) {
  const open = (kind: 'privacy-policy' | 'user-agreement') => (e: { stopPropagation?: () => void }) => {
    e.stopPropagation?.();
    void Taro.navigateTo({ url: routes.legalDocument(kind) });
  };
  return (
    <View className="consent-check">
      {status.changed ? <Text className="consent-check__changed">隐私政策或用户协议已更新，请重新阅读并同意。</Text> : null}
      <View
        className={`consent-check__row${agreed ? ' consent-check__row--on' : ''}`}
        id="consent-agree-box"
        role="checkbox"
        aria-checked={agreed}
        onClick={() => onChange(!agreed)}
      >
        <View className="consent-check__box">{agreed ? '✓' : ''}</View>
        <Text>我已阅读并同意《隐私政策》和《用户协议》</Text>
      </View>
      <View className="consent-check__links">
        <View className="consent-check__link" id="consent-link-privacy" role="link" onClick={open('privacy-policy')}>
          <Text>查看《隐私政策》</Text>
        </View>
        <View className="consent-check__link" id="consent-link-terms" role="link" onClick={open('user-agreement')}>
          <Text>查看《用户协议》</Text>
        </View>
      </View>
      {error ? (
        <Text className="field__error" id="consent-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
