import type { LoginRequest } from '@hosp/shared';

/** What a platform login yields: exactly the body of POST /api/auth/login. */
export type LoginCredential = LoginRequest;

/** WeChat Pay parameters as the BFF hands them out (wx.requestPayment). */
export interface WeappPayParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'MD5' | 'HMAC-SHA256' | 'RSA';
  paySign: string;
}

/** One input for every platform; each platform reads the part it needs. */
export interface PayParams {
  weapp?: WeappPayParams;
  /** Alipay trade number for my.tradePay. */
  alipayTradeNo?: string;
  /** The payment platform's cashier page for H5. */
  cashierUrl?: string;
}

/** 'unknown': the page left (H5 cashier) or the platform gave no verdict; ask the BFF for the order state. */
export type PayOutcome = 'success' | 'cancelled' | 'failed' | 'unknown';

export interface SubscribeResult {
  /** Template ids (WeChat tmplIds / Alipay entityIds) the user accepted. */
  accepted: string[];
  /** False where the platform has no subscription prompt (H5). */
  supported: boolean;
}
