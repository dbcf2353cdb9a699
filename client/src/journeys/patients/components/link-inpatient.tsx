import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { LinkInpatientRequest, type PatientDetail } from '@hosp/shared';
import { isApiError } from '../../../services/api-error';
import { errorMessage } from '../../../services/error-messages';
import { call } from '../../../services/request';
import { serverFieldErrors, validate } from '../form-validation';
import { TextField } from './text-field';

interface Props {
  patientId: string;
  onLinked: (detail: PatientDetail) => void;
}

/** 关联住院号: ties an inpatient stay to this patient. */
export function LinkInpatient({ patientId, onLinked }: Props) {
  const [serialNumber, setSerialNumber] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(): Promise<void> {
    if (busy) return;
    const checked = validate(LinkInpatientRequest, { serialNumber });
    if (!checked.ok) {
      setError(checked.errors.serialNumber ?? '住院号不正确');
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const detail = await call('linkInpatient', { params: { id: patientId }, body: checked.data });
      setSerialNumber('');
      onLinked(detail);
      void Taro.showToast({ title: '关联成功', icon: 'success' });
    } catch (e) {
      setError((isApiError(e) && serverFieldErrors(e.fields).serialNumber) || errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="section">
      <Text className="section__title">关联住院号</Text>
      <TextField id="detail-inpatient-input" label="住院号" value={serialNumber} error={error} placeholder="住院腕带或押金单上的住院号" maxlength={32} onChange={setSerialNumber} />
      <Button className="btn detail__link-btn" id="detail-inpatient-submit" disabled={busy} loading={busy} onClick={() => void submit()}>
        关联住院号
      </Button>
    </View>
  );
}
