import { AppError } from '@hosp/shared';
import type { Deps } from '../../deps';
import { accountBlocks, type DepositAccountResult } from '../../domain/deposit/account';
import type { DepositChannel, DepositHolder, DepositRecord } from '../../domain/deposit/ports';
import type { RecordCharge } from '../../domain/deposit/refund-plan';
import type { PayerAccount } from '../../domain/payments/ports';
import { outpatientPayer } from '../orders/payer';
import { ownedPatient } from '../patients/patient-detail.workflow';

export interface DepositOwner {
  patientId: string;
  payer: PayerAccount;
  holder: DepositHolder;
}

/** The patient's outpatient deposit account: hospital card + HIS id, accountType 01 on the platform. */
export async function depositOwner(deps: Deps, accountId: string, patientId: string): Promise<DepositOwner> {
  const patient = await ownedPatient(deps, accountId, patientId);
  const payer = await outpatientPayer(deps, patient);
  return { patientId: patient.id, payer, holder: { patientCard: payer.cardNo, hisPatientId: payer.hisPatientId } };
}

/** The platform's account, or a clear error: an unclear answer is never shown as a balance. */
export async function accountOf(deps: Deps, payer: PayerAccount): Promise<Extract<DepositAccountResult, { state: 'found' | 'not_found' }>> {
  const info = await deps.depositAccounts.accountInfo(payer);
  if (info.state === 'unknown') {
    deps.log.warn({ reason: info.reason }, 'hop.account.info gave no usable answer');
    throw new AppError('PAYMENT_UNAVAILABLE', '支付平台暂时无法查询预交金余额，请稍后再试');
  }
  return info;
}

/** Top-up and refund need a normal account. */
export function assertOpen(info: DepositAccountResult): void {
  const reason = info.state === 'found' ? accountBlocks(info.status) : null;
  if (reason) throw new AppError('CARD_INVALID', reason);
}

export function recordsOf(deps: Deps, holder: DepositHolder): Promise<DepositRecord[]> {
  const now = deps.now();
  return deps.hisDeposit.records({ holder, from: new Date(now.getTime() - deps.config.deposit.recordDays * 86_400_000), to: now });
}

export const CHANNEL_LABELS: Record<DepositChannel, string> = { wechat: '微信', alipay: '支付宝', unionpay: '银联', other: '窗口或其他方式' };

/**
 * The platform charge each refundable record came from, so its refund goes back the way it came:
 * our own top-up order (OrderMemo = our tradeNo) gives it directly; otherwise the platform is asked
 * by outChargeNo (OrderMemo or OrderId). A record whose charge cannot be found is not refunded online.
 */
export async function chargesOf(deps: Deps, payer: PayerAccount, records: readonly DepositRecord[]): Promise<Map<string, RecordCharge>> {
  const out = new Map<string, RecordCharge>();
  await Promise.all(
    records.filter((r) => r.refundableFen > 0).map(async (r) => {
      const outChargeNo = r.appOrderId ?? r.recordId;
      const ours = await deps.orders.get(outChargeNo);
      if (ours && ours.kind === 'deposit' && ours.payer?.cardNo === payer.cardNo && ours.traceNo && ours.paidAt) {
        out.set(r.recordId, { outChargeNo, traceNo: ours.traceNo, channel: ours.payChannel ?? ours.tradeMode ?? '', chargedFen: ours.amountFen });
        return;
      }
      const status = await deps.payment.queryCharge({ outChargeNo, payer, traceNo: null });
      if (status.state === 'paid' && status.traceNo && status.tradeMode) {
        out.set(r.recordId, { outChargeNo, traceNo: status.traceNo, channel: status.tradeMode, chargedFen: r.paidFen });
      }
    }),
  );
  return out;
}
