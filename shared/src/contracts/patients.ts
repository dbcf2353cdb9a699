import { z } from 'zod';
import { isValidIdNumber, isValidMobile, normalizeIdNumber } from '../identity';
import { Fen, personName } from './common';

export const Relation = z.enum(['self', 'spouse', 'child', 'parent', 'other']);
export type Relation = z.infer<typeof Relation>;

const RealName = personName('realName', z.string().trim().min(1, '请填写姓名').max(40));
const IdNumber = z
  .string()
  .trim()
  .transform(normalizeIdNumber)
  .refine(isValidIdNumber, '身份证号不正确');
const Mobile = z.string().trim().refine(isValidMobile, '手机号不正确');
const CardNo = z.string().trim().regex(/^[0-9A-Za-z_-]{1,32}$/, '就诊卡号不正确');

/** A minor's card names a guardian (监护人): an adult with a valid ID number. */
export const Guardian = z.object({ realName: RealName, idNumber: IdNumber });

export const CreateCardRequest = z
  .object({ realName: RealName, idNumber: IdNumber, phone: Mobile, relation: Relation, guardian: Guardian.optional() })
  .meta({ id: 'CreateCardRequest' });
export type CreateCardRequest = z.input<typeof CreateCardRequest>;

export const BindCardRequest = CreateCardRequest.extend({ patientCard: CardNo }).meta({ id: 'BindCardRequest' });
export type BindCardRequest = z.input<typeof BindCardRequest>;

export const LinkInpatientRequest = z
  .object({ serialNumber: z.string().trim().regex(/^[0-9A-Za-z_-]{1,32}$/, '住院号不正确') })
  .meta({ id: 'LinkInpatientRequest' });
export type LinkInpatientRequest = z.infer<typeof LinkInpatientRequest>;

/** What every patient response shows: never a raw ID number or phone. */
export const PatientSummary = z
  .object({
    id: z.string(),
    realName: personName('realName', z.string()),
    relation: Relation,
    patientCard: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
    cardKind: z.enum(['virtual', 'physical']),
    createdAt: z.string(),
  })
  .meta({ id: 'PatientSummary' });
export type PatientSummary = z.infer<typeof PatientSummary>;

export const PatientList = z
  .object({ patients: z.array(PatientSummary), limit: z.number().int().positive() })
  .meta({ id: 'PatientList' });
export type PatientList = z.infer<typeof PatientList>;

export const InpatientStatus = z
  .object({
    serialNumber: z.string(),
    inHospital: z.boolean(),
    admittedOn: z.string(),
    leftOn: z.string().nullable(),
    ward: z.string().nullable(),
    departmentCode: z.string(),
    depositPaidFen: Fen.nullable(),
    depositUsedFen: Fen.nullable(),
    depositRemainingFen: z.number().int().nullable(),
  })
  .meta({ id: 'InpatientStatus' });
export type InpatientStatus = z.infer<typeof InpatientStatus>;

export const PatientDetail = PatientSummary.extend({
  outpatient: z
    .object({
      sex: z.string().nullable(),
      birthday: z.string().nullable(),
      cardBalanceFen: z.number().int().nullable(),
    })
    .nullable(),
  /** Sex, birth date and age read from the ID number itself (GB 11643), whatever HIS says. */
  person: z.object({ sex: z.enum(['male', 'female']), birthDate: z.string(), age: z.number().int() }).nullable(),
  /** A minor's guardian as given at card creation. */
  guardian: z.object({ realName: z.string(), idNumberMasked: z.string() }).nullable(),
  /** Set when HIS could not be reached: the rest of the detail is still shown. */
  hisUnavailable: z.boolean(),
  inpatient: InpatientStatus.nullable(),
}).meta({ id: 'PatientDetail' });
export type PatientDetail = z.infer<typeof PatientDetail>;
