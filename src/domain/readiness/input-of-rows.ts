// The engine's input from a commune's stored records of one year, wherever they are kept (the
// phone's Dexie rows, the server's merged states): villages in their order (archived ones only for
// years they hold data), the counts and figures the glossary names, the answers with the evidence
// the input cites, and the history — the decisions the commune recorded before the register, and
// the register's titles (issue #14: recognised entries feed the 12-month and 3-year rules, nobody
// types them). Pure over plain records; the structural types below are what both stores hold.
import type { Answer, AssessInput, CommuneFigures, Decision, Evidence, LevelNo, VillageCounts, VillageInput } from '../assess-types.ts';
import { COUNT_KEYS, FIGURE_KEYS } from '../entities/index.ts';
import { liveDecisions } from './live-decisions.ts';

export interface VillageRecord { code: string; name: string; order?: number | null; archived?: boolean | null }
/** A village's counts of the year (the glossary's count keys, possibly absent or null). */
export type CountsRecord = { village: string } & { [K in keyof VillageCounts]?: number | boolean | null };
export interface AnswerRecord { indicator: string; met?: boolean | null; evidence?: Evidence[] | null; amount?: number | null; note?: string | null }
export interface DecisionRecord { level: LevelNo; decidedOn: string; archived?: boolean | null }
export interface RegisterRecord { year: number; outcome?: string | null; level?: LevelNo | null; date?: string | null }

/** Villages in their order (then by code). */
export function sortVillages<V extends VillageRecord>(list: V[]): V[] {
  return list.sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.code.localeCompare(b.code));
}


/**
 * The year a register entry decides in: its decision's date's year, else (not recognised: no
 * decision) the year after the assessment year, when the answer falls due.
 */
export function decisionYearOf(r: RegisterRecord): number {
  return typeof r.date === 'string' && /^\d{4}-/.test(r.date) ? Number(r.date.slice(0, 4)) : r.year + 1;
}

/**
 * The years whose decisions the province's register records (issue #14): once it holds an entry
 * that decides in a year (recognised or not), that year's decision is the register's, and one the
 * commune typed for it gives way. Titles recognised before the province used the app, in years the
 * register holds nothing for, stay the commune's to type.
 */
export function registerYears(register: readonly RegisterRecord[]): Set<number> {
  return new Set(register.filter((r) => r.outcome === 'recognised' || r.outcome === 'not-recognised').map(decisionYearOf));
}

/**
 * The history of a commune: its recorded decisions of the years the register does not hold, and
 * the register's titles (recognised entries with a level and a date), once each, oldest first.
 */
export function historyOf(decisions: readonly DecisionRecord[], register: readonly RegisterRecord[] = []): Decision[] {
  const out = new Map<string, Decision>();
  const registers = registerYears(register);
  for (const d of liveDecisions([...decisions])) {
    if (!registers.has(Number(d.decidedOn.slice(0, 4)))) out.set(`${d.decidedOn}_${d.level}`, { level: d.level, decidedOn: d.decidedOn });
  }
  for (const r of register) {
    if (r.outcome !== 'recognised' || (r.level !== 1 && r.level !== 2) || typeof r.date !== 'string') continue;
    out.set(`${r.date}_${r.level}`, { level: r.level, decidedOn: r.date });
  }
  return [...out.values()].sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
}

/** The engine's input from a commune's records of one year (villages in order, archived included). */
export function inputOfRows(x: {
  commune: string; year: number; asOf: string | undefined; row: { name?: string; province?: string } | undefined; villages: VillageRecord[];
  counts: CountsRecord[]; figures: { [K in keyof CommuneFigures]?: number | boolean | null } | undefined; answers: AnswerRecord[]; decisions: DecisionRecord[];
  register?: RegisterRecord[];
  /** The province's list of communes in a difficult area for the year, when it set one: it decides the figure. */
  difficultAreas?: readonly string[] | null;
}): AssessInput {
  const { commune, year, asOf, row: c } = x;
  const counts = new Map(x.counts.map((r) => [r.village, r]));
  const vs: VillageInput[] = [];
  for (const v of x.villages) {
    const r = counts.get(v.code);
    if (v.archived && !r) continue; // archived villages count only for years they have data
    const vi: VillageInput = { code: v.code, name: v.name };
    if (r) for (const f of COUNT_KEYS) if (r[f] !== undefined && r[f] !== null) (vi as unknown as Record<string, unknown>)[f] = r[f];
    vs.push(vi);
  }
  const input: AssessInput = {
    catalog: 'tt25-2023',
    year,
    commune: { code: commune, name: c?.name ?? commune, ...(c?.province ? { province: c.province } : {}) },
    villages: vs,
  };
  if (asOf) input.asOf = asOf;
  const fig = x.figures;
  if (fig) {
    const f: Record<string, unknown> = {};
    for (const k of FIGURE_KEYS) if (fig[k] !== undefined && fig[k] !== null) f[k] = fig[k];
    if (Object.keys(f).length) input.figures = f as CommuneFigures;
  }
  if (Array.isArray(x.difficultAreas)) input.figures = { ...input.figures, difficultArea: x.difficultAreas.includes(commune) };
  if (x.answers.length) {
    input.answers = {};
    for (const a of x.answers) {
      const ans: Answer = { met: a.met ?? null };
      // The readiness input cites number, date, issuer and title (a stored note stays on the row).
      const evidence = (a.evidence ?? []).map(inputEvidence).filter((e) => Object.keys(e).length > 0);
      if (evidence.length) ans.evidence = evidence;
      if (typeof a.amount === 'number') ans.amount = a.amount;
      if (a.note) ans.note = a.note;
      input.answers[a.indicator] = ans;
    }
  }
  // A title decided after the dossier's date is not history yet (the input's own rule refuses it).
  const history = historyOf(x.decisions, (x.register ?? []).filter((r) => r.year < year));
  if (history.length) input.history = history;
  return input;
}

/** The parts of a stored evidence the readiness input carries. */
function inputEvidence(e: Evidence): Evidence {
  const out: Evidence = {};
  for (const k of ['number', 'date', 'issuer', 'title'] as const) if (e[k]) out[k] = e[k];
  return out;
}
