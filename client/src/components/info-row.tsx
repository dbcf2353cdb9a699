import { Text, View } from '@tarojs/components';

/** One label → value line, the same on every detail page. */
export function InfoRow({ label, value, id, className }: { label: string; value: string; id?: string; className?: string }) {
  return (
    <View className="row">
      <Text className="row__label">{label}</Text>
      <Text id={id} className={`row__value${className ? ` ${className}` : ''}`}>
        {value}
      </Text>
    </View>
  );
}
