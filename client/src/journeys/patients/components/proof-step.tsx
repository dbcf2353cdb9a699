import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { VerificationSent } from '@hosp/shared';
import { TextField } from './text-field';

interface Props {
  idPrefix: string;
  sent: VerificationSent;
  code: string;
  error?: string;
  busy: boolean;
  onCode: (code: string) => void;
  onResend: () => void;
}

/** The one-time code step: where it went (masked), the code, and 重新获取 once the interval has passed. */
export function ProofStep({ idPrefix, sent, code, error, busy, onCode, onResend }: Props) {
  const [wait, setWait] = useState(sent.resendAfterSeconds);
  useEffect(() => {
    setWait(sent.resendAfterSeconds);
    const timer = setInterval(() => setWait((w) => (w > 0 ? w - 1 : 0)), 1000);
    return () => clearInterval(timer);
  }, [sent]);
  return (
    <View className="proof-step" id={`${idPrefix}-proof`}>
      <Text className="proof-step__sent" id={`${idPrefix}-code-sent`}>
        验证码已发送至医院登记的手机 {sent.phoneMasked}，5 分钟内有效。
      </Text>
      {sent.simInboxUrl ? (
        <Text className="proof-step__demo" id={`${idPrefix}-sim-inbox`}>
          演示环境不发真实短信，请在模拟短信收件箱查看：{sent.simInboxUrl}
        </Text>
      ) : null}
      <TextField id={`${idPrefix}-code`} label="短信验证码" value={code} error={error} placeholder="6 位数字" type="number" maxlength={6} onChange={onCode} />
      <View
        className={`proof-step__resend${wait > 0 || busy ? ' proof-step__resend--off' : ''}`}
        id={`${idPrefix}-resend`}
        role="button"
        aria-disabled={wait > 0 || busy}
        onClick={() => {
          if (wait === 0 && !busy) onResend();
        }}
      >
        <Text>{wait > 0 ? `${wait} 秒后可重新获取` : '重新获取验证码'}</Text>
      </View>
    </View>
  );
}
