import { fenToYuan, signedYuanToFen } from '@hosp/shared';
import type { SignOptions } from '../his-sign';
import type { XmlFields } from '../xml-codec';
import type { SimPatient, SimState } from './seed';
import { cardHolder, fail, fenOf, missingField, nextSeq, ok, postOnce } from './sim-posting';

/**
 * Section 11 over the in-memory hospital: the one-card balance is the patient's eCardBalance (the
 * figure queryPatientInfo shows too); a recharge adds to it once per tradeNo.
 */
type SimMethod = (state: SimState, f: Record<string, string>) => XmlFields;

/**
 * How this HIS checks rechargeECard's sign. Section 17 signs every non-empty field but sign (the
 * simulator's default); `realNameSigned: false` is the revision-log reading (realName left out,
 * as every other method of this simulator does).
 */
export function simSignOptions(method: string, realNameSigned: boolean): SignOptions | undefined {
  return method === 'rechargeECard' && realNameSigned ? { exclude: ['sign'] } : undefined;
}

/** Why the card cannot take money, in HIS's words; null when it can. */
function unusable(p: SimPatient): string | null {
  if (p.cardStatus === 'lost') return '该卡已挂失，请到窗口办理';
  if (p.eCardBalance === '') return '该卡未开通一卡通账户';
  return null;
}

/** 11.1 */
const checkECard: SimMethod = (state, f) => {
  const missing = missingField(f, ['patientCard', 'realName']);
  if (missing) return missing;
  const p = cardHolder(state, f);
  if (typeof p === 'string') return fail(p);
  const why = unusable(p);
  if (why) return fail(why);
  return ok({ remainAmt: p.eCardBalance });
};

/** 11.2: nonceStr and sign are not nullable; the sign itself was checked before the method ran. */
const rechargeECard: SimMethod = (state, f) =>
  postOnce(state, 'rechargeECard', f, ['patientCard', 'realName', 'amount', 'tradeNo', 'nonceStr', 'sign', 'payedTime'], 'amount', () => {
    const p = cardHolder(state, f);
    if (typeof p === 'string') return p;
    const why = unusable(p);
    if (why) return why;
    const fen = fenOf(f.amount);
    if (fen === null || fen <= 0) return '充值金额不正确';
    p.eCardBalance = fenToYuan(signedYuanToFen(p.eCardBalance) + fen);
    const seq = nextSeq(state);
    const posted = { invoiceNo: `YKT${seq}`, hisPayId: `YKTLS${seq}` };
    return { posted, reply: { invoiceNo: posted.invoiceNo, serialNo: posted.hisPayId } };
  });

export const eCardMethods: Record<string, SimMethod> = { checkECard, rechargeECard };
