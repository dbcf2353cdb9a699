import { z } from 'zod';
import type { Order } from '../orders/order';

/** The snapshot a booking order carries: everything posting and cancelling need, fixed at booking. */
export const BookingDetailsSchema = z.object({
  bookingKind: z.enum(['subscription', 'register']),
  patient: z.object({ realName: z.string(), idNumber: z.string(), patientCard: z.string() }),
  target: z.object({
    scheduleId: z.string(),
    sourceNo: z.string().nullable(),
    sourceOrder: z.string().nullable(),
    departmentCode: z.string(),
    departmentName: z.string().nullable(),
    doctorCode: z.string(),
    doctorName: z.string().nullable(),
    clinicType: z.string(),
    clinicDate: z.string(),
    clinicTime: z.string(),
    clinicTimeQuantum: z.string(),
    feeFen: z.number().int(),
  }),
  queueNo: z.string().nullable(),
});
export type BookingDetails = z.infer<typeof BookingDetailsSchema>;

export const BOOKING_KINDS = ['subscription', 'register'] as const;

export function isBooking(order: Pick<Order, 'kind'>): boolean {
  return (BOOKING_KINDS as readonly string[]).includes(order.kind);
}

/** A booking order's snapshot, checked: a row that does not match is a bug, not a booking. */
export function bookingDetails(order: Order): BookingDetails {
  return BookingDetailsSchema.parse(order.details);
}
