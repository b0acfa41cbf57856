// The page's door to photo compression: runs the pipeline in the worker when the browser can,
// on the page (page-kit) when it cannot, one job at a time (two 12-megapixel photos decoded
// together would not fit a 2 GB phone). The worker starts on the first photo and stops after a
// while idle, so it holds no memory between attachments.
import CompressWorker from './worker.ts?worker';
import { offscreenKit, offscreenSupported } from './offscreen-kit.ts';
import { pageKit } from './page-kit.ts';
import { AbortedError, compressPhoto, DecodeError, type CompressInput, type CompressOutput, type OnStage } from './pipeline.ts';
import type { CompressRequest, WorkerReply } from './protocol.ts';

/** Where compression runs: 'auto' picks the worker and falls back to the page; the others force one. */
export type CompressMode = 'auto' | 'worker' | 'page';

export interface CompressRun extends CompressOutput {
  /** Where it ran: the worker, or the page (`pageReason` says why). */
  via: 'worker' | 'page';
  pageReason?: string;
}

/** The worker could not run this job at all; `reason` says why (the page then does it). */
class WorkerUnavailable extends Error {}

const IDLE_MS = 20_000;
let worker: Worker | null = null;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
/** Set once the worker proved unusable on this page, so later photos go straight to the page. */
let workerBroken: string | null = null;
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();

function stopWorker(): void {
  clearTimeout(idleTimer);
  worker?.terminate();
  worker = null;
}

function runInWorker(input: CompressInput, onStage: OnStage, signal?: AbortSignal): Promise<CompressOutput> {
  if (workerBroken) return Promise.reject(new WorkerUnavailable(workerBroken));
  if (typeof Worker !== 'function') return Promise.reject(new WorkerUnavailable('no Worker'));
  clearTimeout(idleTimer);
  if (!worker) {
    try {
      worker = new CompressWorker({ name: 'evidence-compress' });
    } catch (e) {
      // Old engines throw here (e.g. a blocked script URL); the page can still do the job.
      return Promise.reject(new WorkerUnavailable(`worker did not start: ${(e as Error).message}`));
    }
  }
  const w = worker;
  const id = nextId++;
  return new Promise<CompressOutput>((ok, fail) => {
    const done = (): void => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
      if (worker === w) idleTimer = setTimeout(stopWorker, IDLE_MS);
    };
    const onMessage = (event: MessageEvent<WorkerReply>): void => {
      const m = event.data;
      if (m.id !== id) return;
      if (m.kind === 'progress') { onStage(m.stage, m.fraction); return; }
      done();
      if (m.kind === 'done') ok(m.output);
      else if (m.kind === 'unsupported') { workerBroken = 'no OffscreenCanvas 2D in workers'; stopWorker(); fail(new WorkerUnavailable(workerBroken)); }
      else fail(m.reason === 'decode' ? new DecodeError(m.detail) : new Error(m.detail));
    };
    // The script failed to load or to run (an engine older than the build, a bad deploy): the
    // page takes over for this photo and every later one.
    const onError = (event: ErrorEvent): void => {
      event.preventDefault();
      done();
      workerBroken = `worker failed: ${event.message || 'script error'}`;
      stopWorker();
      fail(new WorkerUnavailable(workerBroken));
    };
    // Stopping the worker is the only way to stop a decode in flight.
    const onAbort = (): void => {
      done();
      stopWorker();
      fail(new AbortedError());
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort);
    const request: CompressRequest = { id, input };
    w.postMessage(request);
  });
}

async function runOnPage(input: CompressInput, onStage: OnStage, signal?: AbortSignal): Promise<CompressOutput> {
  // A page without <canvas>.toBlob but with OffscreenCanvas (rare) still has a kit.
  const kit = typeof document !== 'undefined' ? pageKit : offscreenKit;
  if (kit === offscreenKit && !offscreenSupported()) throw new Error('no canvas to compress with');
  return compressPhoto(kit, input, onStage, () => signal?.aborted === true);
}

/** Compresses one photo (see pipeline.ts), queued behind any other in progress. */
export function compress(input: CompressInput, opts: { mode?: CompressMode; onStage?: OnStage; signal?: AbortSignal } = {}): Promise<CompressRun> {
  const mode = opts.mode ?? 'auto';
  const onStage = opts.onStage ?? (() => {});
  const job = async (): Promise<CompressRun> => {
    if (opts.signal?.aborted) throw new AbortedError();
    if (mode !== 'page') {
      try {
        return { ...(await runInWorker(input, onStage, opts.signal)), via: 'worker' };
      } catch (e) {
        if (!(e instanceof WorkerUnavailable) || mode === 'worker') throw e;
        return { ...(await runOnPage(input, onStage, opts.signal)), via: 'page', pageReason: e.message };
      }
    }
    return { ...(await runOnPage(input, onStage, opts.signal)), via: 'page', pageReason: 'asked for' };
  };
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

/** Stops the worker now (tests; a page leaving the attach screen may call it too). */
export function stopCompressWorker(): void {
  stopWorker();
}
