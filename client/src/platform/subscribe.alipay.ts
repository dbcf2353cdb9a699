import { templateList } from './templates';
import type { SubscribeResult } from './types';

/** The Alipay templates this build asks for (TARO_APP_ALIPAY_SUBSCRIBE_TEMPLATES). */
export function subscribeTemplates(): string[] {
  return templateList(process.env.TARO_APP_ALIPAY_SUBSCRIBE_TEMPLATES).slice(0, 3);
}

/** my.requestSubscribeMessage with Alipay template (entity) ids. */
export function requestSubscribe(entityIds: string[]): Promise<SubscribeResult> {
  if (entityIds.length === 0) return Promise.resolve({ accepted: [], supported: true });
  return new Promise((resolve) => {
    my.requestSubscribeMessage({
      entityIds,
      success: (res) => resolve({ accepted: entityIds.filter((id) => res[id] === 'accept' || res.behavior === 'subscribe'), supported: true }),
      fail: () => resolve({ accepted: [], supported: true }),
    });
  });
}
