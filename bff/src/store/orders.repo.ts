import { AppError } from '@hosp/shared';
import type { Order, OrderEvent, Receipt, Refund } from '../domain/orders/order';
import { isRefundCause, type RefundCause } from '../domain/orders/refund-cause';
import { canTransition, type Actor, type OrderKind, type OrderState } from '../domain/orders/order-state';
import type { PayClient, PayerAccount } from '../domain/payments/ports';
import type { Db } from './db';
import type { FieldCrypto } from './field-crypto';
import { newId } from './ids';
import type { OrderTable, RefundTable } from './schema';

export type NewOrder = Pick<Order, 'tradeNo' | 'kind' | 'accountId' | 'patientId' | 'clientRequestId' | 'amountFen' | 'subject' | 'payClient' | 'details' | 'expiresAt'> & {
  payer: PayerAccount;
  payChannel: string;
  scheduleId?: string | null;
  visitDate?: string | null;
};
export type OrderPatch = Partial<
  Pick<Order, 'amountFen' | 'hisRef' | 'chargeNo' | 'traceNo' | 'paidAt' | 'postRound' | 'postAttempts' | 'receipt' | 'attentionReason' | 'statusNote' | 'details' | 'tradeMode' | 'payUnknownSince'>
>;

/** A unique-index violation on either database: the row another request inserted first. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(String(e?.message));
}

export function ordersRepo(db: Db, crypto: FieldCrypto) {
  const toOrder = (r: OrderTable): Order => ({
    tradeNo: r.trade_no,
    kind: r.kind as OrderKind,
    accountId: r.account_id,
    patientId: r.patient_id,
    clientRequestId: r.client_request_id,
    state: r.state as OrderState,
    amountFen: Number(r.amount_fen),
    subject: r.subject,
    payClient: r.pay_client as PayClient,
    details: JSON.parse(crypto.decrypt(r.details_enc)) as Record<string, unknown>,
    hisRef: r.his_ref,
    chargeNo: r.charge_no,
    traceNo: r.trace_no,
    paidAt: r.paid_at,
    postRound: r.post_round,
    postAttempts: r.post_attempts,
    receipt: r.receipt ? (JSON.parse(r.receipt) as Receipt) : null,
    attentionReason: r.attention_reason,
    statusNote: r.status_note,
    payer: r.payer_enc ? (JSON.parse(crypto.decrypt(r.payer_enc)) as PayerAccount) : null,
    payChannel: r.pay_channel ?? null,
    tradeMode: r.trade_mode ?? null,
    payUnknownSince: r.pay_unknown_since ?? null,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });

  const patchColumns = (p: OrderPatch): Partial<OrderTable> => {
    const out: Partial<OrderTable> = {};
    if (p.amountFen !== undefined) out.amount_fen = p.amountFen;
    if (p.hisRef !== undefined) out.his_ref = p.hisRef;
    if (p.chargeNo !== undefined) out.charge_no = p.chargeNo;
    if (p.traceNo !== undefined) out.trace_no = p.traceNo;
    if (p.paidAt !== undefined) out.paid_at = p.paidAt;
    if (p.postRound !== undefined) out.post_round = p.postRound;
    if (p.postAttempts !== undefined) out.post_attempts = p.postAttempts;
    if (p.receipt !== undefined) out.receipt = p.receipt === null ? null : JSON.stringify(p.receipt);
    if (p.attentionReason !== undefined) out.attention_reason = p.attentionReason;
    if (p.statusNote !== undefined) out.status_note = p.statusNote;
    if (p.details !== undefined) out.details_enc = crypto.encrypt(JSON.stringify(p.details));
    if (p.tradeMode !== undefined) out.trade_mode = p.tradeMode;
    if (p.payUnknownSince !== undefined) out.pay_unknown_since = p.payUnknownSince;
    return out;
  };

  const event = (tx: Db, tradeNo: string, from: OrderState | null, to: OrderState, actor: Actor, reason: string, at: string) =>
    tx.insertInto('order_events').values({ id: newId(Date.parse(at)), trade_no: tradeNo, from_state: from, to_state: to, actor, reason, at }).execute();

  return {
    toOrder,
    async insert(tx: Db, o: NewOrder, now: Date, actor: Actor, reason: string): Promise<Order> {
      const at = now.toISOString();
      const row: OrderTable = {
        trade_no: o.tradeNo, kind: o.kind, account_id: o.accountId, patient_id: o.patientId, client_request_id: o.clientRequestId,
        state: 'created', amount_fen: o.amountFen, subject: o.subject, pay_client: o.payClient,
        details_enc: crypto.encrypt(JSON.stringify(o.details)), his_ref: null, charge_no: null, trace_no: null, paid_at: null,
        post_round: 0, post_attempts: 0, receipt: null, attention_reason: null, status_note: null,
        expires_at: o.expiresAt, created_at: at, updated_at: at, schedule_id: o.scheduleId ?? null, visit_date: o.visitDate ?? null,
        payer_enc: crypto.encrypt(JSON.stringify(o.payer)), pay_channel: o.payChannel, trade_mode: null, pay_unknown_since: null,
      };
      await tx.insertInto('orders').values(row).execute();
      await event(tx, o.tradeNo, null, 'created', actor, reason, at);
      return toOrder(row);
    },
    async get(tradeNo: string, tx: Db = db): Promise<Order | undefined> {
      const r = await tx.selectFrom('orders').selectAll().where('trade_no', '=', tradeNo).executeTakeFirst();
      return r && toOrder(r);
    },
    async getOwned(accountId: string, tradeNo: string): Promise<Order | undefined> {
      const r = await db.selectFrom('orders').selectAll().where('account_id', '=', accountId).where('trade_no', '=', tradeNo).executeTakeFirst();
      return r && toOrder(r);
    },
    async findByClientRequest(accountId: string, clientRequestId: string): Promise<Order | undefined> {
      const r = await db.selectFrom('orders').selectAll().where('account_id', '=', accountId).where('client_request_id', '=', clientRequestId).executeTakeFirst();
      return r && toOrder(r);
    },
    /** Unpaid orders of an account (the cap on open orders), inside the caller's transaction. */
    async countUnpaid(accountId: string, tx: Db = db): Promise<number> {
      const r = await tx.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).where('state', 'in', ['created', 'paying']).executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    /**
     * The amount of a patient's orders of one kind created since `since`, leaving out those in
     * `excluding` (ended unpaid or refunded), read inside the caller's transaction.
     */
    async sumSince(tx: Db, q: { kind: OrderKind; patientId: string; since: Date; excluding: readonly OrderState[] }): Promise<number> {
      const r = await tx.selectFrom('orders').select((eb) => eb.fn.sum<number | string | null>('amount_fen').as('fen'))
        .where('patient_id', '=', q.patientId).where('kind', '=', q.kind).where('created_at', '>=', q.since.toISOString())
        .where('state', 'not in', [...q.excluding]).executeTakeFirst();
      return Number(r?.fen ?? 0);
    },
    /** The live booking of a patient for a schedule (unpaid or paid), if any. */
    async liveBooking(patientId: string, scheduleId: string, tx: Db = db): Promise<Order | undefined> {
      const r = await tx.selectFrom('orders').selectAll().where('patient_id', '=', patientId).where('schedule_id', '=', scheduleId)
        .where('state', 'in', ['created', 'paying', 'paid', 'posting', 'posted', 'attention']).orderBy('created_at', 'desc').executeTakeFirst();
      return r && toOrder(r);
    },
    async listByAccount(accountId: string, limit = 50): Promise<Order[]> {
      const rows = await db.selectFrom('orders').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').limit(limit).execute();
      return rows.map(toOrder);
    },
    async listVisitsOn(date: string, states: OrderState[]): Promise<Order[]> {
      return (await db.selectFrom('orders').selectAll().where('visit_date', '=', date).where('state', 'in', states).execute()).map(toOrder);
    },
    async listBySchedule(scheduleId: string): Promise<Order[]> {
      return (await db.selectFrom('orders').selectAll().where('schedule_id', '=', scheduleId).execute()).map(toOrder);
    },
    async listByState(states: OrderState[], limit = 1000): Promise<Order[]> {
      const rows = await db.selectFrom('orders').selectAll().where('state', 'in', states).limit(limit).execute();
      return rows.map(toOrder);
    },
    async events(tradeNo: string): Promise<OrderEvent[]> {
      const rows = await db.selectFrom('order_events').selectAll().where('trade_no', '=', tradeNo).orderBy('at').orderBy('id').execute();
      return rows.map((r) => ({ from: r.from_state as OrderState | null, to: r.to_state as OrderState, actor: r.actor as Actor, reason: r.reason, at: r.at }));
    },
    /** Updates fields without a state change. */
    async patch(tx: Db, tradeNo: string, p: OrderPatch, now: Date): Promise<void> {
      await tx.updateTable('orders').set({ ...patchColumns(p), updated_at: now.toISOString() }).where('trade_no', '=', tradeNo).execute();
    },
    /**
     * Compare-and-set state change with its audit event: succeeds only if the order is still in
     * the state we read and the machine allows the move. false = someone else moved it first.
     */
    async transition(tx: Db, tradeNo: string, to: OrderState, opts: { actor: Actor; reason: string; patch?: OrderPatch; from?: readonly OrderState[] }, now: Date): Promise<boolean> {
      const current = await tx.selectFrom('orders').select('state').where('trade_no', '=', tradeNo).executeTakeFirst();
      if (!current) throw new AppError('NOT_FOUND', '订单不存在', { tradeNo });
      const from = current.state as OrderState;
      if (opts.from && !opts.from.includes(from)) return false;
      if (!canTransition(from, to)) return false;
      const at = now.toISOString();
      const r = await tx
        .updateTable('orders')
        .set({ ...patchColumns(opts.patch ?? {}), state: to, updated_at: at })
        .where('trade_no', '=', tradeNo)
        .where('state', '=', from)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      await event(tx, tradeNo, from, to, opts.actor, opts.reason, at);
      return true;
    },
  };
}
export type OrdersRepo = ReturnType<typeof ordersRepo>;

const toRefund = (r: RefundTable): Refund => ({
  outRefundNo: r.out_refund_no, tradeNo: r.trade_no, amountFen: Number(r.amount_fen), reason: r.reason, cause: isRefundCause(r.cause) ? r.cause : null,
  state: r.state as Refund['state'], refundNo: r.refund_no, attempts: r.attempts, lastCode: r.last_code,
  createdAt: r.created_at, settledAt: r.settled_at, hisId: r.his_id ?? null, isReverse: Number(r.is_reverse ?? 0) === 1,
});

/** What a refund HIS started carries besides the amount (refundApply §14). */
export interface HisRefundKey {
  hisId: string;
  isReverse: boolean;
  cashier: string | null;
}

export function refundsRepo(db: Db) {
  return {
    async forOrder(tradeNo: string, tx: Db = db): Promise<Refund[]> {
      return (await tx.selectFrom('refunds').selectAll().where('trade_no', '=', tradeNo).orderBy('created_at').execute()).map(toRefund);
    },
    async get(outRefundNo: string, tx: Db = db): Promise<Refund | undefined> {
      const r = await tx.selectFrom('refunds').selectAll().where('out_refund_no', '=', outRefundNo).executeTakeFirst();
      return r && toRefund(r);
    },
    async byHisId(hisId: string, tx: Db = db): Promise<Refund | undefined> {
      const r = await tx.selectFrom('refunds').selectAll().where('his_id', '=', hisId).executeTakeFirst();
      return r && toRefund(r);
    },
    /** Refuses (returns false) when the order's refunds would exceed what was paid. */
    async create(tx: Db, r: { outRefundNo: string; tradeNo: string; amountFen: number; reason: string; cause?: RefundCause | null; his?: HisRefundKey }, paidFen: number, now: Date): Promise<boolean> {
      const existing = await tx.selectFrom('refunds').select(['out_refund_no', 'amount_fen', 'state']).where('trade_no', '=', r.tradeNo).execute();
      if (existing.some((e) => e.out_refund_no === r.outRefundNo)) return true;
      const committed = existing.filter((e) => e.state !== 'rejected').reduce((sum, e) => sum + Number(e.amount_fen), 0);
      if (committed + r.amountFen > paidFen) return false;
      await tx.insertInto('refunds').values({ out_refund_no: r.outRefundNo, trade_no: r.tradeNo, amount_fen: r.amountFen, reason: r.reason, cause: r.cause ?? null, state: 'pending', refund_no: null, attempts: 0, last_code: null, created_at: now.toISOString(), settled_at: null,
        ...(r.his ? { his_id: r.his.hisId, is_reverse: r.his.isReverse ? 1 : 0, his_cashier: r.his.cashier } : {}) }).execute();
      return true;
    },
    async recordAttempt(outRefundNo: string, code: string): Promise<void> {
      await db.updateTable('refunds').set((eb) => ({ attempts: eb('attempts', '+', 1), last_code: code })).where('out_refund_no', '=', outRefundNo).execute();
    },
    async settle(tx: Db, outRefundNo: string, state: 'refunded' | 'rejected', refundNo: string | null, now: Date): Promise<void> {
      await tx.updateTable('refunds').set({ state, refund_no: refundNo, settled_at: now.toISOString() }).where('out_refund_no', '=', outRefundNo).where('state', '=', 'pending').execute();
    },
  };
}
export type RefundsRepo = ReturnType<typeof refundsRepo>;
