import { z } from 'zod';
import type { Deps } from '../../deps';
import type { DepositSettleStep } from '../../domain/deposit/ports';
import { afterConfirm, afterFreeze, afterRefund, afterRefundQuery, afterRollBack, FINAL_STEPS, type PartFacts, type SagaMove } from '../../domain/deposit/refund-saga';
import { later } from '../../domain/time';
import { defineJob, type JobOutcome } from '../../jobs/job-kind';
import type { Db } from '../../store/db';
import type { DepositRefundPart, DepositRefundRequest } from '../../store/deposit-refunds.repo';
import type { Job } from '../../store/jobs.repo';

/**
 * One record's refund saga, driven by its job (key `deposit-refund:{refundId}`): freeze in HIS →
 * platform refund (prepareAndConfirm, the record's own charge) → confirm in HIS, or roll back when
 * the platform certainly did not refund. Each step is marked "maybe sent" before its call and moved
 * on only after its answer is committed, so a crash anywhere repeats the same request with the same
 * keys (TransNo, outRefundNo), and an unclear answer is asked again, never guessed.
 */
export const depositRefundJob = defineJob({
  kind: 'deposit.refund',
  payload: z.object({ refundId: z.string() }),
  run: (deps: Deps, { refundId }, job) => advance(deps, refundId, job),
});

async function advance(deps: Deps, refundId: string, job: Job): Promise<JobOutcome> {
  // A handful of steps per run: freeze, refund, confirm (a roll back instead), each committed first.
  for (let i = 0; i < 6; i++) {
    const part = await deps.depositRefunds.part(refundId);
    if (!part) return { done: true };
    if (FINAL_STEPS.includes(part.step)) {
      await deps.store.db.transaction().execute((tx) => closeIfDone(deps, tx, part.requestId));
      return { done: true };
    }
    const req = (await deps.depositRefunds.get(part.requestId))!;
    const move = await step(deps, req, part);
    if ('wait' in move) return wait(deps, part, job, move.wait);
    const now = deps.now();
    const moved = await deps.store.db.transaction().execute(async (tx) => {
      const ok = await deps.depositRefunds.patchPart(tx, refundId, part.step, {
        step: move.to, maybeSent: false, overdue: false, stepSince: now.toISOString(), note: move.note,
        ...(part.step === 'freezing' && move.to === 'refunding' ? { frozen: true, invoiceNo: move.invoiceNo ?? null } : {}),
        ...(move.refundNo ? { refundNo: move.refundNo } : {}),
      }, now);
      if (ok && FINAL_STEPS.includes(move.to)) await closeIfDone(deps, tx, part.requestId);
      return ok;
    });
    const log = move.to === 'attention' ? deps.log.warn.bind(deps.log) : deps.log.info.bind(deps.log);
    log({ refundId, from: part.step, to: move.to, note: move.note }, 'deposit refund step');
    if (!moved) return { done: true }; // another runner moved it: its job goes on
  }
  return { retryAt: deps.now(), note: 'more steps' };
}

/** Marks the step "maybe sent" (committed) before the call, so a crash after it is never read as "not sent". */
async function marked(deps: Deps, part: DepositRefundPart): Promise<void> {
  if (!part.maybeSent) await deps.depositRefunds.patchPart(deps.store.db, part.refundId, part.step, { maybeSent: true }, deps.now());
}

async function step(deps: Deps, req: DepositRefundRequest, part: DepositRefundPart): Promise<SagaMove> {
  const facts: PartFacts = { step: part.step, maybeSent: part.maybeSent, frozen: part.frozen };
  const settle: DepositSettleStep = {
    refundId: part.refundId,
    holder: { patientCard: req.payer.cardNo, hisPatientId: req.payer.hisPatientId },
    record: { recordId: part.recordId, hisRecordNo: part.hisRecordNo, channel: part.channel },
    amountFen: part.amountFen,
    requestedAt: new Date(part.requestedAt),
    invoiceNo: part.invoiceNo,
  };
  switch (part.step) {
    case 'freezing':
      await marked(deps, part);
      return afterFreeze(facts, await deps.hisDeposit.freezeRefund(settle));
    case 'refunding': {
      if (part.maybeSent) {
        // The last send's answer was lost or unclear: learn what became of it before sending again.
        const known = afterRefundQuery(await deps.payment.queryRefund(part.refundId, req.payer));
        if (known !== 'send') return known;
      }
      await marked(deps, part);
      const result = await deps.payment.refund({
        outRefundNo: part.refundId,
        charge: { outChargeNo: part.outChargeNo, payer: req.payer, traceNo: part.traceNo },
        channel: part.chargeChannel,
        refundFen: part.amountFen,
        chargedFen: part.chargedFen,
        flow: deps.config.payment.refundType.deposit,
        reason: '门诊预交金退款',
      });
      // The query just said the platform has no such refund: this answer is about the only send.
      return afterRefund({ ...facts, maybeSent: false }, result);
    }
    case 'confirming':
      await marked(deps, part);
      return afterConfirm(facts, await deps.hisDeposit.confirmRefund(settle));
    case 'rolling_back':
      await marked(deps, part);
      return afterRollBack(facts, await deps.hisDeposit.rollBackRefund(settle));
    default:
      return { wait: `unexpected step ${part.step}` };
  }
}

/** Not settled: ask again later with the same request; past the configured time a person is told, and the asking goes on. */
async function wait(deps: Deps, part: DepositRefundPart, job: Job, why: string): Promise<JobOutcome> {
  const now = deps.now();
  const cfg = deps.config.deposit;
  if (!part.overdue && now.getTime() - Date.parse(part.stepSince) >= cfg.stepAttentionMinutes * 60_000) {
    await deps.depositRefunds.patchPart(deps.store.db, part.refundId, part.step, { overdue: true, note: `overdue: ${why}` }, now);
    deps.log.warn({ refundId: part.refundId, step: part.step, why }, 'deposit refund step unsettled past its time: needs a person');
  }
  const pause = Math.min(600, cfg.stepRetrySeconds * 2 ** Math.min(Math.max(job.attempts - 1, 0), 6));
  return { retryAt: later(now, pause), note: `${part.step}: ${why}` };
}

/** The request ends when every part has: `attention` if any part needs a person. */
async function closeIfDone(deps: Deps, tx: Db, requestId: string): Promise<void> {
  const parts = await deps.depositRefunds.parts(requestId, tx);
  if (!parts.every((p) => FINAL_STEPS.includes(p.step))) return;
  await deps.depositRefunds.setState(tx, requestId, parts.some((p) => p.step === 'attention') ? 'attention' : 'done', deps.now());
}
