import { z } from 'zod';
import { isHisError } from '../../domain/his-errors';
import type { CardCheck, CardCheckResult, HisPatientPort, InpatientInfo, NewCard, OutpatientInfo } from '../../domain/patients/ports';
import type { HisClient } from './his-client';
import { optional, parseReply, replyFields, required, signedYuanFen, yuanFen } from './his-reply.map';

/** Section 4 replies, in the vendor's field names (they stay in this folder). */
const AddCardReply = z.object({ patientCard: required, hisNo: optional });

/**
 * 4.2 answers only success/error with HIS's words, so a card-status refusal is known by them
 * (e.g. `该卡已挂失`). Negations (`未挂失`, `已解挂`) are not a lost card.
 */
const LOST = /挂失/;
const NOT_LOST = /未挂失|解除挂失|已解挂|非挂失/;
const INACTIVE = /注销|作废|停用|冻结|失效|禁用|锁定|销户|退卡|状态异常|状态不正常/;

export function cardRefusalReason(hisMessage: string): 'mismatch' | 'card_lost' | 'card_inactive' {
  if (LOST.test(hisMessage) && !NOT_LOST.test(hisMessage)) return 'card_lost';
  if (INACTIVE.test(hisMessage)) return 'card_inactive';
  return 'mismatch';
}

const PatientInfoReply = z.object({
  realName: required,
  idCard: required,
  // Listed as required, but counter-registered patients often have none on file.
  phone: optional,
  sex: optional,
  birthday: optional,
  eCardBalance: signedYuanFen,
  hisNo: optional,
});

const InHospitalReply = z.object({
  realName: required,
  idCard: required,
  status: z.string({ error: 'required' }).refine((s) => s === '0' || s === '1', 'expected 0 or 1'),
  inhospitalDate: required,
  leaveDate: optional,
  inpatientArea: optional,
  departmentCode: required,
  doctorCode: required,
  // The document spells it totleAmt; accept the corrected spelling too.
  totleAmt: yuanFen,
  totalAmt: yuanFen,
  usedAmt: yuanFen,
  remainAmt: signedYuanFen,
  hisNo: optional,
});

export class HisPatientAdapter implements HisPatientPort {
  constructor(private readonly his: Pick<HisClient, 'call'>) {}

  async createCard(input: NewCard): Promise<{ patientCard: string; hisNo: string | null }> {
    const method = 'addPatientCard';
    const reply = await this.his.call(method, { realName: input.realName, idCard: input.idNumber, phone: input.phone });
    const f = parseReply(method, AddCardReply, replyFields(reply.body));
    return { patientCard: f.patientCard, hisNo: f.hisNo };
  }

  async checkCard(input: CardCheck): Promise<CardCheckResult> {
    // result=success is the whole answer; result=error arrives as HIS_REJECTED with HIS's words.
    try {
      await this.his.call('checkPatientCard', {
        patientCard: input.patientCard,
        realName: input.realName,
        idCard: input.idNumber,
        phone: input.phone,
      });
    } catch (err) {
      if (!isHisError(err, 'HIS_REJECTED')) throw err;
      const hisMessage = typeof err.detail?.hisMessage === 'string' ? err.detail.hisMessage : '';
      return { outcome: 'refused', reason: cardRefusalReason(hisMessage), hisMessage };
    }
    return { outcome: 'confirmed' };
  }

  async queryOutpatient(patientCard: string): Promise<OutpatientInfo> {
    const method = 'queryPatientInfo';
    const reply = await this.his.call(method, { patientCard });
    const f = parseReply(method, PatientInfoReply, replyFields(reply.body));
    return {
      realName: f.realName,
      idNumber: f.idCard,
      phone: f.phone ?? '',
      sex: f.sex,
      birthday: f.birthday,
      cardBalanceFen: f.eCardBalance,
      hisNo: f.hisNo,
    };
  }

  async queryInpatient(serialNumber: string): Promise<InpatientInfo> {
    const method = 'queryInHospitalPatient';
    const reply = await this.his.call(method, { serialNumber });
    const f = parseReply(method, InHospitalReply, replyFields(reply.body));
    return {
      realName: f.realName,
      idNumber: f.idCard,
      inHospital: f.status === '1',
      admittedOn: f.inhospitalDate,
      leftOn: f.leaveDate,
      ward: f.inpatientArea,
      departmentCode: f.departmentCode,
      doctorCode: f.doctorCode,
      depositPaidFen: f.totleAmt ?? f.totalAmt,
      depositUsedFen: f.usedAmt,
      depositRemainingFen: f.remainAmt,
      hisNo: f.hisNo,
    };
  }
}
