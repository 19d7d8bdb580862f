import {
  addNote,
  addPainPoint,
  addStage,
  addTouchpoint,
  castVote,
  deleteNote,
  deletePainPoint,
  isUntouchedPainPoint,
  journeysOf,
  deleteStage,
  deleteTouchpoint,
  journeyTextField,
  linkKpi,
  moveNote,
  movePainPoint,
  moveStage,
  moveTouchpoint,
  newPainPointInput,
  readJourney,
  retractVote,
  unlinkKpi,
  updateJourney,
  updateNote,
  updatePainPoint,
  updateStage,
  updateTouchpoint,
  type NoteColor,
  type PainPointInput,
  type Stage,
} from '@troika/model';
import type * as Y from 'yjs';
import { dropTarget } from './map-layout';
import type { JourneysSession } from './journeys-session.svelte';

/** While a note is dragged, its position goes out at most this often (others see it move). */
export const NOTE_DRAG_INTERVAL_MS = 100;

/**
 * This person's edits of one journey, each through the session (so viewers change nothing and
 * something deleted meanwhile is reported, not thrown). Returns the new ids where it creates.
 */
/** The origin of a discarded draft's removal: not one of this person's undo steps (there is nothing to bring back). */
const DISCARD_ORIGIN = 'discard-draft';

export class JourneyEditor {
  private readonly dragWrites = new Map<string, number>();
  /** The pain point "+ Pain point" created last, with what it was created with, until its panel closes. */
  private draft: { id: string; input: PainPointInput } | null = null;

  constructor(
    private readonly session: JourneysSession,
    readonly journeyId: string,
    private readonly userId: string,
  ) {}

  private edit(change: (doc: Y.Doc) => void, merge = false): boolean {
    return this.session.edit(change, { merge });
  }

  rename(patch: { title?: string; persona?: string }): void {
    this.edit((doc) => updateJourney(doc, this.journeyId, patch));
  }

  addStage(index?: number): string | null {
    let id: string | null = null;
    this.edit((doc) => (id = addStage(doc, this.journeyId, { name: 'New stage', emotion: 0 }, index)));
    return id;
  }

  renameStage(stageId: string, name: string): void {
    this.edit((doc) => updateStage(doc, this.journeyId, stageId, { name }));
  }

  setEmotion(stageId: string, emotion: number): void {
    this.edit((doc) => updateStage(doc, this.journeyId, stageId, { emotion }));
  }

  moveStage(stageId: string, to: number): void {
    this.edit((doc) => moveStage(doc, this.journeyId, stageId, to));
  }

  /** Deletes a stage with the pain points and notes in it (one undo step brings all back). */
  deleteStage(stageId: string): void {
    this.edit((doc) => deleteStage(doc, this.journeyId, stageId, { withContents: true }));
  }

  addTouchpoint(stageId: string, input: { name: string; channel: string }): void {
    this.edit((doc) => addTouchpoint(doc, this.journeyId, stageId, input));
  }

  updateTouchpoint(stageId: string, touchpointId: string, input: { name: string; channel: string }): void {
    this.edit((doc) => updateTouchpoint(doc, this.journeyId, stageId, touchpointId, input));
  }

  moveTouchpoint(stageId: string, touchpointId: string, to: number): void {
    this.edit((doc) => moveTouchpoint(doc, this.journeyId, stageId, touchpointId, to));
  }

  deleteTouchpoint(stageId: string, touchpointId: string): void {
    this.edit((doc) => deleteTouchpoint(doc, this.journeyId, stageId, touchpointId));
  }

  /** Adds a "New pain point" for its panel to fill in; it is a draft until `discardDraft` finds it written into. */
  addPain(stageId: string, touchpointId: string | null): string | null {
    let id: string | null = null;
    const input = newPainPointInput(stageId, touchpointId, 'New pain point');
    this.edit((doc) => (id = addPainPoint(doc, this.journeyId, input)));
    this.draft = id ? { id, input } : null;
    return id;
  }

  /**
   * Called when the draft's panel closes (or another pain point opens): removes the draft when nobody
   * wrote into it, so no empty "New pain point" stays behind counted as open. The removal is not an
   * undo step, and undoing the creation later finds nothing to undo. Returns whether it was removed.
   */
  discardDraft(): boolean {
    const draft = this.draft;
    this.draft = null;
    if (!draft) return false;
    // Read from the document itself: a title committed a moment ago (on blur) is already in it.
    const map = journeysOf(this.session.doc).get(this.journeyId);
    const pain = map ? readJourney(this.journeyId, map).painPoints.find((p) => p.id === draft.id) : undefined;
    if (!pain || !this.session.editable || !isUntouchedPainPoint(pain, draft.input)) return false;
    try {
      this.session.doc.transact(() => deletePainPoint(this.session.doc, this.journeyId, draft.id), DISCARD_ORIGIN);
      return true;
    } catch {
      return false; // deleted meanwhile (with its journey): nothing left to discard
    }
  }

  /** Whether `id` is the untouched-until-proven draft. */
  isDraft(id: string): boolean {
    return this.draft?.id === id;
  }

  updatePain(id: string, patch: Partial<Omit<PainPointInput, 'stageId' | 'touchpointId'>>): void {
    this.edit((doc) => updatePainPoint(doc, this.journeyId, id, patch));
  }

  movePain(id: string, stageId: string, touchpointId: string | null): void {
    this.edit((doc) => movePainPoint(doc, this.journeyId, id, stageId, touchpointId));
  }

  deletePain(id: string): void {
    this.edit((doc) => deletePainPoint(doc, this.journeyId, id));
  }

  linkKpi(id: string, kpiId: string): void {
    this.edit((doc) => linkKpi(doc, this.journeyId, id, kpiId));
  }

  unlinkKpi(id: string, kpiId: string): void {
    this.edit((doc) => unlinkKpi(doc, this.journeyId, id, kpiId));
  }

  /** Votes for a pain point, or takes the vote back; false when no vote was left. */
  toggleVote(id: string, mine: boolean): boolean {
    let ok = true;
    this.edit((doc) => {
      if (mine) retractVote(doc, this.journeyId, id, this.userId);
      else ok = castVote(doc, this.journeyId, id, this.userId);
    });
    return ok;
  }

  painText(id: string): Y.Text | null {
    try {
      return journeyTextField(this.session.doc, this.journeyId, 'painPoint', id);
    } catch {
      return null;
    }
  }

  /** The pain point's shared map (what its panel shows): its description's parent in the model. */
  painMap(id: string): Y.Map<unknown> | null {
    return (this.painText(id)?.parent as Y.Map<unknown> | null | undefined) ?? null;
  }

  noteText(id: string): Y.Text | null {
    try {
      return journeyTextField(this.session.doc, this.journeyId, 'note', id);
    } catch {
      return null;
    }
  }

  /** Adds a sticky note at a canvas point (in the stage column under it). */
  addNoteAt(left: number, top: number, stages: readonly Stage[], color: NoteColor = 'yellow'): string | null {
    const target = dropTarget(left, top, stages);
    if (!target) return null;
    let id: string | null = null;
    this.edit((doc) => (id = addNote(doc, this.journeyId, { text: '', ...target, color, author: this.userId })));
    return id;
  }

  /**
   * Moves a note to a canvas point. During a drag (`done` false) writes are throttled and the whole
   * drag is one undo step.
   */
  moveNote(id: string, left: number, top: number, done: boolean, stages: readonly Stage[]): void {
    const now = performance.now();
    const last = this.dragWrites.get(id);
    if (!done && last !== undefined && now - last < NOTE_DRAG_INTERVAL_MS) return;
    if (done) this.dragWrites.delete(id);
    else this.dragWrites.set(id, now);
    const target = dropTarget(left, top, stages);
    if (target) this.edit((doc) => moveNote(doc, this.journeyId, id, target), last !== undefined);
  }

  colorNote(id: string, color: NoteColor): void {
    this.edit((doc) => updateNote(doc, this.journeyId, id, { color }));
  }

  deleteNote(id: string): void {
    this.edit((doc) => deleteNote(doc, this.journeyId, id));
  }
}
