import { useEffect, useRef } from 'react';
import { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { brightUp, CAN_SET_BRIGHTNESS } from '../../../../platform/brightness';
import { call } from '../../../../services/request';
import { routeParam } from '../../../../services/routes';
import { QrCode } from '../../components/qr-code';
import { CARD_KIND_LABELS } from '../../labels';
import '../../patients.scss';

/**
 * 出示就诊卡: the card number in full and as a QR code, for the counter's scanner, with the screen
 * at full brightness while the page shows. Only the account that holds the patient gets here (the
 * BFF checks); everywhere else the number is masked.
 */
export default function CardPage() {
  useRequireLogin();
  const id = routeParam(useRouter().params.id);
  const { data, error, loading, reload } = useRequest(() => call('getPatient', { params: { id } }), [id]);
  const restore = useRef<(() => void) | null>(null);
  const bright = () => {
    if (restore.current) return;
    restore.current = () => undefined;
    void brightUp().then((undo) => (restore.current = undo));
  };
  const dim = () => {
    restore.current?.();
    restore.current = null;
  };
  useDidShow(bright);
  useDidHide(dim);
  useUnload(dim);
  useEffect(() => dim, []);

  if (loading && !data) return <PageShell><Loading /></PageShell>;
  if (!data) return <PageShell><ErrorState error={error} onRetry={reload} /></PageShell>;
  return (
    <PageShell className="patients-card">
      <View className="ecard" id="ecard">
        <Text className="ecard__name">{data.realName}</Text>
        <Text className="ecard__kind">{CARD_KIND_LABELS[data.cardKind]}</Text>
        <QrCode id="ecard-qr" text={data.patientCard} label={`就诊卡二维码，卡号 ${data.patientCard}`} />
        <Text className="ecard__no" id="ecard-no">
          {data.patientCard}
        </Text>
        <Text className="ecard__hint">
          {CAN_SET_BRIGHTNESS ? '已调到最高亮度，请将二维码对准窗口扫码器' : '请调高屏幕亮度，将二维码对准窗口扫码器'}
        </Text>
      </View>
    </PageShell>
  );
}
