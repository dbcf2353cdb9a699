import Taro from '@tarojs/taro';

/** Every page path in one place, so journeys link to each other without string typos. */
export const routes = {
  home: '/pages/home/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  patientList: '/journeys/patients/pages/list/index',
  patientBind: '/journeys/patients/pages/bind/index',
  patientCreate: '/journeys/patients/pages/create/index',
  patientDetail: (id: string) => `/journeys/patients/pages/detail/index?id=${encodeURIComponent(id)}`,
} as const;

let leaving = false;

/** Sends the user to the login page once, however many requests fail with 401 at the same time. */
export function goLogin(): void {
  if (leaving) return;
  const current = Taro.getCurrentPages().slice(-1)[0]?.route ?? '';
  if (current && routes.login.endsWith(current)) return;
  leaving = true;
  void Taro.reLaunch({ url: routes.login }).finally(() => {
    leaving = false;
  });
}

export function goHome(): void {
  void Taro.reLaunch({ url: routes.home });
}
