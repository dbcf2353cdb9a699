import { Text, View } from '@tarojs/components';
import type { Relation } from '@hosp/shared';
import { RELATION_LABELS, RELATIONS } from '../labels';

interface Props {
  idPrefix: string;
  value: Relation;
  error?: string;
  onChange: (value: Relation) => void;
}

/** Large chips instead of a picker: one tap, readable in elder mode, easy to test. */
export function RelationPicker({ idPrefix, value, error, onChange }: Props) {
  return (
    <View className="field">
      <Text className="field__label" id={`${idPrefix}-relation-label`}>
        关系
      </Text>
      <View className="chips" role="radiogroup" aria-labelledby={`${idPrefix}-relation-label`}>
        {RELATIONS.map((r) => (
          <View
            key={r}
            id={`${idPrefix}-relation-${r}`}
            className={`chip${r === value ? ' chip--active' : ''}`}
            role="radio"
            aria-checked={r === value}
            onClick={() => onChange(r)}
          >
            <Text>{RELATION_LABELS[r]}</Text>
          </View>
        ))}
      </View>
      {error ? <Text className="field__error">{error}</Text> : null}
    </View>
  );
}
