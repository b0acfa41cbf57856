// Dữ liệu mẫu: stores the domain's demo commune (Xã Ba Tô) through the save functions, so it
// syncs like any edit. Lazy module (dynamic import from index.ts); owns no data of its own.
import { demoCommune } from '../domain/demo-commune.ts';
import type { Repo } from './repo.ts';

/** Loads the demo commune idempotently (a second load writes no op); returns its code. */
export async function loadDemo(repo: Repo): Promise<string> {
  const { commune, villages, years } = demoCommune;
  await repo.batch(async () => {
    await repo.saveCommune({ code: commune.code, name: commune.name, province: commune.province });
    for (const v of villages) await repo.saveVillage(commune.code, { code: v.code, name: v.name, order: v.order });
    for (const input of years) await repo.loadAssessInput(input);
  });
  // Remembered so that enrolling for a real commune later sets the sample aside instead of refusing.
  await repo.setMeta('demoCommune', commune.code);
  return commune.code;
}
