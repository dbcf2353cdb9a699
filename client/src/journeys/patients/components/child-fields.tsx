import { Text, View } from '@tarojs/components';
import { ageOn, isMinorOn, normalizeIdNumber, personFromIdNumber, SEX_WORDS } from '@hosp/shared';
import type { FieldErrors } from '../form-validation';
import { TextField } from './text-field';

/** 性别、出生日期 from the ID number itself: nothing to ask. */
export function IdFacts({ id, idNumber, today }: { id: string; idNumber: string; today: string }) {
  const p = personFromIdNumber(idNumber);
  if (!p) return null;
  return (
    <View className="id-facts" id={id} role="status">
      <Text>
        性别 {SEX_WORDS[p.sex]} · 出生日期 {p.birthDate} · {ageOn(p.birthDate, today)} 岁（由身份证号识别）
      </Text>
    </View>
  );
}

export interface GuardianValues {
  guardianName: string;
  guardianIdNumber: string;
}

/** 监护人 for a minor's new card: name and ID number (the card's phone is the guardian's). */
export function GuardianFields({ prefix, values, errors, onChange }: { prefix: string; values: GuardianValues; errors: FieldErrors; onChange: (key: keyof GuardianValues) => (v: string) => void }) {
  return (
    <View className="guardian" id={`${prefix}-guardian`}>
      <Text className="guardian__title">未满 18 周岁，请填写监护人信息</Text>
      <TextField id={`${prefix}-guardianName`} label="监护人姓名" value={values.guardianName} error={errors.guardianName} placeholder="与监护人身份证一致" onChange={onChange('guardianName')} />
      <TextField id={`${prefix}-guardianIdNumber`} label="监护人身份证号" value={values.guardianIdNumber} error={errors.guardianIdNumber} placeholder="18 位身份证号" type="idcard" maxlength={18} onChange={onChange('guardianIdNumber')} />
    </View>
  );
}

/** The same rules as the BFF (which decides): a minor names an adult guardian who is not the child. */
export function guardianErrors(idNumber: string, g: GuardianValues, today: string): FieldErrors {
  if (!isMinorOn(idNumber, today)) return {};
  const errors: FieldErrors = {};
  if (!g.guardianName.trim()) errors.guardianName = '请填写监护人姓名';
  const gid = normalizeIdNumber(g.guardianIdNumber);
  if (!gid) errors.guardianIdNumber = '请填写监护人身份证号';
  else if (!personFromIdNumber(gid)) errors.guardianIdNumber = '监护人身份证号不正确';
  else if (gid === normalizeIdNumber(idNumber)) errors.guardianIdNumber = '监护人不能是就诊人本人';
  else if (isMinorOn(gid, today)) errors.guardianIdNumber = '监护人须年满 18 周岁';
  return errors;
}
