import { z } from 'zod';
import { Platform } from './auth';
import { Fen, Id } from './common';

/** The outpatient deposit account (门诊预交金): balance, top-up records, top-up, refund. */

export const DepositAccountStatus = z.enum(['normal', 'lost', 'frozen', 'cancelled']);

export const DepositRecordView = z.object({
  recordId: z.string(),
  paidAt: z.string().nullable(),
  /** 微信 / 支付宝 / 银联 / 窗口现金等. */
  channelLabel: z.string(),
  paidFen: Fen,
  refundedFen: Fen,
  /** What may still go back online from this record (0: not refundable online). */
  refundableFen: Fen,
  /** Why it cannot be refunded online, when it cannot. */
  note: z.string().nullable(),
});
export type DepositRecordView = z.infer<typeof DepositRecordView>;

export const DepositPartState = z.enum(['freezing', 'refunding', 'confirming', 'rolling_back', 'confirmed', 'rolled_back', 'skipped', 'attention']);

export const DepositRefundPartView = z.object({
  recordId: z.string(),
  channelLabel: z.string(),
  amountFen: Fen,
  state: DepositPartState,
  /** Plain words, e.g. 已退回 / 退款中 / 未退款（已恢复余额）. */
  label: z.string(),
  detail: z.string().nullable(),
  /** Beijing date by which the money should arrive, while it is on its way or arrived. */
  expectedBy: z.string().nullable(),
});

export const DepositRefundView = z
  .object({
    refundId: z.string(),
    state: z.enum(['running', 'done', 'attention']),
    label: z.string(),
    amountFen: Fen,
    /** Confirmed so far. */
    refundedFen: Fen,
    createdAt: z.string(),
    parts: z.array(DepositRefundPartView),
  })
  .meta({ id: 'DepositRefundView' });
export type DepositRefundView = z.infer<typeof DepositRefundView>;

export const DepositAccountView = z
  .object({
    patientId: z.string(),
    status: DepositAccountStatus,
    statusLabel: z.string(),
    /** Why top-up and refund are closed (lost / frozen / cancelled account), else null. */
    blockedReason: z.string().nullable(),
    balanceFen: Fen,
    /** What may be refunded online now: the records' refundable amounts, never above the balance. */
    refundableFen: Fen,
    records: z.array(DepositRecordView),
    /** The running refund, else the latest one. */
    refund: DepositRefundView.nullable(),
    topUp: z.object({ minFen: Fen, maxFen: Fen }),
  })
  .meta({ id: 'DepositAccountView' });
export type DepositAccountView = z.infer<typeof DepositAccountView>;

export const DepositTopUpRequest = z
  .object({
    requestId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/),
    amountFen: z.number().int().positive(),
    payClient: Platform,
  })
  .meta({ id: 'DepositTopUpRequest' });

export const DepositRefundPlanQuery = z.object({ amountFen: z.coerce.number().int().positive() });

export const DepositRefundPlan = z
  .object({
    amountFen: Fen,
    parts: z.array(z.object({ recordId: z.string(), channelLabel: z.string(), paidAt: z.string().nullable(), amountFen: Fen })),
  })
  .meta({ id: 'DepositRefundPlan' });
export type DepositRefundPlan = z.infer<typeof DepositRefundPlan>;

export const DepositRefundRequest = z
  .object({
    requestId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/),
    amountFen: z.number().int().positive(),
  })
  .meta({ id: 'DepositRefundRequest' });

export const DepositRefundParams = z.object({ id: Id, refundId: Id });
