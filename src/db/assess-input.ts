// The engine's input from a commune's stored rows of one year: villages in their order (archived
// ones only for years they hold data), the counts and figures the glossary names, the answers
// with the evidence the input cites, the decisions not archived. Pure over rows; the repository
// (one commune) and the province's read (every commune at once) both use it.
import type { Answer, AssessInput, CommuneFigures, Evidence, VillageCounts, VillageInput } from '../domain/assess-types.ts';
import type { AnswerRow, CommuneFiguresRow, CommuneRow, DecisionRow, VillageCountsRow, VillageRow } from './db.ts';

export const COUNT_KEYS = [
  'households', 'familiesRegistered', 'familiesRecognized', 'lineages', 'lineagesRegistered',
  'lineagesRecognized', 'citizens', 'citizensRecognized', 'trained', 'university', 'villageRecognized',
] as const satisfies readonly (keyof VillageCounts)[];
export const FIGURE_KEYS = [
  'units', 'unitsRecognized', 'pcgdPreschool5', 'pcgdPrimary', 'pcgdLowerSecondary', 'literacy', 'difficultArea',
] as const satisfies readonly (keyof CommuneFigures)[];

/** Villages in their order (then by code). */
export function sortVillages(list: VillageRow[]): VillageRow[] {
  return list.sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.code.localeCompare(b.code));
}

/** The decisions not archived, oldest first. */
export function liveDecisions(list: DecisionRow[]): DecisionRow[] {
  return list.filter((d) => !(d as { archived?: boolean }).archived).sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
}

/** The engine's input from a commune's rows of one year (villages in order, archived included). */
export function inputOfRows(x: {
  commune: string; year: number; asOf: string | undefined; row: CommuneRow | undefined; villages: VillageRow[];
  counts: VillageCountsRow[]; figures: CommuneFiguresRow | undefined; answers: AnswerRow[]; decisions: DecisionRow[];
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
  if (x.decisions.length) input.history = x.decisions.map((d) => ({ level: d.level, decidedOn: d.decidedOn }));
  return input;
}

/** The parts of a stored evidence the readiness input carries. */
function inputEvidence(e: Evidence): Evidence {
  const out: Evidence = {};
  for (const k of ['number', 'date', 'issuer', 'title'] as const) if (e[k]) out[k] = e[k];
  return out;
}

