import { Text, View } from '@tarojs/components';
import { formatFen, type InpatientStatus } from '@hosp/shared';
import { InfoRow } from '../../../components/info-row';

const fen = (v: number | null) => (v === null ? '—' : formatFen(v));

/** The linked inpatient stay: where, since when, and the deposit. */
export function InpatientSection({ inpatient }: { inpatient: InpatientStatus }) {
  return (
    <View className="section" id="detail-inpatient">
      <Text className="section__title">住院信息</Text>
      <InfoRow label="住院号" value={inpatient.serialNumber} />
      <InfoRow label="状态" value={inpatient.inHospital ? '在院' : '已出院'} id="detail-inpatient-state" />
      <InfoRow label="入院日期" value={inpatient.admittedOn} />
      {inpatient.leftOn ? <InfoRow label="出院日期" value={inpatient.leftOn} /> : null}
      {inpatient.ward ? <InfoRow label="病区" value={inpatient.ward} /> : null}
      <InfoRow label="已交押金" value={fen(inpatient.depositPaidFen)} />
      <InfoRow label="已用金额" value={fen(inpatient.depositUsedFen)} />
      <InfoRow label="押金余额" value={fen(inpatient.depositRemainingFen)} id="detail-deposit-remaining" />
    </View>
  );
}
