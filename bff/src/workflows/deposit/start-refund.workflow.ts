import { randomInt } from 'node:crypto';
import { AppError, formatFen, type DepositRefundPlan, type DepositRefundView } from '@hosp/shared';
import type { Deps } from '../../deps';
import { planRefund, type RefundPlan } from '../../domain/deposit/refund-plan';
import { formatCompact } from '../../domain/time';
import { enqueueJob } from '../../jobs/job-kind';
import { newId } from '../../store/ids';
import { isUniqueViolation } from '../../store/orders.repo';
import type { DepositRefundRequest } from '../../store/deposit-refunds.repo';
import { accountOf, assertOpen, CHANNEL_LABELS, chargesOf, depositOwner, recordsOf, type DepositOwner } from './deposit-holder';
import { depositRefundJob } from './refund-saga.job';
import { refundView } from './refund-view';

/** Our refund id: HIS's TransNo and the platform's outRefundNo (Char 30), fixed for ever. */
export function newDepositRefundId(now: Date, seq: number): string {
  return `DR${formatCompact(now).slice(2)}${String(randomInt(1_000_000)).padStart(6, '0')}${String(seq).padStart(2, '0')}`;
}

async function plan(deps: Deps, owner: DepositOwner, amountFen: number): Promise<Extract<RefundPlan, { ok: true }>> {
  const info = await accountOf(deps, owner.payer);
  assertOpen(info);
  const balanceFen = info.state === 'found' ? info.balanceFen : 0;
  const records = await recordsOf(deps, owner.holder);
  const p = planRefund(records, await chargesOf(deps, owner.payer, records), balanceFen, amountFen);
  if (!p.ok) {
    throw new AppError('CONFLICT', p.reason === 'nothing_refundable' ? '没有可在线原路退回的预交金' : `本次最多可退 ${formatFen(p.refundableFen)}`, { refundableFen: p.refundableFen });
  }
  return p;
}

/** Which records a refund of `amountFen` would come from (newest first), without starting it. */
export async function previewDepositRefund(deps: Deps, accountId: string, patientId: string, amountFen: number): Promise<DepositRefundPlan> {
  const p = await plan(deps, await depositOwner(deps, accountId, patientId), amountFen);
  return {
    amountFen: p.amountFen,
    parts: p.parts.map((x) => ({ recordId: x.record.recordId, channelLabel: CHANNEL_LABELS[x.record.channel], paidAt: x.record.paidAt?.toISOString() ?? null, amountFen: x.amountFen })),
  };
}

const running = (r: DepositRefundRequest) => new AppError('CONFLICT', '已有一笔预交金退款正在处理，请等它完成后再申请', { refundId: r.id, state: r.state }, r.id);

/**
 * Starts a refund: the plan, the request, one saga part per record and one job per part commit
 * together, under the database's one-running-refund-per-card rule. Nothing is sent from here.
 */
export async function startDepositRefund(deps: Deps, accountId: string, patientId: string, input: { requestId: string; amountFen: number }): Promise<DepositRefundView> {
  const view = async (r: DepositRefundRequest) => refundView(r, await deps.depositRefunds.parts(r.id));
  const same = await deps.depositRefunds.byClientRequest(accountId, input.requestId);
  if (same) return view(same);
  const owner = await depositOwner(deps, accountId, patientId);
  const busy = await deps.depositRefunds.runningFor(owner.payer.cardNo);
  if (busy) throw running(busy);
  const p = await plan(deps, owner, input.amountFen);
  const now = deps.now();
  const id = newId(now.getTime());
  const parts = p.parts.map((x, i) => ({
    refundId: newDepositRefundId(now, i + 1), requestId: id, seq: i + 1, recordId: x.record.recordId, hisRecordNo: x.record.hisRecordNo!, channel: x.record.channel,
    recordPaidAt: x.record.paidAt?.toISOString() ?? null, amountFen: x.amountFen, requestedAt: now.toISOString(), outChargeNo: x.charge.outChargeNo,
    traceNo: x.charge.traceNo, chargeChannel: x.charge.channel, chargedFen: x.charge.chargedFen,
  }));
  try {
    await deps.store.db.transaction().execute(async (tx) => {
      await deps.depositRefunds.create(tx, { id, accountId, patientId: owner.patientId, clientRequestId: input.requestId, cardNo: owner.payer.cardNo, payer: owner.payer, amountFen: p.amountFen }, parts, now);
      for (const part of parts) {
        await enqueueJob(deps.jobs, tx, depositRefundJob, { key: `deposit-refund:${part.refundId}`, payload: { refundId: part.refundId }, runAt: now }, now);
      }
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const again = await deps.depositRefunds.byClientRequest(accountId, input.requestId);
    if (again) return view(again);
    const other = await deps.depositRefunds.runningFor(owner.payer.cardNo);
    throw other ? running(other) : err;
  }
  deps.log.info({ refundId: id, parts: parts.length, amountFen: p.amountFen }, 'deposit refund started');
  return view((await deps.depositRefunds.get(id))!);
}
