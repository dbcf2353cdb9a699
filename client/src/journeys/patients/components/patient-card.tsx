import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { maskCardNo, type PatientSummary } from '@hosp/shared';
import { routes } from '../../../services/routes';
import { CARD_KIND_LABELS, RELATION_LABELS } from '../labels';

/** One patient in the list: name, relation, card kind and number, masked ID number. */
export function PatientCard({ patient, index }: { patient: PatientSummary; index: number }) {
  return (
    <View
      id={`patient-item-${index}`}
      className="patient-card"
      role="button"
      data-patient-id={patient.id}
      onClick={() => void Taro.navigateTo({ url: routes.patientDetail(patient.id) })}
    >
      <View className="patient-card__head">
        <Text className="patient-card__name">{patient.realName}</Text>
        <Text className="tag">{RELATION_LABELS[patient.relation]}</Text>
        <Text className={`tag tag--${patient.cardKind}`}>{CARD_KIND_LABELS[patient.cardKind]}</Text>
      </View>
      <View className="patient-card__line">
        <Text className="patient-card__label">身份证</Text>
        <Text className="patient-id-masked">{patient.idNumberMasked}</Text>
      </View>
      <View className="patient-card__line">
        <Text className="patient-card__label">就诊卡</Text>
        <Text className="patient-card-no">{maskCardNo(patient.patientCard)}</Text>
      </View>
    </View>
  );
}
