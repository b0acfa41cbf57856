// The engine's input from this device's rows (lazy: the screens that assess load it): of one
// commune (buildAssessInput: the dashboard, the dossier, the criteria) or of every commune a
// reviewer pulled (buildInputs: the province's list opens 168 communes at once), by one code path
// with one query per table. Villages are named by their stable id and counted where they belong
// now (a village moved in brings its counts, one moved out takes them); the register's titles join
// the history and the province's difficult areas decide that figure (src/domain inputOfRows, the
// same function the server uses). Never writes.
import type { AssessInput } from '../domain/assess-types.ts';
import { provinceId } from '../domain/keys.ts';
import { inputOfRows, sortVillages } from '../domain/readiness/input-of-rows.ts';
import { settingsOfYear } from '../domain/review/codes.ts';
import type { VillageCountsRow, XhtDb } from './db.ts';

const TABLES = ['communes', 'villages', 'villageCounts', 'communeFigures', 'answers', 'decisions', 'register', 'provinceSettings'] as const;

const groupBy = <T, K>(list: readonly T[], key: (x: T) => K): Map<K, T[]> => {
  const m = new Map<K, T[]>();
  for (const r of list) {
    const k = key(r);
    const l = m.get(k);
    if (l) l.push(r);
    else m.set(k, [r]);
  }
  return m;
};

/**
 * The engine's input of every commune in `communes` (ids) for `year`, read in one transaction with
 * one query per table; `difficultAreas`, when the province set a list, decides that figure.
 */
export async function buildInputs(db: XhtDb, communes: readonly string[], year: number, asOf?: string, difficultAreas?: readonly string[] | null): Promise<AssessInput[]> {
  return db.transaction('r', [...TABLES], async () => {
    const ids = [...communes];
    const pairs = ids.map((c): [string, number] => [c, year]);
    const [rows, villages, counts, figures, answers, decisions, register] = await Promise.all([
      db.communes.bulkGet(ids),
      db.villages.where('inCommune').anyOf(ids).toArray(),
      db.villageCounts.where('[commune+year]').anyOf(pairs).toArray(),
      db.communeFigures.bulkGet(pairs),
      db.answers.where('[commune+year]').anyOf(pairs).toArray(),
      db.decisions.where('commune').anyOf(ids).toArray(),
      db.register.where('commune').anyOf(ids).toArray(),
    ]);
    // A year's counts are kept under the commune the village was made in: find each by that key.
    const countsAt = new Map(counts.map((r) => [`${r.commune}\u0000${r.village}`, r]));
    const asked = new Set(ids);
    const from = villages.filter((v) => !asked.has(v.commune));
    const theirs = await db.villageCounts.bulkGet(from.map((v) => [v.commune, year, v.id] as [string, number, string]));
    theirs.forEach((r) => r && countsAt.set(`${r.commune}\u0000${r.village}`, r));
    const [v, a, d, r] = [groupBy(villages, (x) => x.inCommune), groupBy(answers, (x) => x.commune), groupBy(decisions, (x) => x.commune), groupBy(register, (x) => x.commune)];
    return ids.map((commune, i) => {
      const own = v.get(commune) ?? [];
      const held = own.map((x) => countsAt.get(`${x.commune}\u0000${x.id}`)).filter((x): x is VillageCountsRow => !!x);
      return inputOfRows({
        commune, year, asOf, row: rows[i], figures: figures[i],
        // The engine names a village by its id (its identity); people see its name.
        villages: sortVillages(own).map((x) => ({ code: x.id, name: x.name, order: x.order, archived: x.archived ?? null })),
        counts: held, answers: a.get(commune) ?? [], decisions: d.get(commune) ?? [], register: r.get(commune) ?? [],
        ...(difficultAreas ? { difficultAreas } : {}),
      });
    });
  });
}

/** The readiness engine's input for one commune and year, from what this device holds. */
export async function buildAssessInput(db: XhtDb, commune: string, year: number, asOf?: string): Promise<AssessInput> {
  return db.transaction('r', [...TABLES], async () => {
    const row = await db.communes.get(commune);
    // The province's list of communes in a difficult area decides the figure, as on the server.
    const settings = row?.province ? settingsOfYear(await db.provinceSettings.where('province').equals(provinceId(row.province)).toArray(), year) : undefined;
    return (await buildInputs(db, [commune], year, asOf, settings?.difficultAreas ?? null))[0]!;
  });
}
