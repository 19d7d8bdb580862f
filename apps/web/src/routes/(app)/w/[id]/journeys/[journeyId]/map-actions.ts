import type { NoteColor, PainPointInput } from '@troika/model';
import type * as Y from 'yjs';

/** What the journey map asks its page to do; the page turns each into an edit of the document. */
export interface MapActions {
  openPain(id: string): void;
  vote(id: string): void;
  addPain(stageId: string, touchpointId: string | null): void;
  addStage(): void;
  /** A pain point, or a note, in the stage at the middle of the visible map. */
  addPainHere(): void;
  addNoteHere(): void;
  renameStage(id: string, name: string): void;
  moveStage(id: string, to: number): void;
  deleteStage(id: string): void;
  setEmotion(stageId: string, emotion: number): void;
  addTouchpoint(stageId: string): void;
  editTouchpoint(stageId: string, touchpointId: string): void;
  addNoteAt(left: number, top: number): void;
  moveNote(id: string, left: number, top: number, done: boolean): void;
  colorNote(id: string, color: NoteColor): void;
  deleteNote(id: string): void;
  noteText(id: string): Y.Text | null;
  /** Opens a note's threads. */
  openNoteComments(id: string): void;
}

/** What the pain point panel asks its page to do. */
export interface PanelActions {
  update(patch: Partial<Omit<PainPointInput, 'stageId' | 'touchpointId'>>): void;
  move(stageId: string, touchpointId: string | null): void;
  vote(): void;
  remove(): void;
  link(kpiId: string): void;
  unlink(kpiId: string): void;
  close(): void;
}
