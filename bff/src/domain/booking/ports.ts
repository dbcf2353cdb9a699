/**
 * What booking and payment posting need from HIS (sections 5, 6, 15.2), in domain words.
 * `kind` is the order kind: appointment for a later day (subscription) or same-day registration.
 */
export type BookingKind = 'subscription' | 'register';

export interface BookingPatient {
  realName: string;
  idNumber: string;
  patientCard: string;
}

export interface BookingTarget {
  scheduleId: string;
  sourceNo: string | null;
  sourceOrder: string | null;
  departmentCode: string;
  departmentName: string | null;
  doctorCode: string;
  doctorName: string | null;
  clinicType: string;
  /** yyyy-MM-dd */
  clinicDate: string;
  /** The half-day or slot time sent as clinicTime (e.g. 上午 or 8:00-9:00). */
  clinicTime: string;
  /** The visit time range sent as clinicTimeQuantum when paying. */
  clinicTimeQuantum: string;
  /** Schedule fee, sent as clinicFee when locking. */
  feeFen: number;
}

export type LockRefusal = 'close' | 'full' | 'no_scheduling' | 'invalid_card' | 'error';

export type LockResult =
  | { ok: true; hisBookingId: string; amountFen: number | null; queueNo: string | null }
  | { ok: false; reason: LockRefusal; message: string };

export interface PostPaymentInput {
  kind: BookingKind;
  hisBookingId: string;
  /** Our order number: the same on every try. */
  tradeNo: string;
  patient: BookingPatient;
  target: BookingTarget;
  amountFen: number;
  /** Section 18.2 payType, e.g. wechatMP / alipayMP. */
  payType: string;
  payedAt: Date;
  /** §6.3.1: our patient id, sent where report pushes need it (config); null = not sent. */
  customerId: string | null;
}

export type { OrderStatusResult, PostResult } from '../orders/order-kind';
import type { OrderStatusResult, PostResult } from '../orders/order-kind';

/** Implemented by the HIS adapter. Transport failures and unreadable replies throw AppErrors
 *  (HIS_UNAVAILABLE / HIS_BAD_REPLY): for posting these mean "outcome unknown". */
export interface HisBookingPort {
  /** insertSubscription / insertRegister */
  lock(kind: BookingKind, patient: BookingPatient, target: BookingTarget): Promise<LockResult>;
  /** cancelSubscription / cancelRegister: releases an unpaid lock or cancels a paid booking. */
  cancel(kind: BookingKind, hisBookingId: string): Promise<{ hisRefundId: string | null }>;
  /** subscriptionPay / payRegister */
  postPayment(input: PostPaymentInput): Promise<PostResult>;
  /** queryOrderStatus(tradeNo, dataSrc) */
  queryOrderStatus(tradeNo: string, dataSrc: string): Promise<OrderStatusResult>;
}
