/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** Injected by `defineConstants` at build time: '' on H5 (same origin), absolute on mini programs. */
declare const API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'alipay' | 'h5' | 'swan' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony' | 'jdrn';
    TARO_APP_API_BASE?: string;
    /** Build-time, comma-separated: WeChat subscription template ids (config/index.ts has the default). */
    TARO_APP_SUBSCRIBE_TEMPLATES?: string;
    /** Build-time, comma-separated: Alipay subscription template (entity) ids. */
    TARO_APP_ALIPAY_SUBSCRIBE_TEMPLATES?: string;
  }
}

/** The parts of Alipay's `my` global this app uses (typed narrowly on purpose). */
interface AlipayCallbackResult {
  errorMessage?: string;
  error?: number;
}
declare const my: {
  getAuthCode(opts: {
    scopes: 'auth_base' | 'auth_user' | string[];
    success?: (res: { authCode: string }) => void;
    fail?: (err: AlipayCallbackResult) => void;
  }): void;
  tradePay(opts: {
    tradeNO: string;
    success?: (res: { resultCode: string; result?: string }) => void;
    fail?: (err: AlipayCallbackResult) => void;
  }): void;
  requestSubscribeMessage(opts: {
    entityIds: string[];
    success?: (res: { behavior?: string; [entityId: string]: unknown }) => void;
    fail?: (err: AlipayCallbackResult) => void;
  }): void;
};
