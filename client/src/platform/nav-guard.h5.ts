import Taro from '@tarojs/taro';
import { clearNavFailure, isLoadFailure, reportNavFailure } from '../services/nav-failure';

/**
 * H5: the router changes the URL first and loads the page's chunk after, so a chunk that cannot be
 * fetched surfaces as an unhandled rejection. Report it; 重试 renders the same route again (its
 * chunk is fetched anew) in place of the one that failed.
 */
export function guardNavigation(): void {
  if (typeof window === 'undefined') return;
  window.addEventListener('unhandledrejection', (event) => {
    if (!isLoadFailure(event.reason)) return;
    event.preventDefault();
    const route = window.location.hash.replace(/^#/, '') || '/';
    reportNavFailure(() => void Taro.redirectTo({ url: route }));
  });
  window.addEventListener('hashchange', () => clearNavFailure());
}
