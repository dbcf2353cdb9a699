import { Text, View } from '@tarojs/components';
import { formatFen, type DepositRefundView } from '@hosp/shared';

/** Each record's refund: where it goes back to, how much, and its state in words the BFF chose. */
export function RefundParts({ refund }: { refund: DepositRefundView }) {
  return (
    <View className="deposit-parts" role="list" aria-label="各笔退款进度">
      {refund.parts.map((p, i) => (
        <View key={p.recordId} id={`deposit-part-${i}`} className="deposit-part" role="listitem" data-state={p.state}>
          <View className="deposit-part__head">
            <Text className="deposit-part__title">
              {p.channelLabel} · {formatFen(p.amountFen)}
            </Text>
            <Text className={`deposit-tag deposit-tag--${p.state}`} id={`deposit-part-${i}-state`}>
              {p.label}
            </Text>
          </View>
          <Text className="deposit-part__line">充值单 {p.recordId}</Text>
          {p.detail ? <Text className="deposit-part__line">{p.detail}</Text> : null}
          {p.expectedBy ? <Text className="deposit-part__line">预计 {p.expectedBy} 前到账</Text> : null}
        </View>
      ))}
    </View>
  );
}
