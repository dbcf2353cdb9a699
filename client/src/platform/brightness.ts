/** Default for the type checker; Taro's build picks brightness.<TARO_ENV>.ts. */
export * from './brightness.h5';
