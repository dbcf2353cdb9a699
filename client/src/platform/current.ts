import type { Platform } from '@hosp/shared';

/** The platform this build runs on (TARO_ENV is fixed at build time): the `payClient` of a payment. */
export const CURRENT_PLATFORM: Platform = process.env.TARO_ENV === 'weapp' ? 'weapp' : process.env.TARO_ENV === 'alipay' ? 'alipay' : 'h5';

/** Mini programs pay in a native sheet and come back; H5 leaves for the cashier page. */
export const PAYS_IN_SHEET = CURRENT_PLATFORM !== 'h5';
