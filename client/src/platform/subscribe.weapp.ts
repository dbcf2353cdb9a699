import Taro from '@tarojs/taro';
import type { SubscribeResult } from './types';

/** wx.requestSubscribeMessage: must run inside a tap handler. */
export async function requestSubscribe(tmplIds: string[]): Promise<SubscribeResult> {
  if (tmplIds.length === 0) return { accepted: [], supported: true };
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>;
    return { accepted: tmplIds.filter((id) => res[id] === 'accept'), supported: true };
  } catch {
    return { accepted: [], supported: true };
  }
}
