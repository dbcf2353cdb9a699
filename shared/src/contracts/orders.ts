import { z } from 'zod';
import { Fen, personName } from './common';
import { Platform } from './auth';

export const OrderStateEnum = z.enum(['created', 'paying', 'paid', 'posting', 'posted', 'closed', 'refunding', 'refunded', 'attention']);
export type OrderStateName = z.infer<typeof OrderStateEnum>;

/** What the client shows, decided by the BFF: the client never derives a state. */
export const OrderStatusView = z.object({
  state: OrderStateEnum,
  /** Plain words for the patient, e.g. 已支付，正在与医院确认. */
  label: z.string(),
  detail: z.string().nullable(),
  canPay: z.boolean(),
  canCancel: z.boolean(),
  /** Offer 重新预约: a booking that ended without a visit (refunded, timed out, not completed). */
  canRebook: z.boolean(),
});

export const PayParams = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('weapp'), timeStamp: z.string(), nonceStr: z.string(), package: z.string(), signType: z.string(), paySign: z.string() }),
    z.object({ kind: z.literal('alipay'), tradeNO: z.string() }),
    z.object({ kind: z.literal('h5'), cashierUrl: z.string() }),
  ])
  .meta({ id: 'PayParams' });
export type PayParams = z.infer<typeof PayParams>;

export const OrderSummary = z
  .object({
    tradeNo: z.string(),
    kind: z.string(),
    subject: z.string(),
    amountFen: Fen,
    patientName: personName('patientName', z.string()),
    createdAt: z.string(),
    expiresAt: z.string(),
    status: OrderStatusView,
  })
  .meta({ id: 'OrderSummary' });
export type OrderSummary = z.infer<typeof OrderSummary>;

/** The booking voucher (就诊凭证): what the patient needs on the day. Only for a confirmed booking. */
export const BookingVoucher = z
  .object({
    patientName: z.string(),
    patientCardMasked: z.string(),
    departmentName: z.string().nullable(),
    doctorName: z.string().nullable(),
    clinicType: z.string(),
    /** Where to go: the department's location from HIS (findAllDepartments departmentAddress). */
    place: z.string().nullable(),
    /** yyyy-MM-dd and its weekday (星期四). */
    date: z.string(),
    weekday: z.string(),
    /** "10:00" (a time point) or "上午 08:00-12:00" (a half-day). */
    time: z.string(),
    /** The visit / queue number HIS gave, or the booked number's sequence; null when HIS gives none yet. */
    number: z.string().nullable(),
    /** e.g. 请于 09:30 前到达门诊楼二楼A区签到 */
    arrive: z.string(),
    bring: z.array(z.string()),
    /** The queue page follows this visit on its day. */
    queueToday: z.boolean(),
  })
  .meta({ id: 'BookingVoucher' });
export type BookingVoucher = z.infer<typeof BookingVoucher>;

export const OrderDetail = OrderSummary.extend({
  booking: z
    .object({
      departmentName: z.string().nullable(),
      doctorName: z.string().nullable(),
      clinicDate: z.string(),
      clinicTime: z.string(),
      clinicType: z.string(),
      /** The schedule's listed fee; the order's amountFen is what HIS locked (they may differ). */
      listedFeeFen: Fen,
    })
    .nullable(),
  /** Said plainly when the amount HIS charges differs from the listed fee. */
  priceNote: z.string().nullable(),
  receipt: z.object({ invoiceNo: z.string().nullable(), clinicNo: z.string().nullable(), queueNo: z.string().nullable() }).nullable(),
  paidAt: z.string().nullable(),
  refunds: z.array(
    z.object({
      refundNo: z.string(), amountFen: Fen, state: z.enum(['pending', 'refunded', 'rejected']), label: z.string(), settledAt: z.string().nullable(),
      /** Who started it: the hospital (HIS's refundApply), the patient, an operator, or our own rules (system). */
      origin: z.enum(['hospital', 'patient', 'operator', 'system']).nullable(),
      /** Why, in the patient's words. */
      why: z.string(),
    }),
  ),
  timeline: z.array(z.object({ at: z.string(), label: z.string() })),
  voucher: BookingVoucher.nullable(),
  /** Outpatient fee orders: what was paid, and where to go next once HIS has it (检查地点, 取药窗口). */
  fees: z
    .object({
      prescriptions: z.array(z.object({ prescriptionNo: z.string(), feeType: z.string(), amountFen: Fen })),
      departmentName: z.string().nullable(),
      doctorName: z.string().nullable(),
      inspectPlace: z.string().nullable(),
      windowNo: z.string().nullable(),
      /** e.g. 请到 西药房3号窗口 取药; null until posted or when HIS names no place. */
      whereNext: z.string().nullable(),
      /** 已取药: HIS's getMedicalSuccess push. */
      medicineCollected: z.boolean(),
    })
    .nullable()
    .optional(),
  /** One-card recharges: the card's balance read again from HIS once the recharge is posted. */
  eCard: z.object({ cardMasked: z.string(), balanceFen: z.number().int().nullable(), balanceNote: z.string().nullable() }).nullable().optional(),
}).meta({ id: 'OrderDetail' });
export type OrderDetail = z.infer<typeof OrderDetail>;

export const OrderList = z.object({ orders: z.array(OrderSummary) }).meta({ id: 'OrderList' });
export const TradeNoParams = z.object({ tradeNo: z.string().regex(/^EH\d{18}$/, 'invalid order number') });

export const CreateBookingRequest = z
  .object({
    /** Client-generated, per tap: a retried request returns the same order instead of booking twice. */
    requestId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/),
    patientId: z.string().min(8).max(64),
    departmentCode: z.string().trim().min(1).max(40),
    scheduleId: z.string().min(1).max(40),
    slot: z.object({ sourceNo: z.string().max(40).nullable(), sourceOrder: z.string().max(40).nullable(), visitTime: z.string().max(20) }).nullable(),
    payClient: Platform,
    /**
     * false: lock the place and return the order with the exact amount and its deadline, without
     * making the charge yet (the patient confirms the amount, then pays). Absent: charge at once.
     */
    pay: z.boolean().optional(),
  })
  .meta({ id: 'CreateBookingRequest' });
export type CreateBookingRequest = z.infer<typeof CreateBookingRequest>;

export const PayRequest = z.object({ payClient: Platform }).meta({ id: 'PayRequest' });
export const PayResponse = z.object({ order: OrderDetail, payParams: PayParams.nullable() }).meta({ id: 'PayResponse' });
export type PayResponse = z.infer<typeof PayResponse>;
