import { kpiInputSchema, type Kpi, type KpiInput } from '@troika/model';
import { validate } from '$lib/form-validation';
import { parseDecimal } from './format-value';

/** The KPI form's fields as typed (the target as text, so "" can mean "no target"). */
export interface KpiDraft extends Omit<KpiInput, 'target' | 'description'> {
  target: string;
  description: string;
}

/** A form's starting point: a new KPI's defaults, or an existing KPI's fields. */
export function draftOf(kpi: Kpi | null): KpiDraft {
  if (!kpi) return { name: '', kind: 'output', category: 'cost-revenue', owners: [], unit: '', direction: 'up', target: '', description: '' };
  const { name, kind, category, owners, unit, direction, target, description } = kpi;
  return { name, kind, category, owners: [...owners], unit, direction, target: target === null ? '' : String(target), description };
}

/** Checks a draft with the model's schema; returns the input, or the first error of each field. */
export function readDraft(draft: KpiDraft): { input: KpiInput } | { errors: Record<string, string> } {
  const target = draft.target.trim() === '' ? null : parseDecimal(draft.target);
  const input: KpiInput = { ...draft, name: draft.name.trim(), unit: draft.unit.trim(), target: target ?? null };
  const errors = validate(kpiInputSchema, input);
  if (draft.target.trim() !== '' && target === null) errors.target = 'Must be a number, with a dot for decimals (or leave it empty)';
  return Object.keys(errors).length > 0 ? { errors } : { input };
}

/**
 * Only the fields this person changed since the form opened, so saving does not overwrite what
 * others changed meanwhile on the other fields.
 */
export function changedFields(before: KpiInput, after: KpiInput): Partial<KpiInput> {
  const patch: Partial<KpiInput> = {};
  for (const key of ['name', 'kind', 'category', 'unit', 'direction', 'target'] as const) {
    if (before[key] !== after[key]) Object.assign(patch, { [key]: after[key] });
  }
  const sameOwners = before.owners.length === after.owners.length && before.owners.every((s) => after.owners.includes(s));
  if (!sameOwners) patch.owners = after.owners;
  return patch;
}
