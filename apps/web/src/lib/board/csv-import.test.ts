import { describe, expect, it } from 'vitest';
import { applyInChunks, makeKpiResolver, planImport } from './csv-import';

const kpis = [
  { id: 'k1conversion00', name: 'Online conversion rate' },
  { id: 'k2csat0000000', name: 'CSAT' },
  { id: 'k3dup1000000', name: 'Cost' },
  { id: 'k4dup2000000', name: 'cost' },
];

describe('makeKpiResolver', () => {
  const resolve = makeKpiResolver(kpis);
  it('finds KPIs by id, or by name ignoring case and spacing', () => {
    expect(resolve('k2csat0000000')).toEqual({ id: 'k2csat0000000' });
    expect(resolve('  online   CONVERSION rate ')).toEqual({ id: 'k1conversion00' });
  });
  it('says when a name is unknown, ambiguous or missing', () => {
    expect(resolve('Revenue')).toEqual({ error: 'No KPI is named "Revenue" or has it as id' });
    expect(resolve('COST')).toEqual({ error: `2 KPIs are named "COST": use the KPI's id instead` });
    expect(resolve(' ')).toEqual({ error: 'The KPI is missing' });
  });
});

describe('planImport', () => {
  it('keeps good rows and reports each bad one with its line and reason', () => {
    const csv = [
      'kpi,date,value',
      'Online conversion rate,2025-01-31,3.1',
      'CSAT,2025-02-30,80',
      'CSAT,31/01/2025,80',
      'CSAT,2025-01-31,eighty',
      'Revenue,2025-01-31,1',
      'Cost,2025-01-31,1',
      '',
      'k2csat0000000,2025-02-28,82.5',
      'only,two',
    ].join('\n');
    const plan = planImport(csv, kpis);
    expect(plan.header).toBe(true);
    expect(plan.rows).toEqual([
      { line: 2, kpiId: 'k1conversion00', at: '2025-01-31', value: 3.1 },
      { line: 9, kpiId: 'k2csat0000000', at: '2025-02-28', value: 82.5 },
    ]);
    expect(plan.errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'The date "2025-02-30" is not a real date'],
      [4, 'The date "31/01/2025" must be a date as YYYY-MM-DD'],
      [5, 'The value "eighty" is not a number (use a dot for decimals and no thousands separators)'],
      [6, 'No KPI is named "Revenue" or has it as id'],
      [7, `2 KPIs are named "Cost": use the KPI's id instead`],
      [10, 'Expected 3 columns (KPI, date, value), found 2'],
    ]);
  });
  it('works without a header, with semicolons, quotes, a BOM and trailing empty cells', () => {
    const plan = planImport('\uFEFF"CSAT";2025-03-01;81;\r\n"Online conversion rate";2025-03-01;3.4\r\n', kpis);
    expect(plan.header).toBe(false);
    expect(plan.errors).toEqual([]);
    expect(plan.rows.map((r) => [r.line, r.kpiId, r.value])).toEqual([
      [1, 'k2csat0000000', 81],
      [2, 'k1conversion00', 3.4],
    ]);
  });
  it('reports a bad first row instead of mistaking it for a header', () => {
    const plan = planImport('CSAT,yesterday,lots\nCSAT,2025-01-01,1', kpis);
    expect(plan.header).toBe(false);
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]!.message).toContain('The date "yesterday"');
    expect(plan.errors[0]!.message).toContain('The value "lots"');
  });
  it('lists every problem of a row at once', () => {
    const plan = planImport('Nope,2025-13-01,x', kpis);
    expect(plan.errors[0]!.message.split('; ')).toHaveLength(3);
  });
});

describe('applyInChunks', () => {
  it('applies every item once, in order, in chunks, pausing between chunks and reporting progress', async () => {
    const applied: number[][] = [];
    const progress: string[] = [];
    let pauses = 0;
    await applyInChunks([1, 2, 3, 4, 5], (chunk) => applied.push([...chunk]), {
      chunkSize: 2,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
      pause: async () => void pauses++,
    });
    expect(applied).toEqual([[1, 2], [3, 4], [5]]);
    expect(progress).toEqual(['0/5', '2/5', '4/5', '5/5']);
    expect(pauses).toBe(2);
  });
  it('reports completion for nothing to apply', async () => {
    const progress: string[] = [];
    await applyInChunks([], () => {}, { onProgress: (d, t) => progress.push(`${d}/${t}`) });
    expect(progress).toEqual(['0/0']);
  });
});
