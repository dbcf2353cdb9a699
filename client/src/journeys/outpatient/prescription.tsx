import { Text, View } from '@tarojs/components';
import { formatFen, type OutpatientFees } from '@hosp/shared';

type Rx = OutpatientFees['unpaid'][number]['prescriptions'][number];

/** One prescription: a checkbox line (fee type, amount), then its item lines with usage and dosage. */
export function Prescription({ rx, id, on, onToggle }: { rx: Rx; id: string; on: boolean; onToggle: () => void }) {
  const label = `${rx.feeType} ${formatFen(rx.amountFen)}${rx.inOrder ? '，已在待支付订单中，打开订单' : ''}`;
  return (
    <View className="fee-rx">
      <View className="fee-rx__head" id={id} role="checkbox" aria-checked={on} aria-disabled={Boolean(rx.inOrder)} aria-label={label} onClick={onToggle}>
        <View className={`pick-check${on ? ' pick-check--on' : ''}`} />
        <Text className="fee-rx__name">{rx.feeType}</Text>
        <Text>{formatFen(rx.amountFen)}</Text>
      </View>
      {rx.inOrder ? <Text className="fee-rx__held">已在待支付订单中，点击继续支付</Text> : null}
      <Text className="fee-visit__line">处方 {rx.prescriptionNo}{rx.diagnosisName ? ` · ${rx.diagnosisName}` : ''}</Text>
      {rx.items.map((it, ii) => (
        <View key={`${it.name}-${ii}`}>
          <View className="fee-item">
            <Text>{it.name} ×{it.count}</Text>
            <Text>{it.amountFen === null ? `单价 ${it.unitPrice} 元` : formatFen(it.amountFen)}</Text>
          </View>
          {it.usage || it.dosage ? <Text className="fee-item__use">{[it.usage, it.dosage].filter(Boolean).join('，')}</Text> : null}
        </View>
      ))}
    </View>
  );
}
