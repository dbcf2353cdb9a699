import type { SubscribeResult } from './types';

/** The hospital app pushes its own notices: nothing to ask for on H5. */
export async function requestSubscribe(_ids: string[]): Promise<SubscribeResult> {
  return { accepted: [], supported: false };
}
