import { newTradeNo, refundNoFor } from '../../bff/src/domain/orders/order';
import type { OrderKind } from '../../bff/src/domain/orders/order-state';
import type { Deps } from '../../bff/src/deps';
import type { PayerAccount } from '../../bff/src/domain/payments/ports';

/** A bound patient: the account that holds it and the facts the order snapshots carry. */
export interface SeedPatient {
  accountId: string;
  patientId: string;
  realName: string;
  idNumber: string;
  patientCard: string;
}

/** Each kind's snapshot, in its own schema's shape. */
function detailsFor(kind: OrderKind, p: SeedPatient): Record<string, unknown> {
  const patient = { realName: p.realName, patientCard: p.patientCard };
  switch (kind) {
    case 'subscription':
    case 'register':
      return {
        bookingKind: kind, patient: { ...patient, idNumber: p.idNumber }, queueNo: null,
        target: { scheduleId: 'S1', sourceNo: null, sourceOrder: null, departmentCode: 'NK01', departmentName: '心血管内科', doctorCode: 'D1', doctorName: '王医生', clinicType: '普通', clinicDate: '2026-12-03', clinicTime: '上午', clinicTimeQuantum: '08:00-09:00', feeFen: 1250 },
      };
    case 'hisSrc':
      return { patient, clinicNo: 'C1', hisRegisterId: 'R1', departmentName: '消化内科', doctorName: null, prescriptions: [{ prescriptionNo: 'P1', amountFen: 3160, feeType: '西药费' }] };
    case 'prepaySrc':
      return { patient, inpatientNo: 'ZY0001', family: false, maskedName: '张*', department: '骨科', ward: '3病区' };
    case 'eCardPay':
      return { patient, balanceBeforeFen: 100 };
    case 'deposit':
      return { holder: { patientCard: p.patientCard, hisPatientId: 'H1' }, realName: p.realName };
  }
}

const payerOf = (kind: OrderKind, p: SeedPatient): PayerAccount =>
  kind === 'prepaySrc'
    ? { cardKind: 'inpatient_no', cardNo: 'ZY0001', hisPatientId: 'H1', account: 'inpatient', realName: p.realName, idNumber: null }
    : { cardKind: 'hospital_card', cardNo: p.patientCard, hisPatientId: 'H1', account: 'outpatient', realName: p.realName, idNumber: null };

export interface SeededRefund {
  tradeNo: string;
  outRefundNo: string;
  orderFen: number;
  refundFen: number;
  /** The instants written, for checking the times the partner is told. */
  at: { created: Date; paid: Date; posted: Date; refundStarted: Date; settled: Date | null };
}

/**
 * An order of `kind` that was paid, posted to HIS, and (partly) refunded — written through the
 * repositories the workflows use, each step a second apart — for tests that read refunds.
 */
export async function seedOrderRefund(deps: Deps, kind: OrderKind, p: SeedPatient, opts: { orderFen?: number; refundFen?: number; settle?: 'refunded' | 'rejected' | null } = {}): Promise<SeededRefund> {
  const orderFen = opts.orderFen ?? 12_345;
  const refundFen = opts.refundFen ?? orderFen;
  const created = new Date(Date.now() - 3_600_000);
  const step = (n: number) => new Date(created.getTime() + n * 1000);
  const tradeNo = newTradeNo(created);
  const outRefundNo = refundNoFor(tradeNo, 1);
  const settle = opts.settle === undefined ? 'refunded' : opts.settle;
  await deps.store.db.transaction().execute(async (tx) => {
    await deps.orders.insert(tx, {
      tradeNo, kind, accountId: p.accountId, patientId: p.patientId, clientRequestId: `seed-${tradeNo}`, amountFen: orderFen, subject: kind, payClient: 'h5',
      details: detailsFor(kind, p), expiresAt: step(900).toISOString(), payer: payerOf(kind, p), payChannel: 'ONE_QR',
    }, created, 'patient', 'seeded');
    const move = (to: Parameters<typeof deps.orders.transition>[2], at: Date, patch = {}) => deps.orders.transition(tx, tradeNo, to, { actor: 'system', reason: 'seeded', patch }, at);
    await move('paying', step(1));
    await move('paid', step(2), { paidAt: step(2).toISOString(), hisRef: `HIS-${tradeNo.slice(-6)}`, chargeNo: `CH${tradeNo.slice(2)}` });
    await move('posting', step(3));
    await move('posted', step(4), { receipt: { invoiceNo: 'INV1', clinicNo: null, queueNo: null, hisPayId: 'HP1' } });
    await move('refunding', step(5));
    if (!(await deps.refunds.create(tx, { outRefundNo, tradeNo, amountFen: refundFen, reason: 'seeded', cause: 'hospital' }, orderFen, step(5)))) throw new Error('refund refused');
    if (settle) {
      await deps.refunds.settle(tx, outRefundNo, settle, 'PLATFORM-R1', step(6));
      if (settle === 'refunded') await move('refunded', step(6));
    }
  });
  return { tradeNo, outRefundNo, orderFen, refundFen, at: { created, paid: step(2), posted: step(4), refundStarted: step(5), settled: settle ? step(6) : null } };
}

/** One record of a deposit-account refund (DR…), returning part of a top-up, settled. */
export async function seedDepositRefund(deps: Deps, p: SeedPatient, topUpTradeNo: string): Promise<{ refundId: string; amountFen: number; chargedFen: number }> {
  const now = new Date();
  const requestId = `DRQ${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const refundId = `DR${String(Date.now()).slice(-12)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}01`;
  await deps.store.db.transaction().execute(async (tx) => {
    await deps.depositRefunds.create(tx, { id: requestId, accountId: p.accountId, patientId: p.patientId, clientRequestId: requestId, cardNo: p.patientCard, payer: payerOf('deposit', p), amountFen: 5_000 }, [{
      refundId, requestId, seq: 1, recordId: 'REC1', hisRecordNo: 'HISREC1', channel: 'wechat', recordPaidAt: new Date(now.getTime() - 86_400_000).toISOString(), amountFen: 5_000,
      requestedAt: now.toISOString(), outChargeNo: topUpTradeNo, traceNo: 'T1', chargeChannel: 'WX_PUB', chargedFen: 10_000,
    }], now);
    await deps.depositRefunds.patchPart(tx, refundId, 'freezing', { step: 'confirmed', refundNo: 'PR1', stepSince: now.toISOString() }, now);
  });
  return { refundId, amountFen: 5_000, chargedFen: 10_000 };
}
