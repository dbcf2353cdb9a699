import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { LoginRequest } from '@hosp/shared';
import { PageShell } from '../../components/page-shell';
import { demoLoginAllowed, platformLogin } from '../../platform/login';
import type { LoginCredential } from '../../platform/types';
import { isApiError } from '../../services/api-error';
import { errorMessage } from '../../services/error-messages';
import { call } from '../../services/request';
import { goHome } from '../../services/routes';
import { setSession } from '../../services/session';
import './index.scss';

type Phase = 'platform' | 'idle' | 'submitting';

export default function LoginPage() {
  const [phase, setPhase] = useState<Phase>('platform');
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');

  async function exchange(credential: LoginCredential): Promise<void> {
    setPhase('submitting');
    setError(null);
    try {
      const res = await call('login', { body: credential });
      setSession(res.token, res.me, res.expiresInSeconds);
      goHome();
    } catch (e) {
      setError(errorMessage(e));
      setPhase('idle');
    }
  }

  /** The platform's own login (wx.login / my.getAuthCode / the hospital app's ticket). */
  async function loginWithPlatform(): Promise<void> {
    setPhase('platform');
    setError(null);
    try {
      const credential = await platformLogin();
      if (credential) await exchange(credential);
      else setPhase('idle');
    } catch (e) {
      setError(isApiError(e) ? errorMessage(e) : '无法获取平台授权，请重试');
      setPhase('idle');
    }
  }

  useEffect(() => {
    void loginWithPlatform();
  }, []);

  function submitDemo(): void {
    const parsed = LoginRequest.safeParse({ platform: 'demo', code: name });
    if (!parsed.success) {
      setError('请输入演示用户姓名');
      return;
    }
    void exchange(parsed.data);
  }

  const busy = phase !== 'idle';
  return (
    <PageShell className="login">
      <View className="login__head">
        <Text className="login__title">欢迎使用医院服务</Text>
        <Text className="login__sub">登录后可管理就诊人、预约挂号、缴费与查询报告</Text>
      </View>
      {phase === 'platform' ? <Text className="login__status">正在登录…</Text> : null}
      {error ? (
        <Text className="login__error" id="login-error">
          {error}
        </Text>
      ) : null}
      {!demoLoginAllowed ? (
        <Button className="btn" id="login-retry" disabled={busy} loading={busy} onClick={() => void loginWithPlatform()}>
          {busy ? '正在登录…' : '重试登录'}
        </Button>
      ) : null}
      {demoLoginAllowed && phase !== 'platform' ? (
        <View className="section login__demo">
          <Text className="section__title">演示登录</Text>
          <Text className="login__hint">未从医院 App 打开时，可输入任意姓名体验（仅演示环境可用）</Text>
          <Input
            id="login-demo-name"
            className="input"
            placeholder="请输入姓名"
            value={name}
            maxlength={40}
            onInput={(e) => setName(e.detail.value)}
            onConfirm={submitDemo}
          />
          <Button className="btn" id="login-demo-submit" disabled={busy} loading={phase === 'submitting'} onClick={submitDemo}>
            演示登录
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
