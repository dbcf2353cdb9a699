import { z } from 'zod';
import { Fen, Id } from './common';
import { Platform } from './auth';

/** Outpatient fees (门诊缴费, HIS §8) and the one-card (一卡通, §11). Amounts are always HIS's, in fen. */

export const PatientIdQuery = z.object({ patientId: Id });

export const FeeItemView = z.object({
  name: z.string(),
  feeType: z.string(),
  /** Yuan as HIS priced it (it may be below a fen, e.g. 0.035). */
  unitPrice: z.string(),
  count: z.number(),
  /** Null when unit price × count is not whole fen; the prescription's amount is what is charged. */
  amountFen: Fen.nullable(),
  usage: z.string().nullable(),
  dosage: z.string().nullable(),
});

export const PrescriptionView = z.object({
  prescriptionNo: z.string(),
  feeType: z.string(),
  amountFen: Fen,
  createdAt: z.string(),
  departmentName: z.string().nullable(),
  doctorName: z.string().nullable(),
  diagnosisName: z.string().nullable(),
  items: z.array(FeeItemView),
  /** A live order already holds it: the patient continues that one. */
  inOrder: z.string().nullable(),
});

export const UnpaidVisitView = z.object({
  /** What a new order names to say "this visit": HIS's registration id, else its clinic number. */
  visitKey: z.string(),
  clinicNo: z.string().nullable(),
  date: z.string().nullable(),
  departmentName: z.string().nullable(),
  doctorName: z.string().nullable(),
  totalFen: Fen,
  prescriptions: z.array(PrescriptionView),
});

export const OutpatientFees = z
  .object({
    patientId: z.string(),
    patientName: z.string(),
    visits: z.array(z.object({ clinicNo: z.string(), date: z.string(), departmentName: z.string().nullable(), doctorName: z.string().nullable() })),
    unpaid: z.array(UnpaidVisitView),
    /**
     * Paying from the one-card balance (payType eCardPay), when the hospital offers it; null when it
     * does not. The balance is HIS's (checkECard) and only informs: HIS decides whether it suffices.
     */
    eCardPay: z
      .object({
        /** Null when the card cannot be used or HIS could not be asked; `message` says why. */
        balanceFen: z.number().int().nullable(),
        message: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'OutpatientFees' });
export type OutpatientFees = z.infer<typeof OutpatientFees>;

export const CreateFeeOrderRequest = z
  .object({
    requestId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/),
    patientId: Id,
    visitKey: z.string().min(1).max(64),
    /** One, several or all unpaid prescriptions of that visit. */
    prescriptionNos: z.array(z.string().trim().min(1).max(64)).min(1).max(100),
    payClient: Platform,
    /** false: create the order (amount fixed from HIS) without charging yet. */
    pay: z.boolean().optional(),
    /**
     * `eCard`: HIS takes it from the one-card balance (only where the hospital enables it); the
     * order is created and paid in one step, so `pay` must not be false.
     */
    payWith: z.enum(['platform', 'eCard']).optional(),
  })
  .refine((r) => !(r.payWith === 'eCard' && r.pay === false), { message: 'payWith eCard pays at once', path: ['pay'] })
  .meta({ id: 'CreateFeeOrderRequest' });
export type CreateFeeOrderRequest = z.infer<typeof CreateFeeOrderRequest>;

export const ECardView = z
  .object({
    patientId: z.string(),
    patientName: z.string(),
    cardMasked: z.string(),
    state: z.enum(['active', 'lost', 'invalid']),
    balanceFen: z.number().int().nullable(),
    /** Why the card cannot be used, in plain words. */
    message: z.string().nullable(),
    presetsFen: z.array(Fen),
    minFen: Fen,
    maxFen: Fen,
    dailyLimitFen: Fen,
    /** Recharged (or being recharged) today for this card. */
    todayFen: Fen,
  })
  .meta({ id: 'ECardView' });
export type ECardView = z.infer<typeof ECardView>;

export const CreateRechargeRequest = z
  .object({
    requestId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/),
    patientId: Id,
    amountFen: z.number().int().positive().max(100_000_000),
    payClient: Platform,
    pay: z.boolean().optional(),
  })
  .meta({ id: 'CreateRechargeRequest' });
export type CreateRechargeRequest = z.infer<typeof CreateRechargeRequest>;
