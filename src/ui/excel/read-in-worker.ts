// Reads a chosen file in the sheet worker (src/ui/excel/worker.ts) and resolves with the read sheet;
// rejects with a SheetRefusal (Vietnamese reason) for a file refused whole. A file over the size
// limit is refused before a byte of it is read. One worker per file, ended when it answers.
import { MAX_FILE_BYTES, SheetRefusal, type Progress, type RefusalCode, type VillageSheet } from '../../import/index.ts';
import type { ReadMessage, ReadRequest } from './worker.ts';

/** Reads `file` off the main thread; `onProgress` gets the worker's stages. */
export async function readSheetInWorker(file: Blob, onProgress?: (p: Progress) => void): Promise<VillageSheet> {
  if (file.size > MAX_FILE_BYTES) throw new SheetRefusal('too-big');
  const bytes = await file.arrayBuffer();
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<VillageSheet>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<ReadMessage>) => {
        const m = e.data;
        if (m.type === 'progress') onProgress?.(m.progress);
        else if (m.type === 'done') resolve(m.sheet);
        else if (m.type === 'refused') reject(new SheetRefusal(m.code as RefusalCode, { vi: m.vi, en: m.en }));
        else reject(new Error(m.message));
      };
      worker.onerror = (e) => reject(new Error(e.message || 'worker failed'));
      worker.postMessage({ bytes } satisfies ReadRequest, [bytes]);
    });
  } finally {
    worker.terminate();
  }
}
