import type * as Y from 'yjs';
import { readBoard } from '../board/board-doc';
import { kpiStatus } from '../board/kpi-status';
import type { Kpi } from '../board/types';
import { changedFields, pairById } from './field-diff';
import type { EntryChange, FieldChange } from './types';

const KPI_FIELDS = ['name', 'description', 'kind', 'category', 'owners', 'unit', 'direction', 'target', 'outcomes'] as const;

const statusOf = (k: Kpi) => kpiStatus(k.values.at(-1) ?? null, k.target, k.direction);

/** Values added, changed or removed, one field change per date (`field: 'value'`, `at` the date). */
function valueChanges(before: Kpi, after: Kpi): FieldChange[] {
  const was = new Map(before.values.map((v) => [v.at, v.value]));
  const now = new Map(after.values.map((v) => [v.at, v.value]));
  const dates = [...new Set([...was.keys(), ...now.keys()])].sort();
  return dates.flatMap((at) => {
    const from = was.get(at) ?? null;
    const to = now.get(at) ?? null;
    return from === to ? [] : [{ field: 'value', at, from, to }];
  });
}

/** The KPIs added, removed and changed between two states of the board (status is derived, and listed when it moved). */
export function diffBoard(before: Y.Doc, after: Y.Doc): EntryChange[] {
  const { added, removed, both } = pairById(readBoard(before), readBoard(after));
  const change = (k: Kpi, type: EntryChange['change'], fields: FieldChange[] = []): EntryChange => ({
    doc: 'board',
    kind: 'kpi',
    id: k.id,
    title: k.name,
    change: type,
    fields,
  });
  const changed = both.flatMap(([was, now]) => {
    const fields = [...changedFields(was, now, KPI_FIELDS), ...valueChanges(was, now)];
    const from = statusOf(was);
    const to = statusOf(now);
    if (from !== to) fields.push({ field: 'status', from, to });
    return fields.length > 0 ? [change(now, 'changed', fields)] : [];
  });
  return [...added.map((k) => change(k, 'added')), ...changed, ...removed.map((k) => change(k, 'removed'))];
}
