import { z } from 'zod';
import { ERROR_CODE_LIST } from '../errors';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODE_LIST as [string, ...string[]]),
      message: z.string(),
      requestId: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      /** What the patient can follow, e.g. the tradeNo of the booking that already exists. */
      ref: z.string().optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });
export type Ok = z.infer<typeof Ok>;

/** Opaque ids we hand out are ULID-like strings; route params are checked against this. */
export const Id = z.string().regex(/^[0-9A-Za-z_-]{8,64}$/, 'invalid id');
export const IdParams = z.object({ id: Id });

export const Fen = z.number().int().nonnegative();

const personNameFields = new Set<string>();

/**
 * Marks a contract field as a person's name (patient, family member): logs mask the value under
 * this key wherever it appears. Returns the schema unchanged.
 */
export function personName<T extends z.ZodType>(field: string, schema: T): T {
  personNameFields.add(field);
  return schema;
}

/** Every field name the contract marks as a person's name. */
export function personNameKeys(): ReadonlySet<string> {
  return personNameFields;
}
