import { z } from 'zod';

/** What a member may do in a workspace: owners manage members, editors write, viewers only read. */
export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** The troika's three seats, plus the teams behind the CIO and the CMO. */
export const SEATS = ['cio', 'cmo', 'business', 'it', 'marketing'] as const;
export type Seat = (typeof SEATS)[number];
export const seatSchema = z.enum(SEATS);

export const SEAT_LABELS: Record<Seat, string> = {
  cio: 'CIO',
  cmo: 'CMO',
  business: 'Business head',
  it: 'IT team',
  marketing: 'Marketing team',
};

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  editor: 'Editor',
  viewer: 'Viewer',
};

/** Whether a role may change a workspace's content (documents, KPI values, imports). */
export function canWrite(role: Role): boolean {
  return role === 'owner' || role === 'editor';
}

/** Whether a role may manage members, invites and API tokens. */
export function canManage(role: Role): boolean {
  return role === 'owner';
}
