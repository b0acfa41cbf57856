// What the screens read: communes, villages, the yearly data, years, conflicts, and the readiness
// engine's input for one commune and year. Reads only; never opens a write transaction.
import type { AssessInput } from '../domain/assess-types.ts';
import { provinceId } from '../domain/keys.ts';
import { inputOfRows } from '../domain/readiness/input-of-rows.ts';
import { settingsOfYear } from '../domain/review/codes.ts';
import type {
  AnswerRow, CommuneFiguresRow, CommuneRow, ConflictRow, DecisionRow, DossierRow, VillageCountsRow, VillageRow,
} from './db.ts';
import type { RepoContext } from './context.ts';

/** The fields of the readiness input's villages and figures: the registry's, in its order. */
export { COUNT_KEYS, FIGURE_KEYS } from '../domain/readiness/input-of-rows.ts';

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
    return db.transaction('r', ['communes', 'villages', 'villageCounts', 'communeFigures', 'answers', 'decisions', 'register', 'provinceSettings'], async () => {
      const row = await db.communes.get(commune);
      // The engine names a village by its id (its identity); people see its name.
      const villages = (await listVillages(commune, { includeArchived: true })).map((v) => ({ code: v.id, name: v.name, order: v.order, archived: v.archived ?? null }));
      const counts = await getVillageCounts(commune, year);
      const figures = await getCommuneFigures(commune, year);
      const answers = await getAnswers(commune, year);
      const decisions = await listDecisions(commune);
      const register = await db.register.where('commune').equals(commune).toArray();
      // The province's list of communes in a difficult area decides the figure, as on the server.
      const settings = row?.province ? settingsOfYear(await db.provinceSettings.where('province').equals(provinceId(row.province)).toArray(), year) : undefined;
      return inputOfRows({ commune, year, asOf, row, villages, counts, figures, answers, decisions, register, difficultAreas: settings?.difficultAreas ?? null });
    });
  }

  return {
    listCommunes, getCommune, listVillages, getVillageCounts, getCommuneFigures, getAnswers,
    listDecisions, getDossier, listYears, listConflicts, buildAssessInput,
  };
}

export type Queries = ReturnType<typeof createQueries>;
