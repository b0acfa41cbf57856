// The province's list (issue #14, item 3): one row per commune for a year — its dossier's state,
// the level it asked for, the level the engine computes from the figures this device synced (a
// mismatch flagged), evidence received of expected, days to the deadline, last sync, whether
// the commune changed its data since it sent — with filters, sorting, totals and which rows
// may be recognised in bulk. Pure: the caller passes today's date and what the device holds.
import { withoutMarks } from '../domain/fold.ts';
import type { AssessInput, LevelNo } from '../domain/assess-types.ts';
import { daysBetween, deadlineIn, DEFAULT_DECISION_DEADLINE, DEFAULT_DOSSIER_DEADLINE } from '../dossier/deadlines.ts';
import type { CommuneReview, DossierState } from './papers/types.ts';

/** What the list knows of one commune besides its review: what it holds now and when it synced. */
export interface ListSource {
  review: CommuneReview;
  /** The readiness input from the commune's data as synced now (null when nothing arrived). */
  current?: AssessInput | null | undefined;
  /** The newest change of the commune this device pulled (ISO instant), or null. */
  lastSync?: string | null | undefined;
  /** Evidence received of expected (evidenceCount); null when the commune has sent nothing yet. */
  evidence?: { received: number; expected: number } | null | undefined;
  /** Difficult area (a province setting). */
  difficultArea?: boolean | undefined;
}

/** The deadlines of the year, 'MM-DD' (province settings; defaults 28/02 and 31/03). */
export interface ListDeadlines {
  dossier?: string | null | undefined;
  decision?: string | null | undefined;
}

export interface ListRow {
  code: string;
  name: string;
  state: DossierState;
  /** The level the sent dossier asks for; null while not sent. */
  claimed: LevelNo | null;
  /** The level the engine reaches from the synced figures (0 = none); null with no data. */
  computed: 0 | LevelNo | null;
  /** Sent, and the engine from the synced figures does not reach the level asked for. */
  mismatch: boolean;
  evidence: { received: number; expected: number } | null;
  /** The deadline that applies now: the dossier's until it is sent, then the decision's. */
  deadline: { kind: 'dossier' | 'decision'; date: string; daysLeft: number } | null;
  lastSync: string | null;
  /** Sent, and the data synced since differ from the snapshot sent. */
  changed: boolean;
  /** Indicators the council marked không đạt or cần bổ sung on the version under review. */
  openComments: number;
  /** The level recognised, when the register holds this year's title. */
  recognised: LevelNo | null;
  difficultArea: boolean;
}

/** An evidence file as the list counts it: the indicator it is evidence of, and whether it was taken off. */
export interface EvidenceFile { indicator?: string | null; removed?: boolean | null }

/**
 * Evidence received of expected: each indicator the commune answers "Đạt" must cite its evidence
 * (papers.md), so those are expected; received are the ones with at least one file on this device
 * (attachments the pull brought; the bytes come from the server when opened).
 */
export function evidenceCount(input: AssessInput, files: readonly EvidenceFile[]): { received: number; expected: number } {
  const met = Object.entries(input.answers ?? {}).filter(([, a]) => a.met === true).map(([id]) => id);
  const held = new Set(files.filter((f) => !f.removed && f.indicator).map((f) => f.indicator));
  return { received: met.filter((id) => held.has(id)).length, expected: met.length };
}

/** The states a decision has closed: the deadline no longer runs. */
const DECIDED: ReadonlySet<DossierState> = new Set(['recognised', 'not-recognised']);
/** The states in which the reviewer holds the dossier. */
export const UNDER_REVIEW: ReadonlySet<DossierState> = new Set(['submitted', 'in-review']);
/** The states in the order the list groups them. */
export const STATES: readonly DossierState[] = ['draft', 'submitted', 'in-review', 'returned', 'recognised', 'not-recognised'];

/**
 * What the engine's result rests on, written the same way for the snapshot and the synced data:
 * the figures, answers and villages in a fixed order; the date and history are not the commune's edits.
 */
export function inputDigest(input: AssessInput): string {
  const villages = [...input.villages].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).map(sorted);
  const answers = Object.fromEntries(Object.entries(input.answers ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)]));
  return JSON.stringify({ villages, figures: sorted(input.figures ?? {}), answers });
}

/** An object with its keys sorted and absent/null values dropped (null and absent mean the same: no data). */
function sorted(o: object): unknown {
  if (Array.isArray(o)) return o.map((x) => (x && typeof x === 'object' ? sorted(x) : x));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) {
    const v = (o as Record<string, unknown>)[k];
    if (v === null || v === undefined) continue;
    out[k] = v && typeof v === 'object' ? sorted(v) : v;
  }
  return out;
}

/** One row of the list. */
export function listRow(s: ListSource, today: string, deadlines: ListDeadlines = {}): ListRow {
  const r = s.review;
  const year = r.dossier?.input.year ?? s.current?.year ?? r.computed?.year;
  const sent = r.state !== 'draft' && !!r.dossier;
  const claimed = sent ? r.dossier!.request.level : null;
  const computed = r.computed ? r.computed.eligibleLevel : null;
  let deadline: ListRow['deadline'] = null;
  if (year !== undefined && !DECIDED.has(r.state)) {
    const kind = sent && r.state !== 'returned' ? 'decision' : 'dossier';
    const date = kind === 'dossier' ? deadlineIn(year + 1, deadlines.dossier, DEFAULT_DOSSIER_DEADLINE) : deadlineIn(year + 1, deadlines.decision, DEFAULT_DECISION_DEADLINE);
    deadline = { kind, date, daysLeft: daysBetween(today, date) };
  }
  const verdicts = Object.values(r.verdicts ?? {});
  return {
    code: r.commune.code,
    name: r.commune.name,
    state: r.state,
    claimed,
    computed,
    mismatch: claimed !== null && computed !== null && computed < claimed,
    evidence: s.evidence ?? null,
    deadline,
    lastSync: s.lastSync ?? null,
    changed: sent && !!s.current && inputDigest(s.current) !== inputDigest(r.dossier!.input),
    openComments: verdicts.filter((v) => v.verdict === 'unmet' || v.verdict === 'more').length,
    recognised: r.decision?.level ?? null,
    difficultArea: !!s.difficultArea,
  };
}

/**
 * Whether a row may be recognised in bulk: the reviewer holds it, no comment is open, the commune
 * did not change it after sending, and the synced figures reach the level asked for.
 */
export function bulkRecognisable(row: ListRow): boolean {
  return UNDER_REVIEW.has(row.state) && row.openComments === 0 && !row.changed && !row.mismatch && row.claimed !== null;
}

export interface ListFilter {
  /** Part of the name or the code, any case, with or without diacritics. */
  text?: string;
  states?: readonly DossierState[];
  mismatch?: boolean;
  changed?: boolean;
  /** Deadline within 7 days or passed. */
  dueSoon?: boolean;
  openComments?: boolean;
}

/** Lower case without diacritics ("Tư Nghĩa" → "tu nghia"), so a search needs no Vietnamese keyboard. */
export function foldText(s: string): string {
  return withoutMarks(s);
}

export const DUE_SOON_DAYS = 7;

export function filterRows(rows: readonly ListRow[], f: ListFilter): ListRow[] {
  const text = f.text ? foldText(f.text.trim()) : '';
  const states = f.states && f.states.length > 0 ? new Set(f.states) : null;
  return rows.filter(
    (r) =>
      (!text || foldText(r.name).includes(text) || r.code.includes(text)) &&
      (!states || states.has(r.state)) &&
      (!f.mismatch || r.mismatch) &&
      (!f.changed || r.changed) &&
      (!f.openComments || r.openComments > 0) &&
      (!f.dueSoon || (r.deadline !== null && r.deadline.daysLeft <= DUE_SOON_DAYS)),
  );
}

export type SortKey = 'name' | 'state' | 'claimed' | 'computed' | 'deadline' | 'lastSync' | 'evidence';

const collator = new Intl.Collator('vi');

/** Rows sorted by `key` (ties by name); rows with nothing to sort by go last either way. */
export function sortRows(rows: readonly ListRow[], key: SortKey, descending = false): ListRow[] {
  const value = (r: ListRow): number | string | null => {
    switch (key) {
      case 'name':
        return r.name;
      case 'state':
        return STATES.indexOf(r.state);
      case 'claimed':
        return r.claimed;
      case 'computed':
        return r.computed;
      case 'deadline':
        return r.deadline?.daysLeft ?? null;
      case 'lastSync':
        return r.lastSync;
      case 'evidence':
        return r.evidence && r.evidence.expected > 0 ? r.evidence.received / r.evidence.expected : null;
    }
  };
  const dir = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? collator.compare(a.name, b.name) : va === null ? 1 : -1;
    const c = typeof va === 'string' ? collator.compare(va, vb as string) : va - (vb as number);
    return c !== 0 ? c * dir : collator.compare(a.name, b.name);
  });
}

export interface ListTotals {
  communes: number;
  byState: Record<DossierState, number>;
  /** Communes whose synced figures reach level 1, level 2, none, or that have no data. */
  computed: { none: number; level1: number; level2: number; noData: number };
  mismatch: number;
  changed: number;
  overdue: number;
  recognisable: number;
}

export function listTotals(rows: readonly ListRow[]): ListTotals {
  const byState = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<DossierState, number>;
  const computed = { none: 0, level1: 0, level2: 0, noData: 0 };
  let mismatch = 0;
  let changed = 0;
  let overdue = 0;
  let recognisable = 0;
  for (const r of rows) {
    byState[r.state]++;
    if (r.computed === null) computed.noData++;
    else if (r.computed === 0) computed.none++;
    else if (r.computed === 1) computed.level1++;
    else computed.level2++;
    if (r.mismatch) mismatch++;
    if (r.changed) changed++;
    if (r.deadline && r.deadline.daysLeft < 0) overdue++;
    if (bulkRecognisable(r)) recognisable++;
  }
  return { communes: rows.length, byState, computed, mismatch, changed, overdue, recognisable };
}
