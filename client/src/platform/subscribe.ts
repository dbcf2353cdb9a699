/** Default for the type checker; Taro's build picks subscribe.<TARO_ENV>.ts. */
export * from './subscribe.h5';
