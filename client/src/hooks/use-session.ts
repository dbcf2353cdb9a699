import { useSyncExternalStore } from 'react';
import { useDidShow } from '@tarojs/taro';
import { goLogin } from '../services/routes';
import { getSession, getToken, subscribeSession } from '../services/session';

export function useSession() {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}

export function useElderMode(): boolean {
  return useSession().me?.elderMode ?? false;
}

/** Pages that need an account send the user to login when there is no session. */
export function useRequireLogin(): void {
  useDidShow(() => {
    if (!getToken()) goLogin();
  });
}
