import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, addPainPoint, castVote, deleteStage, linkKpi } from './index';
import { mdTableCell } from '../shared/markdown';
import { exportJourney, journeyFileName, journeyMarkdown } from './journey-export';
import { journeysOf, readJourney } from './read-journey';
import { painInput, sampleJourney } from './test-fixtures';

function populated() {
  const doc = new Y.Doc();
  const s = sampleJourney(doc);
  const worst = addPainPoint(doc, s.journeyId, painInput(s.discover, { title: 'Prices | hidden', severity: 5, customersAffected: 50_000, owners: ['cmo'], description: 'Shipping\nonly at the end' }));
  linkKpi(doc, s.journeyId, worst, 'k1');
  linkKpi(doc, s.journeyId, worst, 'gone');
  castVote(doc, s.journeyId, s.pain, 'u1');
  addNote(doc, s.journeyId, { text: 'Check with finance', stageId: s.discover, x: 5, y: 6, color: 'green', author: 'u1' });
  const journey = () => readJourney(s.journeyId, journeysOf(doc).get(s.journeyId)!);
  return { doc, ...s, worst, journey };
}

const context = { kpis: new Map([['k1', { name: 'Online conversion', status: 'at-risk' }]]), people: new Map([['u1', 'Ada']]) };

describe('journey export', () => {
  it('exports JSON with stages, summaries, pain points by priority and notes', () => {
    const { journey, worst, pain, discover } = populated();
    const data = exportJourney(journey(), context);
    expect(data.summary).toMatchObject({ stages: 2, touchpoints: 1, painPoints: 2, open: 2, notes: 1, worstSeverity: 5 });
    expect(data.stages.map((s) => [s.name, s.emotion, s.summary.open])).toEqual([
      ['Discover', 1, 1],
      ['Buy', -1, 1],
    ]);
    expect(data.painPoints.map((p) => p.id)).toEqual([worst, pain]);
    expect(data.painPoints[0]).toMatchObject({
      rank: 1,
      stage: 'Discover',
      kpis: [
        { id: 'k1', name: 'Online conversion', status: 'at-risk' },
        { id: 'gone', name: null, status: null },
      ],
    });
    expect(data.painPoints[1]).toMatchObject({ touchpoint: 'Checkout page', votes: 1, side: 'back' });
    expect(data.notes).toEqual([expect.objectContaining({ stageId: discover, stage: 'Discover', authorName: 'Ada', text: 'Check with finance' })]);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('writes Markdown tables whose cells cannot break the table', () => {
    const { journey } = populated();
    const md = journeyMarkdown(journey(), context);
    expect(md).toMatch(/^# Online purchase\n/);
    expect(md).toContain('**Persona:** Busy parent, buys on the phone');
    expect(md).toContain('| 1 | Discover | +1 Positive | – | 1 | 5 | 0 % |');
    expect(md).toContain('| 2 | Buy | -1 Negative | Checkout page (Website) | 1 | 4 | 100 % |');
    expect(md).toContain('| 1 | Prices \\| hidden | Discover | – | 5 | 50,000 | 0 | Front office | CMO | Open | Online conversion (at-risk), gone |');
    expect(md).toContain('**1. Prices \\| hidden**: Shipping only at the end');
    expect(md).toContain('- **Discover**: Check with finance (Ada)');
    expect(journeyMarkdown(journey(), context, 3)).toMatch(/^### Online purchase\n[\s\S]*\n#### Stages\n/);
    expect(mdTableCell('a\nb|c')).toBe('a b\\|c');
  });

  it('shows pain points of a deleted stage as unplaced', () => {
    const { doc, journeyId, discover, journey } = populated();
    deleteStage(doc, journeyId, discover);
    const data = exportJourney(journey());
    expect(data.painPoints[0]).toMatchObject({ stageId: null, stage: null });
    expect(journeyMarkdown(journey())).toContain('| Unplaced |');
  });

  it('names files after the title', () => {
    expect(journeyFileName({ id: 'x1', title: 'Online purchase: Q3!' }, 'md')).toBe('journey-online-purchase-q3.md');
    expect(journeyFileName({ id: 'x1', title: '!!!' }, 'json')).toBe('journey-x1.json');
  });
});
