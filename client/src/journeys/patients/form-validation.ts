import type { z } from 'zod';
import type { FieldError } from '../../services/api-error';

export type FieldKey = 'realName' | 'idNumber' | 'phone' | 'patientCard' | 'relation' | 'serialNumber' | 'guardianName' | 'guardianIdNumber';
export type FieldErrors = Partial<Record<FieldKey, string>>;

export const FIELD_LABELS: Record<FieldKey, string> = {
  realName: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  patientCard: '就诊卡号',
  relation: '关系',
  serialNumber: '住院号',
  guardianName: '监护人姓名',
  guardianIdNumber: '监护人身份证号',
};

const HAS_CHINESE = /[\u4e00-\u9fa5]/;

function isFieldKey(key: unknown): key is FieldKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(FIELD_LABELS, key);
}

/** Chinese text for one field: the schema's own Chinese message, else a generic one. */
function messageFor(key: FieldKey, message: string, value: unknown): string {
  if (typeof value === 'string' && value.trim() === '') return key === 'relation' ? '请选择关系' : `请填写${FIELD_LABELS[key]}`;
  if (HAS_CHINESE.test(message)) return message;
  return `${FIELD_LABELS[key]}不正确`;
}

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validates with the SAME zod schema the BFF uses; the server stays authoritative. */
export function validate<S extends z.ZodType>(schema: S, values: Record<string, unknown>): Validation<z.output<S>> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (isFieldKey(key) && !errors[key]) errors[key] = messageFor(key, issue.message, values[key]);
  }
  return { ok: false, errors };
}

/** The BFF's `fields` ([{path: 'body.idNumber', message}]) mapped onto the form's fields. */
export function serverFieldErrors(fields: FieldError[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of fields) {
    const key = f.path.split(/[.[\]/]/).filter(Boolean).pop();
    if (isFieldKey(key) && !errors[key]) errors[key] = messageFor(key, f.message, undefined);
  }
  return errors;
}
