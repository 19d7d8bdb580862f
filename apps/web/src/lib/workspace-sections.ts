import type { IconName } from './components/icons';
import type { WorkspaceAction } from './shortcuts';

/** The sections of a workspace, in navigation order, with their shortcut. */
export interface WorkspaceSection {
  slug: Extract<WorkspaceAction, 'board' | 'glossary' | 'journeys' | 'meetings' | 'members'>;
  label: string;
  icon: IconName;
  keys: string;
}

export const WORKSPACE_SECTIONS: readonly WorkspaceSection[] = [
  { slug: 'board', label: 'Board', icon: 'board', keys: 'g b' },
  { slug: 'glossary', label: 'Glossary', icon: 'glossary', keys: 'g g' },
  { slug: 'journeys', label: 'Journeys', icon: 'journeys', keys: 'g j' },
  { slug: 'meetings', label: 'Meetings', icon: 'meetings', keys: 'g m' },
  { slug: 'members', label: 'Members', icon: 'members', keys: 'g p' },
];
