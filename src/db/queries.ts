// What the screens read: communes, villages, the yearly data, years, conflicts, and the readiness
// engine's input for one commune and year. Reads only; never opens a write transaction.
import type { Answer, AssessInput, CommuneFigures, Evidence, VillageCounts, VillageInput } from '../domain/assess-types.ts';
import { ENTITY_DEFS } from '../domain/entities/index.ts';
import type {
  AnswerRow, CommuneFiguresRow, CommuneRow, ConflictRow, DecisionRow, DossierRow, VillageCountsRow, VillageRow,
} from './db.ts';
import type { RepoContext } from './context.ts';

/** The fields of the readiness input's villages and figures: the registry's, in its order. */
export const COUNT_KEYS = Object.keys(ENTITY_DEFS.villageCounts.fields) as (keyof VillageCounts)[];
export const FIGURE_KEYS = Object.keys(ENTITY_DEFS.communeFigures.fields) as (keyof CommuneFigures)[];

export function createQueries(ctx: RepoContext) {
  const { db } = ctx;

  async function listCommunes(): Promise<CommuneRow[]> {
    return db.communes.orderBy('code').toArray();
  }
  async function getCommune(id: string): Promise<CommuneRow | undefined> {
    return db.communes.get(id);
  }
  /** The villages that belong to `commune` now (moved-in ones too), in display order; archived ones only when asked. */
  async function listVillages(commune: string, opts: { includeArchived?: boolean } = {}): Promise<VillageRow[]> {
    const all = await db.villages.where('inCommune').equals(commune).toArray();
    return all
      .filter((v) => opts.includeArchived || !v.archived)
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.code.localeCompare(b.code));
  }
  /** A year's counts of the villages of `commune`, each under its own key (a moved-in village's too). */
  async function getVillageCounts(commune: string, year: number): Promise<VillageCountsRow[]> {
    const here = await db.villageCounts.where('[commune+year]').equals([commune, year]).toArray();
    const movedIn = (await db.villages.where('inCommune').equals(commune).toArray()).filter((v) => v.commune !== commune);
    const theirs = await db.villageCounts.bulkGet(movedIn.map((v) => [v.commune, year, v.id] as [string, number, string]));
    const gone = new Set((await db.villages.where('commune').equals(commune).toArray()).filter((v) => v.inCommune !== commune).map((v) => v.id));
    return [...here.filter((r) => !gone.has(r.village)), ...theirs.filter((r): r is VillageCountsRow => !!r)];
  }
  async function getCommuneFigures(commune: string, year: number): Promise<CommuneFiguresRow | undefined> {
    return db.communeFigures.get([commune, year]);
  }
  async function getAnswers(commune: string, year: number): Promise<AnswerRow[]> {
    return db.answers.where('[commune+year]').equals([commune, year]).toArray();
  }
  async function listDecisions(commune: string): Promise<DecisionRow[]> {
    const all = await db.decisions.where('commune').equals(commune).toArray();
    return all.filter((d) => !(d as { archived?: boolean }).archived).sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
  }
  async function getDossier(commune: string, year: number): Promise<DossierRow | undefined> {
    return db.dossiers.get([commune, year]);
  }

  /** The assessment years this commune has any data or a started dossier for, ascending. */
  async function listYears(commune: string): Promise<number[]> {
    const years = new Set<number>();
    const collect = (rows: { year: number }[]) => rows.forEach((r) => years.add(r.year));
    collect(await db.villageCounts.where('commune').equals(commune).toArray());
    collect(await db.communeFigures.where('commune').equals(commune).toArray());
    collect(await db.dossiers.where('commune').equals(commune).toArray());
    collect(await db.answers.where('commune').equals(commune).toArray());
    return [...years].sort((a, b) => a - b);
  }

  async function listConflicts(opts: { includeResolved?: boolean } = {}): Promise<ConflictRow[]> {
    const all = await db.conflicts.toArray();
    return all.filter((c) => opts.includeResolved || !c.resolved).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  }

  /** The readiness engine's input for one commune and year, from what this device holds. */
  async function buildAssessInput(commune: string, year: number, asOf?: string): Promise<AssessInput> {
    return db.transaction('r', ['communes', 'villages', 'villageCounts', 'communeFigures', 'answers', 'decisions'], async () => {
      const c = await db.communes.get(commune);
      const villages = await listVillages(commune, { includeArchived: true });
      const counts = new Map((await getVillageCounts(commune, year)).map((r) => [r.village, r]));
      const vs: VillageInput[] = [];
      for (const v of villages) {
        const r = counts.get(v.id);
        if (v.archived && !r) continue; // archived villages count only for years they have data
        // The engine names a village by its id (its identity); people see its name.
        const vi: VillageInput = { code: v.id, name: v.name };
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
      const fig = await getCommuneFigures(commune, year);
      if (fig) {
        const f: Record<string, unknown> = {};
        for (const k of FIGURE_KEYS) if (fig[k] !== undefined && fig[k] !== null) f[k] = fig[k];
        if (Object.keys(f).length) input.figures = f as CommuneFigures;
      }
      const answers = await getAnswers(commune, year);
      if (answers.length) {
        input.answers = {};
        for (const a of answers) {
          const ans: Answer = { met: a.met ?? null };
          // The readiness input cites number, date, issuer and title (a stored note stays on the row).
          const evidence = (a.evidence ?? []).map(inputEvidence).filter((e) => Object.keys(e).length > 0);
          if (evidence.length) ans.evidence = evidence;
          if (typeof a.amount === 'number') ans.amount = a.amount;
          if (a.note) ans.note = a.note;
          input.answers[a.indicator] = ans;
        }
      }
      const decisions = await listDecisions(commune);
      if (decisions.length) input.history = decisions.map((d) => ({ level: d.level, decidedOn: d.decidedOn }));
      return input;
    });
  }

  return {
    listCommunes, getCommune, listVillages, getVillageCounts, getCommuneFigures, getAnswers,
    listDecisions, getDossier, listYears, listConflicts, buildAssessInput,
  };
}

export type Queries = ReturnType<typeof createQueries>;

/** The parts of a stored evidence the readiness input carries. */
function inputEvidence(e: Evidence): Evidence {
  const out: Evidence = {};
  for (const k of ['number', 'date', 'issuer', 'title'] as const) if (e[k]) out[k] = e[k];
  return out;
}
