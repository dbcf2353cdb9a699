import { Input, Text, View } from '@tarojs/components';
import type { InputProps } from '@tarojs/components';

interface Props {
  id: string;
  label: string;
  value: string;
  error?: string;
  placeholder?: string;
  type?: InputProps['type'];
  maxlength?: number;
  onChange: (value: string) => void;
}

/** A labelled input with its field error under it. */
export function TextField({ id, label, value, error, placeholder, type = 'text', maxlength = 40, onChange }: Props) {
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      <Input
        id={id}
        className={`input${error ? ' input--invalid' : ''}`}
        type={type}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        onInput={(e) => onChange(e.detail.value)}
      />
      {error ? (
        <Text className="field__error" id={`${id}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
