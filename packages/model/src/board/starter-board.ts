import type * as Y from 'yjs';
import { createKpi, linkOutcome } from './board-doc';
import type { KpiInput } from './types';

type StarterKpi = KpiInput & { key: string; serves?: string[] };

// Typical KPIs that IT, marketing and the business own together, with common targets to adjust.
const STARTER: StarterKpi[] = [
  {
    key: 'conversion',
    name: 'Online conversion rate',
    description: 'Share of online visits that end in an order. The outcome most digital work is meant to move.',
    kind: 'outcome',
    category: 'customer-experience',
    owners: ['cmo', 'business'],
    unit: '%',
    direction: 'up',
    target: 3.5,
  },
  {
    key: 'csat',
    name: 'Customer satisfaction (CSAT)',
    description: 'Share of surveyed customers who rate their experience 4 or 5 out of 5.',
    kind: 'outcome',
    category: 'customer-experience',
    owners: ['cmo', 'business', 'cio'],
    unit: '%',
    direction: 'up',
    target: 85,
  },
  {
    key: 'cost',
    name: 'Cost per transaction',
    description: 'Total cost of serving one customer transaction, across all channels.',
    kind: 'outcome',
    category: 'cost-revenue',
    owners: ['cio', 'business'],
    unit: '€',
    direction: 'down',
    target: 0.4,
  },
  {
    key: 'availability',
    name: 'Customers affected by outages',
    description: 'System availability measured the way customers feel it: customers who hit an outage this month.',
    kind: 'output',
    category: 'utilization',
    owners: ['cio', 'cmo'],
    unit: 'customers',
    direction: 'down',
    target: 500,
    serves: ['csat', 'conversion'],
  },
  {
    key: 'speed',
    name: 'Checkout page load time',
    description: 'Median time until the checkout page is usable, on mobile.',
    kind: 'output',
    category: 'user-experience',
    owners: ['cio', 'cmo'],
    unit: 's',
    direction: 'down',
    target: 2,
    serves: ['conversion'],
  },
  {
    key: 'self-service',
    name: 'Self-service rate',
    description: 'Share of service requests customers complete online without calling.',
    kind: 'output',
    category: 'utilization',
    owners: ['cio', 'business'],
    unit: '%',
    direction: 'up',
    target: 60,
    serves: ['cost', 'csat'],
  },
];

/** Fills an empty board with typical shared KPIs (no values: those are the workspace's own). */
export function seedStarterBoard(doc: Y.Doc): void {
  doc.transact(() => {
    const ids = new Map<string, string>();
    for (const { key, serves: _serves, ...kpi } of STARTER) ids.set(key, createKpi(doc, kpi));
    for (const kpi of STARTER) for (const outcome of kpi.serves ?? []) linkOutcome(doc, ids.get(kpi.key)!, ids.get(outcome)!);
  });
}
