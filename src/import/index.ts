// The sheet import's only entry point: read a file (.xlsx or .csv) into a villages' sheet, then plan
// it against what the commune holds. Pure: no DOM, no Dexie, no fetch; the same code runs in the
// app's Web Worker, the `npm run import` CLI and the admin CLI. Writing is src/db's (village-import.ts).
import { readGrid, type Progress } from './read.ts';
import { readVillageSheet, type VillageSheet } from './village-sheet.ts';

export { readGrid, type Cell, type Grid, type Progress } from './read.ts';
export { readVillageSheet, sheetJson, refusalJson, cellProblem, type SheetProblem, type SheetRow, type UnknownColumn, type VillageSheet, type SheetColumn } from './village-sheet.ts';
export { planImport, planFingerprint, type ImportPlan, type PlanRow, type PlanStatus, type PlanContext, type KnownVillage, type FieldChange } from './plan.ts';
export { SheetRefusal, isRefusal, MAX_FILE_BYTES, MAX_DATA_ROWS, MAX_UNPACKED_BYTES, type RefusalCode } from './refusal.ts';
export { SHEET_FIELDS, STT_LABEL, VILLAGE_KINDS, columnGroups, fieldOf, roleOfHeader, upperKeysOf, villageNameKey, type ColumnGroup, type FieldColumn } from './columns.ts';
export { nextVillageCode } from './village-code.ts';
export { columnLetter, fold } from './text.ts';

/** Reads a villages' sheet from a file's bytes; a file refused whole throws SheetRefusal. */
export async function readVillageFile(bytes: Uint8Array, onProgress?: (p: Progress) => void): Promise<VillageSheet> {
  const grid = await readGrid(bytes, onProgress);
  return readVillageSheet(grid, (done, total) => onProgress?.({ stage: 'check', done, total }));
}
