// The reviewer's read of a whole province (lazy: only the province's screens load it): the engine's
// input of every commune it pulled, from one query per table, the same input buildAssessInput
// gives for each commune alone. Never writes.
import type { AssessInput } from '../domain/assess-types.ts';
import type { XhtDb } from './db.ts';
import { inputOfRows, sortVillages } from '../domain/readiness/input-of-rows.ts';

/**
 * The engine's input of every commune in `communes` for `year`, read in one transaction with one
 * query per table (a reviewer's device opens the province's list from 168 communes at once); the
 * register's titles join the history and the province's difficult areas decide that figure, as
 * for one commune.
 */
export async function buildProvinceInputs(db: XhtDb, communes: readonly string[], year: number, asOf?: string, difficultAreas?: readonly string[] | null): Promise<AssessInput[]> {
  return db.transaction('r', ['communes', 'villages', 'villageCounts', 'communeFigures', 'answers', 'decisions', 'register'], async () => {
    const pairs = communes.map((c): [string, number] => [c, year]);
    const [rows, villages, counts, figures, answers, decisions, register] = await Promise.all([
      db.communes.bulkGet([...communes]),
      db.villages.where('commune').anyOf([...communes]).toArray(),
      db.villageCounts.where('[commune+year]').anyOf(pairs).toArray(),
      db.communeFigures.bulkGet(pairs),
      db.answers.where('[commune+year]').anyOf(pairs).toArray(),
      db.decisions.where('commune').anyOf([...communes]).toArray(),
      db.register.where('commune').anyOf([...communes]).toArray(),
    ]);
    const by = <T extends { commune: string }>(list: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of list) {
        const l = m.get(r.commune);
        if (l) l.push(r);
        else m.set(r.commune, [r]);
      }
      return m;
    };
    const [v, n, a, d, r] = [by(villages), by(counts), by(answers), by(decisions), by(register)];
    return communes.map((commune, i) =>
      inputOfRows({
        commune, year, asOf, row: rows[i], figures: figures[i],
        villages: sortVillages(v.get(commune) ?? []), counts: n.get(commune) ?? [], answers: a.get(commune) ?? [],
        decisions: d.get(commune) ?? [], register: r.get(commune) ?? [], ...(difficultAreas ? { difficultAreas } : {}),
      }),
    );
  });
}
