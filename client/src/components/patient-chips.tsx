import { Text, View } from '@tarojs/components';

/** Choose one of the account's patients (radio group); styles in styles/_pick.scss. */
export function PatientChips({ patients, chosen, onChoose, idPrefix }: { patients: { id: string; realName: string }[]; chosen: string; onChoose: (id: string) => void; idPrefix: string }) {
  return (
    <View className="pick-section">
      <Text className="pick-section__label">就诊人</Text>
      <View className="pick-chips" role="radiogroup" aria-label="就诊人">
        {patients.map((p, i) => (
          <View key={p.id} id={`${idPrefix}-patient-${i}`} className={`pick-chip${p.id === chosen ? ' pick-chip--active' : ''}`} role="radio" aria-checked={p.id === chosen} onClick={() => onChoose(p.id)}>
            <Text>{p.realName}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
