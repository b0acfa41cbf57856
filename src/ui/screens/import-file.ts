// Nhập dữ liệu: reads a chosen export file and merges it through src/db (lazy chunk, loaded only
// when a file is chosen). Never writes anything itself; a bad file is refused whole by importBackup.
import { repo, type ImportResult } from '../../db/index.ts';
import { importBackup } from '../../db/backup.ts';
import { sha256Hex } from '../../evidence/index.ts';

/** Reads and imports `file` (the JSON export, or the zip with evidence files); rejects with a Vietnamese reason when it cannot. */
export async function importFile(file: File): Promise<ImportResult> {
  return importBackup(repo(), new Uint8Array(await file.arrayBuffer()), sha256Hex);
}
