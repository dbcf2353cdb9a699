/**
 * The `patientService` config block: what the hospital tells its patients in its own words — its
 * name, the customer-service phone, and what the booking voucher says about the day of the visit.
 */
import { z } from 'zod';

const Phone = z.string().trim().regex(/^[0-9][0-9-]{2,19}$/, 'digits and dashes, as dialled (e.g. 0571-87654321 or 12320)');
const Line = z.string().trim().min(1).max(40);

export const PatientServiceConfigSchema = z.object({
  hospitalName: z.string().trim().min(1).max(40).default('演示医院'),
  /** Shown on 我的 and wherever a patient is told to contact the hospital; null hides it. */
  customerServicePhone: Phone.nullable().default('0571-87000000'),
  serviceHours: Line.nullable().default('每天 08:00-17:30'),
  visit: z
    .object({
      /** The voucher asks the patient to arrive this many minutes before the visit time. */
      arriveMinutesBefore: z.number().int().min(0).max(240).default(30),
      /** What to bring, one line each. */
      bring: z.array(Line).min(1).max(8).default(['就诊卡或电子就诊卡', '本人身份证', '医保卡（如使用医保）']),
    })
    .default({ arriveMinutesBefore: 30, bring: ['就诊卡或电子就诊卡', '本人身份证', '医保卡（如使用医保）'] }),
});

export type PatientServiceConfig = z.infer<typeof PatientServiceConfigSchema>;
export const PATIENT_SERVICE_DEFAULTS: PatientServiceConfig = PatientServiceConfigSchema.parse({});
