/** The payment platform adapter: what the rest of the BFF may import from this folder. */
export { DEFAULT_CHANNELS, NOTIFY_ACK, PaymentNoticeError, PaymentPlatformAdapter, parsePaymentNotice } from './payment.adapter';
export type { PaymentPlatformAdapterOptions } from './payment.adapter';
export { createPaymentSimulator } from './sim/payment-sim';
export type { PaymentSimulator, PaymentSimulatorOptions, PayOptions } from './sim/payment-sim';
