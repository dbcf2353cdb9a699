import { requestSubscribe, subscribeTemplates } from '../platform/subscribe';
import type { SubscribeResult } from '../platform/types';

/** Longest we wait for the platform's prompt before going on without it. */
const GIVE_UP_MS = 30_000;

/**
 * Asks for the subscription messages (report ready, order posted, queue near) at a natural moment.
 * Never throws and never holds the flow: a refusal, an error or a prompt that never answers all
 * come back as "nothing accepted". H5 has no prompt (the hospital app pushes its own notices).
 */
export async function askToSubscribe(): Promise<SubscribeResult> {
  const ids = subscribeTemplates();
  if (ids.length === 0) return { accepted: [], supported: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<SubscribeResult>((resolve) => {
    timer = setTimeout(() => resolve({ accepted: [], supported: true }), GIVE_UP_MS);
  });
  try {
    return await Promise.race([requestSubscribe(ids).catch(() => ({ accepted: [], supported: true })), giveUp]);
  } catch {
    return { accepted: [], supported: true };
  } finally {
    clearTimeout(timer);
  }
}
