import Taro from '@tarojs/taro';
import type { Me } from '@hosp/shared';

/** The session lives in storage so it survives restarts; elder mode is cached for the first paint. */
const TOKEN_KEY = 'hosp.session.token';
const ME_KEY = 'hosp.session.me';

interface SessionState {
  token: string | null;
  me: Me | null;
}

function readStorage(): SessionState {
  try {
    const token = Taro.getStorageSync<string>(TOKEN_KEY) || null;
    const me = (Taro.getStorageSync<Me | ''>(ME_KEY) || null) as Me | null;
    return { token, me: token ? me : null };
  } catch {
    return { token: null, me: null };
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

export function setSession(token: string, me: Me): void {
  state = { token, me };
  Taro.setStorageSync(TOKEN_KEY, token);
  Taro.setStorageSync(ME_KEY, me);
  emit();
}

export function setMe(me: Me): void {
  if (!state.token) return;
  state = { ...state, me };
  Taro.setStorageSync(ME_KEY, me);
  emit();
}

export function clearSession(): void {
  state = { token: null, me: null };
  try {
    Taro.removeStorageSync(TOKEN_KEY);
    Taro.removeStorageSync(ME_KEY);
  } catch {
    // storage unavailable: the in-memory state is already cleared
  }
  emit();
}
