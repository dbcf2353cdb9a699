import Taro from '@tarojs/taro';
import { isLoadFailure, reportNavFailure } from '../services/nav-failure';

/**
/* Alipay: as on WeChat. */
/**
 * Mini-programs download a subpackage on the first tap that needs it; offline, navigateTo fails.
 * Every navigation goes through Taro's API, so wrapping it here covers every tap in the app.
 */
export function guardNavigation(): void {
  for (const method of ['navigateTo', 'redirectTo', 'reLaunch'] as const) {
    const original = Taro[method] as (opts: { url: string }) => Promise<unknown>;
    (Taro as unknown as Record<string, unknown>)[method] = (opts: { url: string }) =>
      original(opts).catch((err: unknown) => {
        if (!isLoadFailure(err)) throw err;
        reportNavFailure(() => void (Taro[method] as (o: { url: string }) => Promise<unknown>)({ url: opts.url }));
        return { errMsg: `${method}:fail network` };
      });
  }
}
