import { createHash } from 'node:crypto';
import { fenToYuan } from '@hosp/shared';
import { z } from 'zod';
import type { ECardBalance, ECardHolder, ECardOrderStatus, ECardPostResult, ECardRechargeInput, HisECardPort } from '../../domain/ecard/ports';
import { hisRejected } from '../../domain/his-errors';
import type { HisClient } from './his-client';
import { fenAmount } from './his-fee.map';
import { assertPositiveFen, paidStatus, postPaid } from './his-posting.map';
import { parseReply, replyFields } from './his-reply.map';
import type { SignOptions } from './his-sign';
import { beijingDateTime } from '../../domain/time';

/** Section 11 (checkECard, rechargeECard) and 15.2 with dataSrc eCardPay. */

export interface HisECardOptions {
  /**
   * Whether rechargeECard's sign covers realName. Section 17 signs every non-empty field but sign,
   * and 11.2 does not exempt realName; revisions V2.5.5 / V2.5.7 take realName out (of 14 at least).
   * Default: as section 17 says (signed). A hospital whose HIS follows the revision log sets false.
   */
  signRealName?: boolean;
  /** nonceStr for a tradeNo. It must be the same on every try (the same request each time). */
  nonceOf?: (tradeNo: string) => string;
}

/** A nonce that is a pure function of the tradeNo: 32 hex characters. */
export const defaultECardNonce = (tradeNo: string) => createHash('sha256').update(`rechargeECard|${tradeNo}`, 'utf8').digest('hex').slice(0, 32);

const BalanceReply = z.object({ remainAmt: fenAmount(true) });

// HIS words for a card that cannot be used, as vendors write them.
const LOST = /挂失/;
const INVALID = /注销|作废|冻结|停用|失效|无效|不存在|未开通|不匹配|不一致|不符/;

export class HisECardAdapter implements HisECardPort {
  private readonly sign: SignOptions | undefined;
  private readonly nonceOf: (tradeNo: string) => string;

  constructor(
    private readonly his: Pick<HisClient, 'call'>,
    opts: HisECardOptions = {},
  ) {
    this.sign = (opts.signRealName ?? true) ? { exclude: ['sign'] } : undefined;
    this.nonceOf = opts.nonceOf ?? defaultECardNonce;
  }

  /**
   * 11.1. An error naming the card's state (lost, cancelled, unknown) is an answer about the card;
   * any other error (系统维护中) is HIS failing, thrown as HIS_REJECTED with its words.
   */
  async balance(holder: ECardHolder): Promise<ECardBalance> {
    const method = 'checkECard';
    const reply = await this.his.call(method, { patientCard: holder.patientCard, realName: holder.realName }, { passResults: ['error'] });
    if (reply.result.toLowerCase() !== 'success') {
      const message = reply.message;
      if (LOST.test(message)) return { state: 'unusable', reason: 'lost', message };
      if (INVALID.test(message)) return { state: 'unusable', reason: 'invalid', message };
      throw hisRejected(method, message);
    }
    const f = parseReply(method, BalanceReply, replyFields(reply.body));
    return { state: 'active', balanceFen: f.remainAmt };
  }

  /** 11.2, in the table's order; the client adds sign over these fields (realName per the switch). */
  async postRecharge(input: ECardRechargeInput): Promise<ECardPostResult> {
    assertPositiveFen('rechargeECard', input.amountFen);
    return postPaid(
      this.his,
      'rechargeECard',
      {
        patientCard: input.holder.patientCard,
        realName: input.holder.realName,
        amount: fenToYuan(input.amountFen),
        payType: input.payType,
        tradeNo: input.tradeNo,
        nonceStr: this.nonceOf(input.tradeNo),
        payedTime: beijingDateTime(input.payedAt),
      },
      { sign: this.sign },
    );
  }

  async queryOrderStatus(tradeNo: string): Promise<ECardOrderStatus> {
    const s = await paidStatus(this.his, tradeNo, 'eCardPay');
    return s.state === 'posted' ? { state: 'posted', invoiceNo: s.invoiceNo, hisPayId: s.hisPayId } : s;
  }
}
