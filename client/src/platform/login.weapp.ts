import Taro from '@tarojs/taro';
import type { LoginCredential } from './types';

export function primeLogin(): void {
  // nothing to capture on WeChat: wx.login gives a fresh code on demand
}

/** wx.login → a one-time code the BFF exchanges with code2Session. */
export async function platformLogin(): Promise<LoginCredential | null> {
  const res = await Taro.login();
  if (!res.code) throw new Error(res.errMsg || 'wx.login returned no code');
  return { platform: 'weapp', code: res.code };
}

export const demoLoginAllowed = false;
