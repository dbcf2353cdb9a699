import { z } from 'zod';
import type { CardCheck, HisPatientPort, InpatientInfo, NewCard, OutpatientInfo } from '../../domain/patients/ports';
import type { HisClient } from './his-client';
import { optional, parseReply, replyFields, required, signedYuanFen, yuanFen } from './his-reply.map';

/** Section 4 replies, in the vendor's field names (they stay in this folder). */
const AddCardReply = z.object({ patientCard: required, hisNo: optional });

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

  async checkCard(input: CardCheck): Promise<void> {
    // result=success is the whole answer; anything else arrives as HIS_REJECTED from the client.
    await this.his.call('checkPatientCard', {
      patientCard: input.patientCard,
      realName: input.realName,
      idCard: input.idNumber,
      phone: input.phone,
    });
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
