import { byBoardOrder, kpisOf, readBoard, readKpi, type Kpi } from '@troika/model';
import type * as Y from 'yjs';
import { reuseUnchanged } from './stable-board';

/**
 * Reads the board incrementally: deep change events name the KPIs they touched, and only those are
 * read again (a keystroke in one description reads one KPI, not every value of every KPI). Adding
 * or removing a KPI reads everything, because other KPIs' links to it may appear or vanish.
 */
export class BoardReader {
  private list: readonly Kpi[] = [];
  private dirty = new Set<string>();
  private everything = true;

  constructor(private readonly doc: Y.Doc) {}

  /** Records what a batch of `observeDeep` events on the KPIs map touched. */
  note(events: readonly Y.YEvent<Y.AbstractType<unknown>>[]): void {
    const root = kpisOf(this.doc);
    for (const event of events) {
      const id = event.target === root ? undefined : event.path[0];
      if (typeof id === 'string') this.dirty.add(id);
      else this.everything = true;
    }
  }

  /** Forgets what it knows, so the next read is a full one (when events may have been missed). */
  reset(): void {
    this.everything = true;
  }

  /** The KPIs in board order; unchanged KPIs (and unchanged arrays inside changed ones) keep their objects. */
  read(): readonly Kpi[] {
    if (this.everything) {
      this.list = reuseUnchanged(this.list, readBoard(this.doc));
    } else if (this.dirty.size > 0) {
      const kpis = kpisOf(this.doc);
      const exists = (id: string) => kpis.has(id);
      const next = this.list.map((kpi) => {
        if (!this.dirty.has(kpi.id)) return kpi;
        const map = kpis.get(kpi.id);
        return map ? readKpi(kpi.id, map, exists) : kpi;
      });
      this.list = reuseUnchanged(this.list, next.sort(byBoardOrder));
    }
    this.everything = false;
    this.dirty.clear();
    return this.list;
  }
}
