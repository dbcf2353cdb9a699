import type { SubscribeResult } from './types';

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
