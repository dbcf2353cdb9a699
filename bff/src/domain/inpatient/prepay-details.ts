import { z } from 'zod';

/** The snapshot a prepay (住院预缴) order carries: who HIS books it to, and whether a relative paid. */
export const PrepayDetailsSchema = z.object({
  patient: z.object({ realName: z.string().min(1), patientCard: z.string().min(1) }),
  inpatientNo: z.string().min(1),
  /** Paid by someone without the patient bound (family top-up): they see no amounts of the stay. */
  family: z.boolean(),
  /** What the payer may see: the masked name, department and ward. */
  maskedName: z.string(),
  department: z.string().nullable(),
  ward: z.string().nullable(),
});
export type PrepayDetails = z.infer<typeof PrepayDetailsSchema>;
