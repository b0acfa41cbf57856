// The Web Worker that reads a sheet (lazy; started only when a file is chosen): unpacking, parsing
// and checking a workbook never block the page. Receives the file's bytes, posts progress, then the
// read sheet or the reason the file is refused. Holds nothing between files.
import { isRefusal, readVillageFile, type Progress, type VillageSheet } from '../../import/index.ts';

/** What the page sends: the file's bytes (transferred, not copied). */
export interface ReadRequest {
  bytes: ArrayBuffer;
}

/** What the worker answers. */
export type ReadMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; sheet: VillageSheet }
  | { type: 'refused'; code: string; vi: string; en: string }
  | { type: 'error'; message: string };

const scope = self as unknown as { postMessage(m: ReadMessage): void; onmessage: ((e: MessageEvent<ReadRequest>) => void) | null };

scope.onmessage = (e) => {
  const post = (m: ReadMessage) => scope.postMessage(m);
  let last = 0;
  readVillageFile(new Uint8Array(e.data.bytes), (progress) => {
    // A few messages a second are enough for a progress bar.
    const now = Date.now();
    if (progress.stage !== 'read' && now - last < 100) return;
    last = now;
    post({ type: 'progress', progress });
  }).then(
    (sheet) => post({ type: 'done', sheet }),
    (err: unknown) => {
      if (isRefusal(err)) post({ type: 'refused', code: err.code, vi: err.vi, en: err.en });
      else post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    },
  );
};
