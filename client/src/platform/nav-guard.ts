/**
 * Default for tools that do not know TARO_ENV (the type checker). Taro's build picks
 * nav-guard.weapp.ts / nav-guard.alipay.ts / nav-guard.h5.ts instead; all export the same names.
 */
export * from './nav-guard.h5';
