import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { BindCardRequest, CreateCardRequest, type PatientSummary, type Relation } from '@hosp/shared';
import { isApiError } from '../../../services/api-error';
import { errorMessage } from '../../../services/error-messages';
import { call } from '../../../services/request';
import { routes } from '../../../services/routes';
import { serverFieldErrors, validate, type FieldErrors } from '../form-validation';
import { beijingToday } from '../../../services/time';
import { GuardianFields, guardianErrors, IdFacts } from './child-fields';
import { RelationPicker } from './relation-picker';
import { TextField } from './text-field';
import { isMinorOn } from '@hosp/shared';

type Mode = 'bind' | 'create';

type Values = {
  realName: string;
  idNumber: string;
  phone: string;
  patientCard: string;
  relation: Relation;
  guardianName: string;
  guardianIdNumber: string;
};

const EMPTY: Values = { realName: '', idNumber: '', phone: '', patientCard: '', relation: 'self', guardianName: '', guardianIdNumber: '' };

function submitToServer(mode: Mode, v: Values, minor: boolean): Promise<PatientSummary> {
  const { guardianName, guardianIdNumber, ...person } = v;
  if (mode === 'bind') return call('bindCard', { body: person });
  const { patientCard: _card, ...body } = person;
  return call('createCard', { body: { ...body, ...(minor ? { guardian: { realName: guardianName, idNumber: guardianIdNumber } } : {}) } });
}

function backToList(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: routes.patientList });
}

/** 绑定已有就诊卡 (with card number) and 在线建卡 (without): one form, two schemas from shared. */
export function PatientForm({ mode }: { mode: Mode }) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const set = (key: keyof Values) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const today = beijingToday();
  // A new card for a minor names a guardian; an existing card is bound as HIS has it.
  const minor = mode === 'create' && isMinorOn(values.idNumber, today);

  async function submit(): Promise<void> {
    if (submitting) return;
    const { guardianName: _g, guardianIdNumber: _gi, ...person } = values;
    const input = mode === 'bind' ? person : { ...person, patientCard: undefined };
    const checked = validate(mode === 'bind' ? BindCardRequest : CreateCardRequest, input);
    const guardian = minor ? guardianErrors(values.idNumber, values, today) : {};
    setFormError(null);
    if (!checked.ok || Object.keys(guardian).length > 0) {
      setErrors({ ...(checked.ok ? {} : checked.errors), ...guardian });
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      await submitToServer(mode, values, minor);
      void Taro.showToast({ title: mode === 'bind' ? '绑定成功' : '建卡成功', icon: 'success' });
      backToList();
    } catch (e) {
      if (isApiError(e)) setErrors(serverFieldErrors(e.fields));
      setFormError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  }

  const p = mode;
  return (
    <View className="section patient-form">
      <TextField id={`${p}-realName`} label="姓名" value={values.realName} error={errors.realName} placeholder="与身份证一致" onChange={set('realName')} />
      <TextField id={`${p}-idNumber`} label="身份证号" value={values.idNumber} error={errors.idNumber} placeholder="18 位身份证号" type="idcard" maxlength={18} onChange={set('idNumber')} />
      {mode === 'create' ? <IdFacts id={`${p}-id-facts`} idNumber={values.idNumber} today={today} /> : null}
      {minor ? <GuardianFields prefix={p} values={values} errors={errors} onChange={set} /> : null}
      <TextField id={`${p}-phone`} label={minor ? '监护人手机号' : '手机号'} value={values.phone} error={errors.phone} placeholder="11 位手机号" type="phone" maxlength={11} onChange={set('phone')} />
      {mode === 'bind' ? (
        <TextField id={`${p}-patientCard`} label="就诊卡号" value={values.patientCard} error={errors.patientCard} placeholder="就诊卡上的卡号" maxlength={32} onChange={set('patientCard')} />
      ) : null}
      <RelationPicker idPrefix={p} value={values.relation} error={errors.relation} onChange={set('relation')} />
      {formError ? (
        <Text className="field__error patient-form__error" id={`${p}-error`}>
          {formError}
        </Text>
      ) : null}
      <Button className="btn patient-form__submit" id={`${p}-submit`} disabled={submitting} loading={submitting} onClick={() => void submit()}>
        {mode === 'bind' ? '绑定' : '建卡'}
      </Button>
    </View>
  );
}
