import { type FormValues, many } from '../forms';
import { NEEDS } from '../../core/vocabulary/needs';
import { RELATIONSHIPS } from '../../core/vocabulary/referrals';

// Option lists for radios, checkboxes and selects, in GOV.UK macro item shape.

export function needCheckboxes(values: FormValues, name: string, only?: readonly string[]) {
  const chosen = new Set(many(values, name));
  return NEEDS.filter((need) => !only || only.includes(need.id)).map((need) => ({
    value: need.id,
    text: need.label,
    checked: chosen.has(need.id),
  }));
}

export function needSelect(selected: string, only?: readonly string[]) {
  return [
    { value: '', text: 'Choose a need' },
    ...NEEDS.filter((need) => !only || only.length === 0 || only.includes(need.id)).map((need) => ({
      value: need.id,
      text: need.label,
      selected: need.id === selected,
    })),
  ];
}

const RELATIONSHIP_LABELS: Record<string, string> = {
  child: 'Child',
  'unborn-child': 'Unborn child',
  parent: 'Parent',
  'step-parent': 'Step-parent',
  carer: 'Carer',
  grandparent: 'Grandparent',
  'sibling-adult': 'Adult brother or sister',
  'other-adult': 'Other adult',
};

export function relationshipLabel(value: string): string {
  return RELATIONSHIP_LABELS[value] ?? value;
}

export function relationshipSelect(selected: string, adultsOnly = false) {
  return [
    { value: '', text: 'Choose a relationship' },
    ...RELATIONSHIPS.filter((value) => !adultsOnly || !['child', 'unborn-child'].includes(value)).map(
      (value) => ({ value, text: RELATIONSHIP_LABELS[value], selected: value === selected }),
    ),
  ];
}

/** Radios items from `[value, text, hint?]`, checked from the form. */
export function radios(selected: string, items: readonly (readonly [string, string, string?])[]) {
  return items.map(([value, text, hint]) => ({
    value,
    text,
    checked: value === selected,
    ...(hint ? { hint: { text: hint } } : {}),
  }));
}
