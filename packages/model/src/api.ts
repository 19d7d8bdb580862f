import { z } from 'zod';
import { roleSchema, seatSchema, type Role, type Seat } from './roles';
import { passwordProblem } from './shared/password-rules';
import { singleLine } from './shared/single-line';

/** Request and response shapes of the HTTP API, shared by the server (validation) and the web client. */

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be an email address'));
// Names of people, workspaces and tokens: one line, no control characters (a NUL could not be stored).
const name = singleLine(100);

export const signupSchema = z
  .object({
    email,
    // Never trimmed or truncated: every character counts.
    password: z
      .string()
      .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
      .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
    name,
  })
  .superRefine((input, ctx) => {
    // Length alone let 'password1' and one's own email through (the guesses tried first).
    const problem = passwordProblem(input.password, input.email);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type SignupRequest = z.infer<typeof signupSchema>;

export const loginSchema = z.object({
  email,
  password: z.string().min(1, 'must not be empty').max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
});
export type LoginRequest = z.infer<typeof loginSchema>;

// The creator's own seat at the table (most workspaces are started by the CIO or the CMO), and
// whether to start from the starter content (typical shared KPIs) or empty.
export const createWorkspaceSchema = z.object({ name, seat: seatSchema.default('cio'), starter: z.boolean().default(false) });
export type CreateWorkspaceRequest = z.infer<typeof createWorkspaceSchema>;

export const createInviteSchema = z.object({ role: roleSchema, seat: seatSchema });
export type CreateInviteRequest = z.infer<typeof createInviteSchema>;

export const updateMemberSchema = z
  .object({ role: roleSchema.optional(), seat: seatSchema.optional() })
  .refine((v) => v.role !== undefined || v.seat !== undefined, { message: 'give role or seat', path: ['role'] });
export type UpdateMemberRequest = z.infer<typeof updateMemberSchema>;

// An integration token may read or write, never manage members.
export const createTokenSchema = z.object({ name, role: z.enum(['editor', 'viewer']) });
export type CreateTokenRequest = z.infer<typeof createTokenSchema>;

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  role: Role;
  seat: Seat;
}

export interface MeResponse {
  user: User;
  workspaces: WorkspaceSummary[];
}

/** `GET /api/session`: who is signed in, if anyone (200 either way; `GET /api/me` is 401 when signed out). */
export interface SessionResponse {
  user: User | null;
  workspaces: WorkspaceSummary[];
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  seat: Seat;
}

export interface WorkspaceDetail {
  id: string;
  name: string;
  /** The caller's own role and seat, so a screen knows what to offer. */
  role: Role;
  seat: Seat;
  members: Member[];
}

export interface InviteCreated {
  token: string;
  url: string;
  expiresAt: string;
}

export interface InviteInfo {
  workspaceName: string;
  role: Role;
  seat: Seat;
  expiresAt: string;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
}

/** The answer to `POST /workspaces/:id/tokens`: the secret is in it once and never again. */
export type ApiTokenCreated = Pick<ApiTokenInfo, 'id' | 'name' | 'role'> & { token: string };
