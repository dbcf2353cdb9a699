/** Default for the type checker; Taro's build picks a11y.<TARO_ENV>.ts. */
export * from './a11y.h5';
