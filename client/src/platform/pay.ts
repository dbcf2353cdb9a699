/** Default for the type checker; Taro's build picks pay.<TARO_ENV>.ts. */
export * from './pay.h5';
