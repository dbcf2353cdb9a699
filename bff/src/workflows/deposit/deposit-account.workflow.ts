import type { DepositAccountView } from '@hosp/shared';
import type { Deps } from '../../deps';
import { accountBlocks, type DepositAccountStatus } from '../../domain/deposit/account';
import type { DepositRecord } from '../../domain/deposit/ports';
import { refundableTotal } from '../../domain/deposit/refund-plan';
import { accountOf, CHANNEL_LABELS, depositOwner, recordsOf } from './deposit-holder';
import { refundView } from './refund-view';

const STATUS_LABELS: Record<DepositAccountStatus, string> = { normal: '正常', lost: '挂失', frozen: '冻结', cancelled: '注销' };

function recordNote(r: DepositRecord): string | null {
  if (r.refundableFen > 0) return null;
  if (r.paidFen > 0 && r.refundedFen >= r.paidFen) return '已全部退回';
  if (!r.refundAllowed || r.channel === 'other') return '该笔不支持线上退款（如窗口现金充值），请到医院窗口办理';
  return '暂不能线上退款';
}

/** Balance and status from the platform (hop.account.info), records from HIS, and the latest refund. */
export async function depositAccount(deps: Deps, accountId: string, patientId: string): Promise<DepositAccountView> {
  const owner = await depositOwner(deps, accountId, patientId);
  const [info, records] = await Promise.all([accountOf(deps, owner.payer), recordsOf(deps, owner.holder)]);
  const status: DepositAccountStatus = info.state === 'found' ? info.status : 'normal';
  const balanceFen = info.state === 'found' ? info.balanceFen : 0;
  const blockedReason = accountBlocks(status);
  const latest = (await deps.depositRefunds.runningFor(owner.payer.cardNo)) ?? (await deps.depositRefunds.latestFor(owner.patientId));
  const sorted = [...records].sort((a, b) => (b.paidAt?.getTime() ?? 0) - (a.paidAt?.getTime() ?? 0));
  return {
    patientId: owner.patientId,
    status,
    statusLabel: info.state === 'found' ? STATUS_LABELS[status] : '未开户（首次充值后开通）',
    blockedReason,
    balanceFen,
    refundableFen: blockedReason ? 0 : refundableTotal(records, balanceFen),
    records: sorted.map((r) => ({
      recordId: r.recordId,
      paidAt: r.paidAt?.toISOString() ?? null,
      channelLabel: CHANNEL_LABELS[r.channel],
      paidFen: r.paidFen,
      refundedFen: r.refundedFen,
      refundableFen: r.refundableFen,
      note: recordNote(r),
    })),
    refund: latest ? refundView(latest, await deps.depositRefunds.parts(latest.id)) : null,
    topUp: { minFen: deps.config.deposit.topUpMinFen, maxFen: deps.config.deposit.topUpMaxFen },
  };
}
