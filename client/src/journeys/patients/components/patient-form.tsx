import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { BindCardRequest, CreateCardRequest, isMinorOn, SmsCode, type PatientSummary, type Relation, type VerificationSent } from '@hosp/shared';
import { useRequest } from '../../../hooks/use-request';
import { isApiError } from '../../../services/api-error';
import { acceptShown } from '../../../services/consent';
import { errorMessage } from '../../../services/error-messages';
import { call } from '../../../services/request';
import { routes } from '../../../services/routes';
import { serverFieldErrors, validate, type FieldErrors } from '../form-validation';
import { beijingToday } from '../../../services/time';
import { GuardianFields, guardianErrors, IdFacts } from './child-fields';
import { ConsentCheck } from './consent-check';
import { ProofStep } from './proof-step';
import { RelationPicker } from './relation-picker';
import { TextField } from './text-field';

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

type Person = Omit<Values, 'guardianName' | 'guardianIdNumber'>;
const personOf = ({ guardianName: _g, guardianIdNumber: _gi, ...person }: Values): Person => person;

/** A minor's new card names an adult guardian (checked before any code is sent). */
const guardianOf = (v: Values, minor: boolean) => (minor ? { guardian: { realName: v.guardianName, idNumber: v.guardianIdNumber } } : {});

/** Step 1: the BFF checks the card with HIS and texts a code (bind: to the phone HIS holds). */
function askCode(mode: Mode, v: Values, minor: boolean): Promise<VerificationSent> {
  if (mode === 'bind') return call('bindCode', { body: personOf(v) });
  const { patientCard: _card, ...body } = personOf(v);
  return call('createCardCode', { body: { ...body, ...guardianOf(v, minor) } });
}

/** Step 2: the same details with the code as proof. */
function submitToServer(mode: Mode, v: Values, sent: VerificationSent, code: string, minor: boolean): Promise<PatientSummary> {
  const proof = { kind: 'sms' as const, verificationId: sent.verificationId, code };
  if (mode === 'bind') return call('bindCard', { body: { ...personOf(v), proof } });
  const { patientCard: _card, ...body } = personOf(v);
  return call('createCard', { body: { ...body, ...guardianOf(v, minor), proof } });
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
  // Proof of ownership (issue 9): the privacy documents first, then a code by SMS.
  const consent = useRequest(() => call('consent'));
  const [agreed, setAgreed] = useState(false);
  const [consentError, setConsentError] = useState<string | undefined>();
  const [sent, setSent] = useState<VerificationSent | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();

  const set = (key: keyof Values) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    // A code proves the details it was sent for: changed details need a new one.
    if (key !== 'relation') setSent(null);
  };

  const today = beijingToday();
  // A new card for a minor names a guardian; an existing card is bound as HIS has it.
  const minor = mode === 'create' && isMinorOn(values.idNumber, today);

  async function requestCode(): Promise<void> {
    const person = personOf(values);
    const input = mode === 'bind' ? person : { ...person, patientCard: undefined };
    const checked = validate(mode === 'bind' ? BindCardRequest : CreateCardRequest, input);
    const guardian = minor ? guardianErrors(values.idNumber, values, today) : {};
    if (!checked.ok || Object.keys(guardian).length > 0) {
      setErrors({ ...(checked.ok ? {} : checked.errors), ...guardian });
      return;
    }
    setErrors({});
    if (consent.data?.required) {
      if (!agreed) {
        setConsentError('请先阅读并勾选同意《隐私政策》和《用户协议》');
        return;
      }
      await acceptShown(consent.data);
      consent.reload();
    }
    setCode('');
    setCodeError(undefined);
    setSent(await askCode(mode, values, minor));
  }

  async function confirm(current: VerificationSent): Promise<void> {
    const checked = SmsCode.safeParse(code);
    if (!checked.success) {
      setCodeError(checked.error.issues[0]?.message ?? '请输入验证码');
      return;
    }
    await submitToServer(mode, values, current, checked.data, minor);
    void Taro.showToast({ title: mode === 'bind' ? '绑定成功' : '建卡成功', icon: 'success' });
    backToList();
  }

  async function submit(resend = false): Promise<void> {
    if (submitting) return;
    setFormError(null);
    setConsentError(undefined);
    setSubmitting(true);
    try {
      if (!sent || resend) await requestCode();
      else await confirm(sent);
    } catch (e) {
      if (isApiError(e)) {
        setErrors(serverFieldErrors(e.fields));
        if (e.code === 'CODE_INVALID') setCodeError(errorMessage(e));
        if (e.code === 'CODE_EXPIRED') setSent(null);
        if (e.code === 'CONSENT_REQUIRED') consent.reload();
      }
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
      {sent ? (
        <ProofStep idPrefix={p} sent={sent} code={code} error={codeError} busy={submitting} onCode={(c) => { setCode(c); setCodeError(undefined); }} onResend={() => void submit(true)} />
      ) : null}
      {consent.data?.required ? (
        <ConsentCheck status={consent.data} agreed={agreed} error={consentError} onChange={(v) => { setAgreed(v); setConsentError(undefined); }} />
      ) : null}
      {formError ? (
        <Text className="field__error patient-form__error" id={`${p}-error`}>
          {formError}
        </Text>
      ) : null}
      <Button className="btn patient-form__submit" id={`${p}-submit`} disabled={submitting} loading={submitting} onClick={() => void submit()}>
        {!sent ? '获取验证码' : mode === 'bind' ? '验证并绑定' : '验证并建卡'}
      </Button>
    </View>
  );
}
