/**
 * Default for tools that do not know TARO_ENV (the type checker). Taro's build picks
 * login.weapp.ts / login.alipay.ts / login.h5.ts instead; all export the same names.
 */
export * from './login.h5';
