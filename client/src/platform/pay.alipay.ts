import type { PayOutcome, PayParams } from './types';

/** my.tradePay resultCode: 9000 paid, 6001 cancelled, 8000/6004 processing (ask the BFF). */
export function pay(params: PayParams): Promise<PayOutcome> {
  const tradeNO = params.alipayTradeNo;
  if (!tradeNO) return Promise.reject(new Error('missing Alipay trade number'));
  return new Promise((resolve) => {
    my.tradePay({
      tradeNO,
      success: (res) => {
        if (res.resultCode === '9000') resolve('success');
        else if (res.resultCode === '6001') resolve('cancelled');
        else if (res.resultCode === '8000' || res.resultCode === '6004') resolve('unknown');
        else resolve('failed');
      },
      fail: () => resolve('failed'),
    });
  });
}
