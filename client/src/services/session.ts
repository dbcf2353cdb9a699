import Taro from '@tarojs/taro';
import type { Me } from '@hosp/shared';

/** The session lives in storage so it survives restarts; elder mode is cached for the first paint. */
const TOKEN_KEY = 'hosp.session.token';
const ME_KEY = 'hosp.session.me';
/** When (this device's ms) the token is past half its life and should be traded for a new one. */
const REFRESH_KEY = 'hosp.session.refreshAt';

interface SessionState {
  token: string | null;
  me: Me | null;
  refreshAt: number | null;
}

function readStorage(): SessionState {
  try {
    const token = Taro.getStorageSync<string>(TOKEN_KEY) || null;
    const me = (Taro.getStorageSync<Me | ''>(ME_KEY) || null) as Me | null;
    const refreshAt = Number(Taro.getStorageSync<number | ''>(REFRESH_KEY)) || null;
    return { token, me: token ? me : null, refreshAt: token ? refreshAt : null };
  } catch {
    return { token: null, me: null, refreshAt: null };
  }
}

let state: SessionState = readStorage();
const listeners = new Set<() => void>();

function emit(): void {
  listeners.forEach((fn) => fn());
}

export function subscribeSession(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function getSession(): SessionState {
  return state;
}

export function getToken(): string | null {
  return state.token;
}

/** `expiresInSeconds` from the server: measured from now, so this device's clock does not matter. */
export function setSession(token: string, me: Me, expiresInSeconds: number): void {
  const refreshAt = Date.now() + (expiresInSeconds * 1000) / 2;
  state = { token, me, refreshAt };
  Taro.setStorageSync(TOKEN_KEY, token);
  Taro.setStorageSync(ME_KEY, me);
  Taro.setStorageSync(REFRESH_KEY, refreshAt);
  emit();
}

/** Whether the token should be refreshed before the next call. */
export function sessionNeedsRefresh(now = Date.now()): boolean {
  return state.token !== null && state.refreshAt !== null && now >= state.refreshAt;
}

export function setMe(me: Me): void {
  if (!state.token) return;
  state = { ...state, me };
  Taro.setStorageSync(ME_KEY, me);
  emit();
}

export function clearSession(): void {
  state = { token: null, me: null, refreshAt: null };
  try {
    Taro.removeStorageSync(TOKEN_KEY);
    Taro.removeStorageSync(ME_KEY);
    Taro.removeStorageSync(REFRESH_KEY);
  } catch {
    // storage unavailable: the in-memory state is already cleared
  }
  emit();
}
