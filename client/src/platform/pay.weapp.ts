import Taro from '@tarojs/taro';
import type { PayOutcome, PayParams } from './types';

/** wx.requestPayment with the BFF's parameters; the order state still comes from the BFF. */
export async function pay(params: PayParams): Promise<PayOutcome> {
  if (!params.weapp) throw new Error('missing WeChat pay parameters');
  try {
    await Taro.requestPayment(params.weapp);
    return 'success';
  } catch (e) {
    const msg = (e as { errMsg?: string }).errMsg ?? '';
    return msg.includes('cancel') ? 'cancelled' : 'failed';
  }
}
