import type { PayOutcome, PayParams } from './types';

/** H5 pays on the payment platform's cashier page; the result is read back from the BFF later. */
export async function pay(params: PayParams): Promise<PayOutcome> {
  if (!params.cashierUrl) throw new Error('missing cashier url');
  window.location.href = params.cashierUrl;
  return 'unknown';
}
