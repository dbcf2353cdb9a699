import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { formatFen, type PrepayOptions } from '@hosp/shared';
import { yuanInputToFen } from '../request-id';

/** Preset amounts as radio chips, and a custom amount in yuan checked against min and max. */
export function AmountPicker({ options, onChange }: { options: PrepayOptions; onChange(fen: number | null): void }) {
  const [preset, setPreset] = useState<number | null>(null);
  const [custom, setCustom] = useState('');
  const customFen = custom ? yuanInputToFen(custom) : null;
  const outOfRange = custom !== '' && (customFen === null || customFen < options.minAmountFen || customFen > options.maxAmountFen);

  function pick(fen: number): void {
    setPreset(fen);
    setCustom('');
    onChange(fen);
  }
  function type(text: string): void {
    setCustom(text);
    setPreset(null);
    const fen = text ? yuanInputToFen(text) : null;
    onChange(fen !== null && fen >= options.minAmountFen && fen <= options.maxAmountFen ? fen : null);
  }

  return (
    <View>
      <View className="chips" role="radiogroup" aria-label="预缴金额">
        {options.presetAmountsFen.map((fen, i) => (
          <View key={fen} id={`amount-${i}`} role="radio" aria-checked={preset === fen} className={`chip${preset === fen ? ' chip--active' : ''}`} onClick={() => pick(fen)}>
            <Text>{formatFen(fen)}</Text>
          </View>
        ))}
      </View>
      <View className="field">
        <Text className="field__label" id="amount-custom-label">其他金额（元）</Text>
        <Input
          id="amount-custom"
          className={`input${outOfRange ? ' input--invalid' : ''}`}
          type="digit"
          value={custom}
          placeholder={`${formatFen(options.minAmountFen)} – ${formatFen(options.maxAmountFen)}`}
          aria-labelledby="amount-custom-label"
          onInput={(e) => type(e.detail.value)}
        />
        {outOfRange ? (
          <View role="alert">
            <Text className="field__error">金额需在 {formatFen(options.minAmountFen)} 至 {formatFen(options.maxAmountFen)} 之间</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}
