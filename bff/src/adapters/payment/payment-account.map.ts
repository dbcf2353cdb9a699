import type { DepositAccountResult, DepositAccountStatus } from '../../domain/deposit/account';
import type { PlatformReply } from './payment-client';
import { RESP } from './payment-codes';
import { fenOf, str } from './payment-reply.map';

/** hop.account.info status: 01 正常 02 挂失 03 冻结 04 注销. */
const STATUS: Record<string, DepositAccountStatus> = { '01': 'normal', '02': 'lost', '03': 'frozen', '04': 'cancelled' };

/** hop.account.info reply → domain. A balance or status outside the document is an unknown answer, never a guess. */
export function accountInfoOf(reply: PlatformReply): DepositAccountResult {
  const { respCode, respMsg, param } = reply;
  if (respCode === RESP.badUser || respCode === '031001' || respCode === '031002') return { state: 'not_found' };
  if (respCode !== RESP.ok) return { state: 'unknown', reason: `${respCode} ${respMsg}`.trim() };
  const balanceFen = fenOf(param.balance);
  const status = STATUS[str(param.status) ?? ''];
  if (balanceFen === null || balanceFen < 0) return { state: 'unknown', reason: 'balance missing or not money' };
  if (!status) return { state: 'unknown', reason: `status ${String(param.status)} not in the document's list` };
  return { state: 'found', balanceFen, status, accountNo: str(param.accountNo) };
}
