import type { SubscribeResult } from './types';

/** Nothing to ask for on H5. */
export function subscribeTemplates(): string[] {
  return [];
}

/** The hospital app pushes its own notices: nothing to ask for on H5. */
export async function requestSubscribe(_ids: string[]): Promise<SubscribeResult> {
  return { accepted: [], supported: false };
}
