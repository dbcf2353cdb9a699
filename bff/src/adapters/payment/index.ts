/** The payment platform adapter: what the rest of the BFF may import from this folder. */
export { DEFAULT_CHANNELS, NOTIFY_ACK, noticeRefusal, PaymentNoticeError, PaymentPlatformAdapter, parsePaymentNotice } from './payment.adapter';
export type { PaymentPlatformAdapterOptions } from './payment.adapter';
export type { NoticeRefusal } from './payment-notice.codec';
export { createPaymentSimulator } from './sim/payment-sim';
export type { PaymentSimulator, PaymentSimulatorOptions, PayOptions } from './sim/payment-sim';
export { DEFAULT_PUSH_MAX_SKEW_MS, PUSH_ACK, PUSH_NONCE_REUSED, PUSH_TRANS, PlatformPushError, parsePlatformPush, pushErrorReply, pushErrorStatus, pushFieldInvalid } from './payment-push.codec';
export type {
  InpatientStay, ParsePushOptions, PlatformPush, PlatformPushKind, PrescriptionRef, PushPatient, PushRejectReason, PushTransType, SettlementKind,
} from './payment-push.codec';
export { buildPlatformPush, sendPlatformPush } from './sim/push-sender';
export type { SendPushOptions, SendPushResult } from './sim/push-sender';
