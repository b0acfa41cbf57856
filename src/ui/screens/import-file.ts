// Nhập dữ liệu: reads a chosen export file and merges it through src/db (lazy chunk, loaded only
// when a file is chosen). Never writes anything itself; a bad file is refused whole by importBackup.
import { backupStore, repo, type ImportResult } from '../../db/index.ts';

/** Reads and imports `file` (the JSON export, or the zip with evidence files); rejects with a Vietnamese reason when it cannot. */
export async function importFile(file: File): Promise<ImportResult> {
  // src/evidence's SHA-256 (it works without crypto.subtle), loaded only for a zip with files.
  return (await backupStore()).importBackup(repo(), new Uint8Array(await file.arrayBuffer()), async (b) => (await import('../../evidence/index.ts')).sha256Hex(b));
}
