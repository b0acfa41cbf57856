// The dry run: a read sheet against what the commune holds for the year — each village new,
// changed (old value beside the new), unchanged or refused, with why. The same rules as the form:
// the domain schema on the merged record, refusing only what this import breaks (as src/db does).
// Pure: the app (Dexie) and the admin CLI (server store) hand in what they hold; nothing is written.
import type { Text } from '../domain/catalog/types.ts';
import { validateVillageCounts } from '../domain/schemas/entities.ts';
import { OTHER_LABELS } from '../domain/schemas/labels.ts';
import { SHEET_FIELDS, upperKeysOf, villageNameKey } from './columns.ts';
import { nextVillageCode } from './village-code.ts';
import { cellProblem, type SheetProblem, type VillageSheet } from './village-sheet.ts';
import { shown } from './text.ts';
import { activeWithCode, sameVillageCode } from '../domain/village-codes.ts';
import { valueProblemText as problemText } from '../i18n/value-problems.ts';
import { sheetWords } from '../i18n/sheet.ts';

/** A village the commune holds (archived ones too: a sheet may bring one back). */
export interface KnownVillage {
  /** Its stable id; a village from before stable ids is keyed by its code (the default). */
  id?: string;
  code: string;
  name: string;
  archived?: boolean;
}

export interface PlanContext {
  villages: readonly KnownVillage[];
  /** The year's stored counts by village id (a village without one: by its code). */
  counts: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** Why nothing may be written at all (a locked year), or null. */
  blocked?: Text | null;
  /** Why this device may not write a village (collector scope), or null: asked by the village's id, or by its code when `isNew` (it would be created or brought back). */
  refusal?: (code: string, isNew: boolean) => Text | null;
}

export type PlanStatus = 'new' | 'changed' | 'unchanged' | 'refused';

export interface FieldChange {
  field: string;
  column: string;
  old: number | boolean | null;
  new: number | boolean;
}

export interface PlanRow {
  row: number;
  status: PlanStatus;
  /** The app's village (its own name), or the one the import would add. */
  village: { code: string; name: string };
  /** The id of the app's village the row writes to (its code for one without an id); none when it is added or refused as ambiguous. */
  villageId?: string;
  /** It is added (or an archived one brought back) by this import. */
  addVillage: boolean;
  changes: FieldChange[];
  problems: SheetProblem[];
}

export interface ImportPlan {
  rows: PlanRow[];
  /** Problems of the whole sheet (a header twice), and why nothing may be written. */
  problems: SheetProblem[];
  blocked: Text | null;
  tally: Record<PlanStatus, number>;
}

function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

/** The dry run of `sheet` against `ctx`. Deterministic: the same sheet and data give the same plan. */
export function planImport(sheet: VillageSheet, ctx: PlanContext): ImportPlan {
  const active = ctx.villages.filter((v) => !v.archived);
  const archived = ctx.villages.filter((v) => v.archived);
  // One code, one active village (src/domain/village-codes.ts): a code two share names neither.
  const byCode = (list: readonly KnownVillage[], code: string) => list.find((v) => v.code === code) ?? list.find((v) => sameVillageCode(v.code, code));
  const idOf = (v: KnownVillage) => v.id ?? v.code;
  const byName = (list: readonly KnownVillage[], name: string) => list.filter((v) => villageNameKey(v.name) === villageNameKey(name));
  const usedCodes = ctx.villages.map((v) => v.code);
  const nameCol = sheet.columns.find((c) => c.role === 'name') ?? sheet.columns.find((c) => c.role === 'code');
  const codeCol = sheet.columns.find((c) => c.role === 'code');
  const sheetFields = new Set(sheet.columns.filter((c) => c.field).map((c) => c.field!.key));
  const columnOf = (key: string) => sheet.columns.find((c) => c.field?.key === key)?.column ?? null;
  const rowProblems = new Map<number, SheetProblem[]>();
  const fileProblems: SheetProblem[] = [];
  for (const p of sheet.problems) {
    if (p.row === null || p.row === sheet.headerRow) fileProblems.push(p);
    else rowProblems.set(p.row, [...(rowProblems.get(p.row) ?? []), p]);
  }
  const matched = new Set<string>();

  const rows: PlanRow[] = sheet.rows.map((r) => {
    const problems = [...(rowProblems.get(r.row) ?? [])];
    const sheetName = r.village.name;
    let village: KnownVillage | undefined;
    let addVillage = false;
    const sharing = r.village.code ? activeWithCode(active, r.village.code) : [];
    if (sharing.length > 1) {
      // Two active villages share the code (two phones offline, an old file): writing to either is a guess.
      const w = sheetWords('sheet.sharedCode', { value: shown(r.village.code!), count: sharing.length, names: sharing.map((v) => v.name).join(', ') });
      problems.push(cellProblem(r.row, codeCol?.column ?? null, null, w.vi, w.en));
      return { row: r.row, status: 'refused', village: { code: r.village.code!, name: sharing.map((v) => v.name).join(', ') }, addVillage: false, changes: [], problems };
    }
    if (r.village.code) {
      village = sharing[0] ?? byCode(archived, r.village.code);
      const namesake = village ? [] : byName(active, sheetName);
      if (namesake.length) {
        // A new code for a village the commune already has by that name is a typo, not a new village.
        const w = sheetWords('sheet.codeTypo', { value: shown(r.village.code), name: shown(namesake[0]!.name), codes: namesake.map((v) => v.code).join(', ') });
        problems.push(cellProblem(r.row, codeCol?.column ?? null, null, w.vi, w.en));
      }
    } else {
      const hits = byName(active, sheetName);
      const old = hits.length ? hits : byName(archived, sheetName);
      if (old.length > 1) {
        const w = sheetWords('sheet.sameName', { value: shown(sheetName), count: old.length, codes: old.map((v) => v.code).join(', ') });
        problems.push(cellProblem(r.row, nameCol?.column ?? null, null, w.vi, w.en));
      }
      village = old.length === 1 ? old[0] : undefined;
    }
    if (!village && r.village.code && r.village.name === r.village.code && !sheet.columns.some((c) => c.role === 'name')) {
      // A code the commune does not have, and no name to give a new village.
      const w = sheetWords('sheet.unknownCode', { value: shown(r.village.code) });
      problems.push(cellProblem(r.row, codeCol?.column ?? null, null, w.vi, w.en));
    }
    if (!village || village.archived) {
      addVillage = true;
      const code = village?.code ?? r.village.code ?? nextVillageCode(usedCodes);
      if (!village) usedCodes.push(code);
      village = { ...(village ? { id: idOf(village) } : {}), code, name: village?.name ?? sheetName };
    }
    const id = village.id ?? (addVillage ? undefined : village.code);
    if (!addVillage && matched.has(id!)) {
      // Two rows (one by code, one by name) reach the same village.
      const w = sheetWords('sheet.twoRows', { value: shown(village.name) });
      problems.push(cellProblem(r.row, (r.village.code ? codeCol : nameCol)?.column ?? null, null, w.vi, w.en));
    }
    if (id !== undefined) matched.add(id);

    const stored = id === undefined ? {} : (ctx.counts.get(id) ?? {});
    const changes: FieldChange[] = [];
    for (const f of SHEET_FIELDS) {
      if (!(f.key in r.fields)) continue;
      const next = r.fields[f.key]!;
      const old = stored[f.key];
      if (!sameValue(old, next)) {
        changes.push({ field: f.key, column: columnOf(f.key) ?? '', old: (old ?? null) as number | boolean | null, new: next });
      }
    }
    // The form's rule on the whole record, as src/db checks it: refuse what this import breaks,
    // not an old disagreement left by a merge that the sheet does not touch.
    if (changes.length) {
      const merged: Record<string, unknown> = {};
      const before: Record<string, unknown> = {};
      for (const f of SHEET_FIELDS) {
        if (stored[f.key] !== undefined && stored[f.key] !== null) before[f.key] = stored[f.key];
      }
      Object.assign(merged, before);
      for (const c of changes) merged[c.field] = c.new;
      const had = new Set(validateVillageCounts(before).map((p) => p.path));
      const changed = new Set(changes.map((c) => c.field));
      const already = new Set(problems.map((p) => p.field));
      for (const p of validateVillageCounts(merged)) {
        if (had.has(p.path) && !changed.has(p.path)) continue;
        if (already.has(p.path)) continue;
        const fromApp = !sheetFields.has(p.path) || upperKeysOf(p.path).some((u) => !sheetFields.has(u) && before[u] !== undefined);
        const note = fromApp ? sheetWords('sheet.againstSaved') : { vi: '', en: '' };
        // A figure the sheet lacks is named at the sheet's column it disagrees with.
        const column = columnOf(p.path) ?? upperKeysOf(p.path).map(columnOf).find((c) => c !== null) ?? nameCol?.column ?? null;
        problems.push(cellProblem(r.row, column, p.path, problemText(p, 'vi') + note.vi, problemText(p, 'en') + note.en));
      }
    }
    const reason = ctx.refusal?.(addVillage || id === undefined ? village.code : id, addVillage) ?? null;
    if (reason && (addVillage || changes.length)) {
      problems.push(cellProblem(r.row, nameCol?.column ?? null, null, reason.vi, reason.en));
    }
    let status: PlanStatus = addVillage ? 'new' : changes.length ? 'changed' : 'unchanged';
    if (problems.length) status = 'refused';
    return { row: r.row, status, village: { code: village.code, name: village.name }, ...(id !== undefined ? { villageId: id } : {}), addVillage, changes, problems };
  });

  const tally: Record<PlanStatus, number> = { new: 0, changed: 0, unchanged: 0, refused: 0 };
  for (const r of rows) tally[r.status]++;
  const blocked = ctx.blocked ?? (fileProblems.length ? { vi: fileProblems[0]!.vi, en: fileProblems[0]!.en } : null);
  return { rows, problems: fileProblems, blocked, tally };
}

/** What a confirmed plan writes, to compare it with a fresh plan at write time (did the data move?). */
export function planFingerprint(plan: ImportPlan): string {
  return JSON.stringify(plan.rows.filter((r) => r.status === 'new' || r.status === 'changed').map((r) => [r.village.code, r.villageId ?? null, r.addVillage, r.changes.map((c) => [c.field, c.old, c.new])]));
}
