// What the screens read: communes, villages, the yearly data, years, conflicts, the province's settings of a year (the engine's input
// is assess-input.ts, the province's review review.ts, both loaded on first use). Reads only;
// never opens a write transaction.
import { provinceId } from '../domain/keys.ts';
import { liveDecisions } from '../domain/readiness/live-decisions.ts';
import { settingsOfYear } from '../domain/review/codes.ts';
import type {
  AnswerRow, CommuneFiguresRow, CommuneRow, ConflictRow, DecisionRow, DossierRow, ProvinceSettingsRow, VillageCountsRow, VillageRow,
} from './db.ts';
import type { RepoContext } from './context.ts';
import type { IndexableType, Table } from 'dexie';

/** The fields of the readiness input's villages and figures: the registry's, in its order. */

/**
 * The rows of `table` whose `index` equals each of `keys`, one key range read per key (IndexedDB's
 * getAll), in the caller's transaction. For many rows of many keys this is far cheaper than
 * Dexie's anyOf, which walks a cursor one record per event (a reviewer's 168 communes × 24
 * villages took seconds that way on a slow phone).
 */
export async function rowsByKeys<T, K>(table: Table<T, K>, index: string, keys: readonly IndexableType[]): Promise<T[]> {
  return (await Promise.all(keys.map((k) => table.where(index).equals(k).toArray()))).flat();
}

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
    return liveDecisions(await db.decisions.where('commune').equals(commune).toArray());
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

  /** The province's settings of the year, or of the latest year before it that has some. */
  async function getProvinceSettings(province: string, year: number): Promise<ProvinceSettingsRow | undefined> {
    return settingsOfYear(await db.provinceSettings.where('province').equals(provinceId(province)).toArray(), year);
  }

  return {
    getProvinceSettings, listCommunes, getCommune, listVillages, getVillageCounts, getCommuneFigures, getAnswers,
    listDecisions, getDossier, listYears, listConflicts,
  };
}

export type Queries = ReturnType<typeof createQueries>;
