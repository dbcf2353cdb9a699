import Taro from '@tarojs/taro';
import { templateList } from './templates';
import type { SubscribeResult } from './types';

/** WeChat asks about at most 3 templates per prompt. */
const MAX_PER_PROMPT = 3;

/** The templates this build asks for (TARO_APP_SUBSCRIBE_TEMPLATES). */
export function subscribeTemplates(): string[] {
  return templateList(process.env.TARO_APP_SUBSCRIBE_TEMPLATES).slice(0, MAX_PER_PROMPT);
}

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
