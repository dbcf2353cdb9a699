import { Text, View } from '@tarojs/components';

export function InfoRow({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className="row">
      <Text className="row__label">{label}</Text>
      <Text id={id}>{value}</Text>
    </View>
  );
}
