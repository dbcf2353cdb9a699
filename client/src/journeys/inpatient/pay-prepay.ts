import Taro from '@tarojs/taro';
import type { PayResponse } from '@hosp/shared';
import { PAYS_IN_SHEET } from '../../platform/current';
import { startPayment } from '../../services/checkout';
import { routes } from '../../services/routes';

/**
 * Opens the payment of a new prepay order. H5 leaves for the cashier, which brings the browser back
 * to the order; the wallets pay in a sheet and come back here, then the result page reads it.
 */
export async function payPrepay(res: PayResponse, patientId?: string): Promise<void> {
  if (res.payParams) {
    if (!PAYS_IN_SHEET) {
      await startPayment(res.payParams);
      return;
    }
    await startPayment(res.payParams);
  }
  await Taro.redirectTo({ url: routes.inpatientResult(res.order.tradeNo, patientId) });
}
