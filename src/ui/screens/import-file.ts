// Nhập dữ liệu: reads a chosen export file and merges it through src/db (lazy chunk, loaded only
// when a file is chosen). Never writes anything itself; a bad file is refused whole by importAll.
import { importAll, ImportError, type ImportResult } from '../../db/index.ts';
import { dataText } from '../../i18n/data.ts';

/** Reads and imports `file`; rejects with a Vietnamese reason when it cannot. */
export async function importFile(file: File): Promise<ImportResult> {
  const text = await file.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError(dataText('data.fileNotExport'));
  }
  return importAll(json);
}
