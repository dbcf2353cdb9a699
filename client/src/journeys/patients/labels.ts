import type { PatientSummary, Relation } from '@hosp/shared';

export const RELATION_LABELS: Record<Relation, string> = {
  self: '本人',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  other: '其他',
};

export const RELATIONS = Object.keys(RELATION_LABELS) as Relation[];

export const CARD_KIND_LABELS: Record<PatientSummary['cardKind'], string> = {
  virtual: '电子就诊卡',
  physical: '实体就诊卡',
};

/** HIS sends sex as a code or a word; show it in Chinese. */
export function sexLabel(sex: string | null): string {
  if (!sex) return '—';
  const v = sex.trim().toLowerCase();
  if (['m', '1', 'male', '男'].includes(v)) return '男';
  if (['f', '2', 'female', '女'].includes(v)) return '女';
  return sex;
}
