import { z } from 'zod';

/** What the hospital tells every patient, from config: how to reach a person, what to bring. */
export const HospitalInfo = z
  .object({
    name: z.string(),
    /** Customer-service phone (客服电话), digits and dashes as dialled; null when the hospital has none. */
    customerServicePhone: z.string().nullable(),
    serviceHours: z.string().nullable(),
  })
  .meta({ id: 'HospitalInfo' });
export type HospitalInfo = z.infer<typeof HospitalInfo>;
