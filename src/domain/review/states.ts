// The state machine of a commune's dossier of a year (review-process.md, Điều 9.2–9.4), as pure
// rules the phone, the reviewer's device and the server all apply: which moves exist, which role
// makes each, and what each needs (a locked year and the version sent; comments to return; a
// register entry and a lawful council to decide; a reason to reopen). A dossier's history is its
// state changes numbered from 1; its state is the last one's `to` (draft before any). Answers are
// codes with parameters; src/i18n words them.
import type { Role } from '../access/roles.ts';
import { COUNCIL_MIN, type DossierState, type Verdict } from './codes.ts';

/** A move between two states: what the officer, the chair or the reviewer does to a dossier. */
export type Move = 'send' | 'take' | 'return' | 'recognise' | 'refuse' | 'reopen';

/** Each move: the states it leaves, the state it reaches, the roles that make it. */
export const MOVES: Readonly<Record<Move, { from: readonly DossierState[]; to: DossierState; roles: readonly Role[] }>> = {
  /** Gửi hồ sơ — the first version, or a new one after it was returned. */
  send: { from: ['draft', 'returned'], to: 'submitted', roles: ['officer', 'chair'] },
  /** Tiếp nhận — the receiver takes the dossier into review. */
  take: { from: ['submitted'], to: 'in-review', roles: ['reviewer'] },
  /** Trả lại để bổ sung — with comments; the commune fixes and sends a new version. */
  return: { from: ['submitted', 'in-review'], to: 'returned', roles: ['reviewer'] },
  /** Công nhận — a decision at a level (the register's entry). */
  recognise: { from: ['in-review'], to: 'recognised', roles: ['reviewer'] },
  /** Không công nhận — a written answer with the reasons (the register's entry). */
  refuse: { from: ['in-review'], to: 'not-recognised', roles: ['reviewer'] },
  /** Mở lại — a decided dossier back into review; needs a reason. */
  reopen: { from: ['recognised', 'not-recognised'], to: 'in-review', roles: ['reviewer'] },
};

export const MOVE_NAMES = Object.keys(MOVES) as Move[];

/** The move from `from` to `to`, or null when no move joins them. */
export function moveOf(from: DossierState, to: DossierState): Move | null {
  for (const m of MOVE_NAMES) if (MOVES[m].to === to && MOVES[m].from.includes(from)) return m;
  return null;
}

/** The moves a role may make from a state (the buttons a screen shows). */
export function movesFrom(state: DossierState, role: Role): Move[] {
  return MOVE_NAMES.filter((m) => MOVES[m].from.includes(state) && MOVES[m].roles.includes(role));
}

/** One change of state as the stateChange entity holds it. */
export interface StateChange {
  step: number;
  from: DossierState;
  to: DossierState;
  version: number;
  at: string;
  by: string;
  device: string;
  reason?: string | null | undefined;
}

/** Where a dossier stands: its state, the version it concerns (0 before any was sent), its last step. */
export interface DossierStatus {
  state: DossierState;
  version: number;
  step: number;
}

export const DRAFT: DossierStatus = { state: 'draft', version: 0, step: 0 };

/**
 * The status a dossier's changes lead to: the last of the unbroken run of steps 1, 2, 3 … (a step
 * that arrived without the one before it counts only once the gap is filled).
 */
export function statusOf(changes: readonly Pick<StateChange, 'step' | 'to' | 'version'>[]): DossierStatus {
  const byStep = new Map(changes.map((c) => [c.step, c]));
  let status = DRAFT;
  for (let n = 1; byStep.has(n); n++) {
    const c = byStep.get(n)!;
    status = { state: c.to, version: c.version, step: n };
  }
  return status;
}

/** What a move needs besides its role, as the one asking knows it. */
export interface MoveContext {
  /** The dossier's status before the change. */
  status: DossierStatus;
  /** The year is locked (the meeting held, Điều 9.1.c): a dossier is sent only then. */
  yearLocked: boolean;
  /** The highest version of the dossier sent (stored), 0 when none. */
  lastSentVersion: number;
  /** The verdicts of the version in review, by indicator. */
  verdicts: readonly { verdict?: Verdict | null | undefined; comment?: string | null | undefined }[];
  /** The register's entry of the year (its outcome), when written. */
  register: { outcome?: string | null | undefined } | null;
  /** The province's council of the year, when recorded. */
  council: { members?: readonly { role: string }[] | null | undefined } | null;
}

/** Why a change of state may not be made, most general first. */
export type MoveRefusal =
  /** No move joins the two states. */
  | { code: 'moveNone'; from: DossierState; to: DossierState }
  /** This role does not make this move (`roles` do). */
  | { code: 'moveRole'; move: Move; roles: readonly Role[] }
  /** The step is not the next one, or its `from` is not the dossier's state: someone moved first. */
  | { code: 'moveStale'; state: DossierState; step: number }
  /** The version named is not the one the move concerns (`want`). */
  | { code: 'moveVersion'; want: number }
  /** Sending needs the year locked (Biên bản họp agreed). */
  | { code: 'moveNotLocked' }
  /** Sending needs the dossier of that version stored first. */
  | { code: 'moveNoSubmission'; version: number }
  /** Returning needs a comment on some indicator, or a reason. */
  | { code: 'moveNoComment' }
  /** Deciding needs the register's entry with the outcome of this move. */
  | { code: 'moveNoRegister'; outcome: 'recognised' | 'not-recognised' }
  /** Deciding needs a lawful council: an odd number of members, at least 5, one chair, one secretary. */
  | { code: 'moveCouncil'; members: number }
  /** Reopening a decided dossier needs a reason. */
  | { code: 'moveNoReason' };

/** The role part of a move alone (the access policy asks it before any state is read). */
export function moveRoleRefusal(role: Role, from: DossierState, to: DossierState): MoveRefusal | null {
  const move = moveOf(from, to);
  if (!move) return { code: 'moveNone', from, to };
  return MOVES[move].roles.includes(role) ? null : { code: 'moveRole', move, roles: MOVES[move].roles };
}

/** Whether a council is lawfully made up (Điều 9.2): odd, at least COUNCIL_MIN, one chair, one secretary. */
export function councilLawful(members: readonly { role: string }[]): boolean {
  const n = members.length;
  const count = (r: string) => members.filter((m) => m.role === r).length;
  return n >= COUNCIL_MIN && n % 2 === 1 && count('chair') === 1 && count('secretary') === 1;
}

const blank = (s: string | null | undefined) => s === undefined || s === null || s.trim() === '';

/**
 * Why `change` (the next step a device proposes) may not be made by `role` given `ctx`, or null
 * when it may. The server asks it inside the batch, on the state the batch's earlier ops leave.
 */
export function moveRefusal(role: Role, change: Pick<StateChange, 'step' | 'from' | 'to' | 'version' | 'reason'>, ctx: MoveContext): MoveRefusal | null {
  const byRole = moveRoleRefusal(role, change.from, change.to);
  if (byRole) return byRole;
  const move = moveOf(change.from, change.to)!;
  const { status } = ctx;
  if (change.step !== status.step + 1 || change.from !== status.state) return { code: 'moveStale', state: status.state, step: status.step };
  if (move === 'send') {
    const want = status.version + 1;
    if (change.version !== want) return { code: 'moveVersion', want };
    if (!ctx.yearLocked) return { code: 'moveNotLocked' };
    if (ctx.lastSentVersion < want) return { code: 'moveNoSubmission', version: want };
    return null;
  }
  if (change.version !== status.version) return { code: 'moveVersion', want: status.version };
  if (move === 'return') {
    return ctx.verdicts.some((v) => !blank(v.comment)) || !blank(change.reason) ? null : { code: 'moveNoComment' };
  }
  if (move === 'recognise' || move === 'refuse') {
    const outcome = move === 'recognise' ? 'recognised' : 'not-recognised';
    if (ctx.register?.outcome !== outcome) return { code: 'moveNoRegister', outcome };
    const members = ctx.council?.members ?? [];
    if (!councilLawful(members)) return { code: 'moveCouncil', members: members.length };
    return null;
  }
  if (move === 'reopen') return blank(change.reason) ? { code: 'moveNoReason' } : null;
  return null; // take
}

/** Whether a title is in its last year of validity on `today` (both 'YYYY-MM-DD'): flagged to both sides. */
export function inLastYear(validUntil: string, today: string): boolean {
  return today <= validUntil && today.slice(0, 4) === validUntil.slice(0, 4);
}
