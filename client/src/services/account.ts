import type { Me } from '@hosp/shared';
import { call } from './request';
import { getToken, setMe } from './session';

/** Reloads the account (and with it elder mode) from the server when a session exists. */
export async function refreshMe(): Promise<Me | null> {
  if (!getToken()) return null;
  const me = await call('me');
  setMe(me);
  return me;
}

export async function setElderMode(elderMode: boolean): Promise<Me> {
  const me = await call('setPreferences', { body: { elderMode } });
  setMe(me);
  return me;
}
