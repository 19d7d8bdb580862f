import { z } from 'zod';
import { singleLine } from '../shared/single-line';
import { seatSchema, type Seat } from '../roles';

export const KPI_KINDS = ['output', 'outcome'] as const;
export type KpiKind = (typeof KPI_KINDS)[number];

export const KPI_CATEGORIES = ['cost-revenue', 'utilization', 'user-experience', 'customer-experience', 'other'] as const;
export type KpiCategory = (typeof KPI_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<KpiCategory, string> = {
  'cost-revenue': 'Cost and revenue',
  utilization: 'Utilization',
  'user-experience': 'User experience',
  'customer-experience': 'Customer experience',
  other: 'Other',
};

export const DIRECTIONS = ['up', 'down'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** One actual value of a KPI, on a day. */
export interface KpiValue {
  at: string;
  value: number;
}

/** A KPI as read from the board document (plain data; the description as a string). */
export interface Kpi {
  id: string;
  name: string;
  description: string;
  kind: KpiKind;
  category: KpiCategory;
  owners: Seat[];
  unit: string;
  direction: Direction;
  target: number | null;
  /** Sorted by date, one per date. */
  values: KpiValue[];
  /** For an output: the outcome KPIs it serves (only ids that still exist). */
  outcomes: string[];
  order: string;
}

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real date');

export const kpiValueSchema = z.object({
  at: isoDateSchema,
  value: z.number().finite('must be a finite number'),
});

/** What can be set when creating or editing a KPI. */
export const kpiInputSchema = z.object({
  name: singleLine(200),
  description: z.string().max(20_000).optional(),
  kind: z.enum(KPI_KINDS),
  category: z.enum(KPI_CATEGORIES),
  owners: z.array(seatSchema).max(5),
  unit: singleLine(30, 0),
  direction: z.enum(DIRECTIONS),
  target: z.number().finite().nullable(),
});
export type KpiInput = z.infer<typeof kpiInputSchema>;
