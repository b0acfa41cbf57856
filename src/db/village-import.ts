// Nhập số liệu thôn từ bảng tính: the dry run against what this device holds, and the write of a
// confirmed one through the form's own save functions (saveVillage, saveVillageCounts: entity +
// outbox op each), all in ONE transaction: every change or none. Lazy module (index.ts imports it
// on demand). The sheet itself is read by src/import, which never touches the database.
import { ImportError } from './errors.ts';
import { dataText } from '../i18n/data.ts';
import { internalsOf, type Repo } from './repo.ts';
import { planFingerprint, planImport, type ImportPlan, type PlanContext, type VillageSheet } from '../import/index.ts';

/** Who may write what, as the plan asks it (a collector limited to some villages). */
export type Refusal = PlanContext['refusal'];

// A sheet names villages by their code (Mã thôn); this device keys them by id. The plan matches
// codes and answers with the village's id, which the writes use (two villages may share a code).
async function contextOf(repo: Repo, commune: string, year: number, refusal?: Refusal): Promise<PlanContext> {
  const villages = await repo.listVillages(commune, { includeArchived: true });
  const counts = new Map((await repo.getVillageCounts(commune, year)).map((r) => [r.village, r as unknown as Record<string, unknown>]));
  const dossier = await repo.getDossier(commune, year);
  const blocked = dossier?.locked
    ? { vi: dataText('data.importLocked', { year }, 'vi'), en: dataText('data.importLocked', { year }, 'en') }
    : null;
  return { villages: villages.map((v) => ({ id: v.id, code: v.code, name: v.name, archived: !!v.archived })), counts, blocked, ...(refusal ? { refusal } : {}) };
}

/** The dry run of `sheet` for `commune` and `year` against this device's data. Writes nothing. */
export async function previewVillageImport(repo: Repo, commune: string, year: number, sheet: VillageSheet, refusal?: Refusal): Promise<ImportPlan> {
  const ctx = await internalsOf(repo).ctx.db.transaction('r', ['villages', 'villageCounts', 'dossiers'], () => contextOf(repo, commune, year, refusal));
  return planImport(sheet, ctx);
}

export interface VillageImportResult {
  villagesAdded: number;
  villagesChanged: number;
  fieldsWritten: number;
}

/**
 * Writes a confirmed dry run. The plan is made again inside the transaction: if this device's data
 * moved since the preview (a sync arrived), the fingerprints differ and nothing is written.
 */
export async function applyVillageImport(
  repo: Repo, commune: string, year: number, sheet: VillageSheet, confirmed: ImportPlan, refusal?: Refusal,
): Promise<VillageImportResult> {
  return internalsOf(repo).ctx.rw(async () => {
    const ctx = await contextOf(repo, commune, year, refusal);
    const plan = planImport(sheet, ctx);
    if (plan.blocked) throw new ImportError(plan.blocked.vi);
    if (planFingerprint(plan) !== planFingerprint(confirmed)) {
      throw new ImportError(dataText('data.importStale'));
    }
    const result: VillageImportResult = { villagesAdded: 0, villagesChanged: 0, fieldsWritten: 0 };
    for (const row of plan.rows) {
      if (row.status !== 'new' && row.status !== 'changed') continue;
      let id = row.villageId;
      if (row.addVillage) {
        // A removed village comes back under its id; a new one gets a fresh id, never the code.
        id = id !== undefined
          ? await repo.saveVillage(commune, { id, code: row.village.code, name: row.village.name, archived: false })
          : await repo.addVillage(commune, { code: row.village.code, name: row.village.name });
        result.villagesAdded++;
      } else {
        result.villagesChanged++;
      }
      if (row.changes.length) {
        const fields: Record<string, number | boolean> = {};
        for (const c of row.changes) fields[c.field] = c.new;
        await repo.saveVillageCounts(commune, year, id!, fields);
        result.fieldsWritten += row.changes.length;
      }
    }
    return result;
  });
}
