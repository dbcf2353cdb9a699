import type { PayClient, PayParams } from '../../domain/payments/ports';
import { paramObject } from './payment-client';
import { str } from './payment-reply.map';

/**
 * Where the recharge reply carries what the client needs. The document defines only `qrcode` (a
 * link string) and a free-form `extra`; WeChat/Alipay pay-sheet parameters travel in `extra`
 * (directly or as `extra.payInfo`, object or JSON text) under the wallets' own names.
 */
export function payParamsOf(client: PayClient, param: Record<string, unknown>): PayParams | null {
  const extra = paramObject(param.extra) ?? {};
  const info = { ...extra, ...(paramObject(extra.payInfo) ?? {}) };
  switch (client) {
    case 'weapp': {
      const timeStamp = str(info.timeStamp);
      const nonceStr = str(info.nonceStr);
      const pkg = str(info.package);
      const paySign = str(info.paySign);
      if (!timeStamp || !nonceStr || !pkg || !paySign) return null;
      return { kind: 'weapp', timeStamp, nonceStr, package: pkg, signType: str(info.signType) ?? 'MD5', paySign };
    }
    case 'alipay': {
      const tradeNO = str(info.tradeNO) ?? str(info.tradeNo) ?? str(info.trade_no);
      return tradeNO ? { kind: 'alipay', tradeNO } : null;
    }
    case 'h5': {
      // qrcode is "0" when the platform has no link to give; only an http(s) URL is usable.
      const url = [param.qrcode, info.cashierUrl, info.payUrl].map(str).find((u) => u !== null && isHttpUrl(u));
      return url ? { kind: 'h5', cashierUrl: url } : null;
    }
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
