/**
 * Default for tools that do not know TARO_ENV (the type checker). Taro's build picks
 * privacy.weapp.ts / privacy.alipay.ts / privacy.h5.ts instead; all export the same names.
 */
export * from './privacy.h5';
