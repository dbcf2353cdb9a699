import { Input, Text, View } from '@tarojs/components';
import type { InputProps } from '@tarojs/components';

interface Props {
  id: string;
  label: string;
  value: string;
  error?: string;
  placeholder?: string;
  /** phone: a text field with a numeric keypad (never a number spinner). */
  type?: InputProps['type'] | 'phone';
  maxlength?: number;
  onChange: (value: string) => void;
}

/**
 * A labelled input with its field error under it. The visible label names the field for screen
 * readers too (the placeholder is only a hint), and the error is announced with it.
 */
export function TextField({ id, label, value, error, placeholder, type = 'text', maxlength = 40, onChange }: Props) {
  const phone = type === 'phone';
  // H5: Taro's <input> is inside a custom element; nativeProps reach the real one.
  const nativeProps: Record<string, string> = {
    'aria-labelledby': `${id}-label`,
    'aria-invalid': error ? 'true' : 'false',
    ...(error ? { 'aria-describedby': `${id}-error` } : {}),
    ...(phone ? { type: 'tel', inputmode: 'numeric', autocomplete: 'tel' } : {}),
  };
  return (
    <View className="field">
      <Text className="field__label" id={`${id}-label`}>
        {label}
      </Text>
      <Input
        id={id}
        className={`input${error ? ' input--invalid' : ''}`}
        type={phone ? 'number' : type}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        ariaLabel={label}
        nativeProps={nativeProps}
        onInput={(e) => onChange(e.detail.value)}
      />
      {error ? (
        <View className="field__error" id={`${id}-error`} role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}
