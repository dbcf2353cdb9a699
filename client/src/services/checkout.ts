import type { PayParams as ServerPayParams } from '@hosp/shared';
import { pay } from '../platform/pay';
import type { PayOutcome, PayParams, WeappPayParams } from '../platform/types';

/** The BFF's pay parameters (one kind per platform) in the shape the platform wrappers take. */
export function toPlatformPayParams(p: ServerPayParams): PayParams {
  switch (p.kind) {
    case 'weapp':
      return {
        weapp: { timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType as WeappPayParams['signType'], paySign: p.paySign },
      };
    case 'alipay':
      return { alipayTradeNo: p.tradeNO };
    case 'h5':
      return { cashierUrl: p.cashierUrl };
  }
}

/**
 * Opens the platform's payment: the WeChat / Alipay pay sheet, or (H5) leaves for the cashier page,
 * whose return URL brings the browser back to the order. The outcome is only a hint: the order
 * state always comes from the BFF afterwards.
 */
export function startPayment(p: ServerPayParams): Promise<PayOutcome> {
  return pay(toPlatformPayParams(p));
}
