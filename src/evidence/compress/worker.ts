// The compression worker: receives a photo, runs the shared pipeline on OffscreenCanvas, answers
// with the photo and its thumbnail. Built by Vite as a classic script (worker.format 'iife', like
// the service worker) so it starts on any Chrome with workers. One job at a time; holds nothing
// between jobs. Never fetches anything.
import { offscreenKit, offscreenSupported } from './offscreen-kit.ts';
import { compressPhoto, DecodeError } from './pipeline.ts';
import type { CompressRequest, WorkerReply } from './protocol.ts';

// Typed structurally so the file also compiles with the page's DOM lib; tsconfig.worker.json
// checks it (and all it imports) against the WebWorker lib, where `document` does not exist.
const scope = self as unknown as {
  postMessage(message: WorkerReply): void;
  onmessage: ((event: MessageEvent<CompressRequest>) => void) | null;
};
const reply = (m: WorkerReply): void => scope.postMessage(m);

scope.onmessage = async (event) => {
  const { id, input } = event.data;
  if (!offscreenSupported()) {
    reply({ id, kind: 'unsupported' });
    return;
  }
  try {
    const output = await compressPhoto(offscreenKit, input, (stage, fraction) => reply({ id, kind: 'progress', stage, fraction }));
    reply({ id, kind: 'done', output });
  } catch (e) {
    reply({ id, kind: 'failed', reason: e instanceof DecodeError ? 'decode' : 'other', detail: String((e as Error)?.message ?? e) });
  }
};
