import type { PartStep } from '../domain/deposit/refund-saga';
import type { DepositChannel } from '../domain/deposit/ports';
import type { PayerAccount } from '../domain/payments/ports';
import type { Db } from './db';
import type { FieldCrypto } from './field-crypto';

/** Tables of migration 007, typed here so the shared schema file stays untouched. */
interface DepositRefundTable {
  id: string;
  account_id: string;
  patient_id: string;
  client_request_id: string;
  card_no: string;
  payer_enc: string;
  amount_fen: number | string;
  state: string;
  created_at: string;
  updated_at: string;
}
interface DepositRefundPartTable {
  refund_id: string;
  request_id: string;
  seq: number;
  record_id: string;
  his_record_no: string;
  channel: string;
  record_paid_at: string | null;
  amount_fen: number | string;
  requested_at: string;
  out_charge_no: string;
  trace_no: string;
  charge_channel: string;
  charged_fen: number | string;
  step: string;
  maybe_sent: number;
  frozen: number;
  invoice_no: string | null;
  refund_no: string | null;
  step_since: string;
  overdue: number;
  note: string | null;
  updated_at: string;
}
import type { Kysely } from 'kysely';
import type { Database } from './schema';
type DepositDb = Kysely<Database & { deposit_refunds: DepositRefundTable; deposit_refund_parts: DepositRefundPartTable }>;

export type DepositRequestState = 'running' | 'done' | 'attention';

export interface DepositRefundRequest {
  id: string;
  accountId: string;
  patientId: string;
  clientRequestId: string;
  cardNo: string;
  payer: PayerAccount;
  amountFen: number;
  state: DepositRequestState;
  createdAt: string;
  updatedAt: string;
}

export interface DepositRefundPart {
  refundId: string;
  requestId: string;
  seq: number;
  recordId: string;
  hisRecordNo: string;
  channel: DepositChannel;
  recordPaidAt: string | null;
  amountFen: number;
  requestedAt: string;
  outChargeNo: string;
  traceNo: string;
  chargeChannel: string;
  chargedFen: number;
  step: PartStep;
  maybeSent: boolean;
  frozen: boolean;
  invoiceNo: string | null;
  refundNo: string | null;
  stepSince: string;
  overdue: boolean;
  note: string | null;
}

export type NewPart = Omit<DepositRefundPart, 'step' | 'maybeSent' | 'frozen' | 'invoiceNo' | 'refundNo' | 'stepSince' | 'overdue' | 'note'>;
export type PartPatch = Partial<Pick<DepositRefundPart, 'step' | 'maybeSent' | 'frozen' | 'invoiceNo' | 'refundNo' | 'stepSince' | 'overdue' | 'note'>>;

const toPart = (r: DepositRefundPartTable): DepositRefundPart => ({
  refundId: r.refund_id, requestId: r.request_id, seq: r.seq, recordId: r.record_id, hisRecordNo: r.his_record_no, channel: r.channel as DepositChannel,
  recordPaidAt: r.record_paid_at, amountFen: Number(r.amount_fen), requestedAt: r.requested_at, outChargeNo: r.out_charge_no, traceNo: r.trace_no,
  chargeChannel: r.charge_channel, chargedFen: Number(r.charged_fen), step: r.step as PartStep, maybeSent: r.maybe_sent === 1, frozen: r.frozen === 1,
  invoiceNo: r.invoice_no, refundNo: r.refund_no, stepSince: r.step_since, overdue: r.overdue === 1, note: r.note,
});

/** Deposit refund requests and their per-record saga steps. */
export function depositRefundsRepo(base: Db, crypto: FieldCrypto) {
  const typed = (db: Db): DepositDb => db.withTables<{ deposit_refunds: DepositRefundTable; deposit_refund_parts: DepositRefundPartTable }>();
  const toRequest = (r: DepositRefundTable): DepositRefundRequest => ({
    id: r.id, accountId: r.account_id, patientId: r.patient_id, clientRequestId: r.client_request_id, cardNo: r.card_no,
    payer: JSON.parse(crypto.decrypt(r.payer_enc)) as PayerAccount, amountFen: Number(r.amount_fen), state: r.state as DepositRequestState,
    createdAt: r.created_at, updatedAt: r.updated_at,
  });
  const db = typed(base);
  return {
    /** The request and its parts in the caller's transaction; the running-per-card index refuses a second. */
    async create(tx: Db, req: Omit<DepositRefundRequest, 'state' | 'createdAt' | 'updatedAt'>, parts: NewPart[], now: Date): Promise<void> {
      const at = now.toISOString();
      const t = typed(tx);
      await t.insertInto('deposit_refunds').values({
        id: req.id, account_id: req.accountId, patient_id: req.patientId, client_request_id: req.clientRequestId, card_no: req.cardNo,
        payer_enc: crypto.encrypt(JSON.stringify(req.payer)), amount_fen: req.amountFen, state: 'running', created_at: at, updated_at: at,
      }).execute();
      for (const p of parts) {
        await t.insertInto('deposit_refund_parts').values({
          refund_id: p.refundId, request_id: p.requestId, seq: p.seq, record_id: p.recordId, his_record_no: p.hisRecordNo, channel: p.channel,
          record_paid_at: p.recordPaidAt, amount_fen: p.amountFen, requested_at: p.requestedAt, out_charge_no: p.outChargeNo, trace_no: p.traceNo,
          charge_channel: p.chargeChannel, charged_fen: p.chargedFen, step: 'freezing', maybe_sent: 0, frozen: 0, invoice_no: null, refund_no: null,
          step_since: at, overdue: 0, note: null, updated_at: at,
        }).execute();
      }
    },
    async get(id: string, tx: Db = base): Promise<DepositRefundRequest | undefined> {
      const r = await typed(tx).selectFrom('deposit_refunds').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toRequest(r) : undefined;
    },
    async byClientRequest(accountId: string, clientRequestId: string): Promise<DepositRefundRequest | undefined> {
      const r = await db.selectFrom('deposit_refunds').selectAll().where('account_id', '=', accountId).where('client_request_id', '=', clientRequestId).executeTakeFirst();
      return r ? toRequest(r) : undefined;
    },
    async runningFor(cardNo: string): Promise<DepositRefundRequest | undefined> {
      const r = await db.selectFrom('deposit_refunds').selectAll().where('card_no', '=', cardNo).where('state', '=', 'running').executeTakeFirst();
      return r ? toRequest(r) : undefined;
    },
    async latestFor(patientId: string): Promise<DepositRefundRequest | undefined> {
      const r = await db.selectFrom('deposit_refunds').selectAll().where('patient_id', '=', patientId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      return r ? toRequest(r) : undefined;
    },
    async parts(requestId: string, tx: Db = base): Promise<DepositRefundPart[]> {
      return (await typed(tx).selectFrom('deposit_refund_parts').selectAll().where('request_id', '=', requestId).orderBy('seq').execute()).map(toPart);
    },
    async part(refundId: string): Promise<DepositRefundPart | undefined> {
      const r = await db.selectFrom('deposit_refund_parts').selectAll().where('refund_id', '=', refundId).executeTakeFirst();
      return r ? toPart(r) : undefined;
    },
    /** Compare-and-set on the step: a stale runner (lease lost) changes nothing. */
    async patchPart(tx: Db, refundId: string, fromStep: PartStep, p: PartPatch, now: Date): Promise<boolean> {
      const set: Partial<DepositRefundPartTable> = { updated_at: now.toISOString() };
      if (p.step !== undefined) set.step = p.step;
      if (p.maybeSent !== undefined) set.maybe_sent = p.maybeSent ? 1 : 0;
      if (p.frozen !== undefined) set.frozen = p.frozen ? 1 : 0;
      if (p.invoiceNo !== undefined) set.invoice_no = p.invoiceNo;
      if (p.refundNo !== undefined) set.refund_no = p.refundNo;
      if (p.stepSince !== undefined) set.step_since = p.stepSince;
      if (p.overdue !== undefined) set.overdue = p.overdue ? 1 : 0;
      if (p.note !== undefined) set.note = p.note;
      const r = await typed(tx).updateTable('deposit_refund_parts').set(set).where('refund_id', '=', refundId).where('step', '=', fromStep).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async setState(tx: Db, id: string, state: DepositRequestState, now: Date): Promise<void> {
      await typed(tx).updateTable('deposit_refunds').set({ state, updated_at: now.toISOString() }).where('id', '=', id).where('state', '=', 'running').execute();
    },
  };
}
export type DepositRefundsRepo = ReturnType<typeof depositRefundsRepo>;
