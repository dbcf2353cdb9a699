import Taro from '@tarojs/taro';

/*
 * In-app links (a notice's `link`). Kept out of routes.ts on purpose: routes.ts is in the app shell
 * (request.ts needs goLogin) and Taro.showToast here would pull H5's toast/modal code into the first load.
 */

/** Every page this build has (app.config.ts): in-app links elsewhere are journeys still to come. */
const BUILT_PAGES: ReadonlySet<string> = new Set([
  'pages/home/index',
  'pages/me/index',
  'pages/login/index',
  'pages/notices/index',
  'journeys/patients/pages/list/index',
  'journeys/patients/pages/bind/index',
  'journeys/patients/pages/create/index',
  'journeys/patients/pages/detail/index',
  'journeys/booking/pages/departments/index',
  'journeys/booking/pages/schedules/index',
  'journeys/booking/pages/slots/index',
  'journeys/booking/pages/confirm/index',
  'journeys/orders/pages/list/index',
  'journeys/orders/pages/detail/index',
  'journeys/reports/pages/list/index',
  'journeys/reports/pages/detail/index',
  'journeys/queue/pages/mine/index',
  'journeys/legal/pages/document/index',
  'journeys/legal/pages/consent/index',
  'journeys/inpatient/pages/deposit/index',
  'journeys/inpatient/pages/daily-bill/index',
  'journeys/inpatient/pages/prepay/index',
  'journeys/inpatient/pages/result/index',
  'journeys/inpatient/pages/family/index',
  'journeys/outpatient/pages/list/index',
  'journeys/outpatient/pages/visits/index',
  'journeys/outpatient/pages/unpaid/index',
  'journeys/ecard/pages/recharge/index',
]);
/** Pages reached from the bottom navigation: opened in place, not stacked. */
const ROOT_PAGES: ReadonlySet<string> = new Set(['pages/home/index', 'pages/me/index']);

/** The page path of an in-app link ("/journeys/x/pages/y/index?a=1" → "journeys/x/pages/y/index"), or '' when it is not one. */
export function linkPage(link: string): string {
  const path = (link.split('?')[0] ?? '').split('#')[0] ?? '';
  if (!path.startsWith('/') || path.startsWith('//')) return '';
  return path.replace(/^\/+/, '');
}

/**
 * Opens an in-app link (a notice's): the page when this build has it, else 「该功能即将上线」.
 * Answers whether it navigated.
 */
export function openLink(link: string): boolean {
  if (!link) return false;
  const page = linkPage(link);
  if (!BUILT_PAGES.has(page)) {
    void Taro.showToast({ title: '该功能即将上线', icon: 'none' });
    return false;
  }
  const q = link.indexOf('?');
  const url = `/${page}${q >= 0 ? link.slice(q) : ''}`;
  if (ROOT_PAGES.has(page)) void Taro.reLaunch({ url });
  else void Taro.navigateTo({ url });
  return true;
}
