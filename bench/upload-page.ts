// The upload page: the app's REAL blob store (src/db/attachments.ts) and upload queue
// (src/sync/uploads.ts, XMLHttpRequest as the app sends) in Chromium, against a real server, for
// the bench (bench/evidence.ts, "20 photos under slow 4G"). Built by Vite; never part of the app.
// One hook: window.__xhtUploads.
import { createRepo, evidenceStore, openDatabase, type Repo } from '../src/db/index.ts';
import { sha256Hex } from '../src/evidence/index.ts';
import { createUploadQueue } from '../src/sync/uploads.ts';
import { stat, type Stat } from './stat.ts';

let repo: Repo | null = null;

/** A photo-like JPEG of about `target` bytes (long edge 1600 px, as the app stores them), distinct per seed. */
async function photoOf(seed: number, target: number): Promise<Blob> {
  const c = new OffscreenCanvas(1600, 1200);
  const x = c.getContext('2d')!;
  let r = (seed * 2654435761) >>> 0 || 1;
  const rand = () => ((r ^= r << 13), (r ^= r >>> 17), (r ^= r << 5), (r >>> 0) / 4294967296);
  x.fillStyle = `hsl(${(seed * 47) % 360},55%,50%)`;
  x.fillRect(0, 0, 1600, 1200);
  for (let i = 0; i < 600; i++) {
    x.fillStyle = `hsla(${rand() * 360},60%,${30 + rand() * 40}%,0.6)`;
    x.fillRect(rand() * 1600, rand() * 1200, rand() * 300, rand() * 300);
  }
  const img = x.getImageData(0, 0, 1600, 1200);
  for (let i = 0; i < img.data.length; i += 4) img.data[i] = (img.data[i]! + rand() * 40) & 255;
  x.putImageData(img, 0, 0);
  // The app steps quality down until ≈ 300 KB; so does this.
  let q = 0.9;
  let blob = await c.convertToBlob({ type: 'image/jpeg', quality: q });
  while (blob.size > target && q > 0.3) blob = await c.convertToBlob({ type: 'image/jpeg', quality: (q -= 0.1) });
  return blob;
}

const api = {
  /** Stores `count` photos as attachments of one indicator in a fresh database; returns their bytes. */
  async prepare(count: number, target: number): Promise<{ files: number; bytes: number }> {
    repo?.db.close();
    repo = createRepo(openDatabase(`upload-bench-${Date.now()}`));
    await repo.saveCommune({ code: 'B0001', name: 'Xã Thử Tải' });
    let bytes = 0;
    for (let i = 0; i < count; i++) {
      const blob = await photoOf(i + 1, target);
      const sha256 = await sha256Hex(blob);
      await (await evidenceStore()).addAttachment(repo, { commune: 'B0001', year: 2025, indicator: 'TC1.1', file: { bytes: blob, type: 'image/jpeg', size: blob.size, sha256 } });
      bytes += blob.size;
    }
    return { files: count, bytes };
  },
  /** Runs the queue to the end; the time of the whole and of each file. */
  async upload(server: string, token: string): Promise<{ totalMs: number; perFile: Stat; done: number; pending: number; stopped: string | null }> {
    const q = createUploadQueue({ repo: repo! });
    const times: number[] = [];
    let at = performance.now();
    let last: string | null = null;
    q.subscribe((s) => {
      const now = s.current?.sha256 ?? null;
      if (now !== last && last !== null) times.push(performance.now() - at);
      if (now !== last) at = performance.now();
      last = now;
    });
    const t0 = performance.now();
    const end = await q.run(server, token);
    return { totalMs: Math.round(performance.now() - t0), perFile: stat(times.length ? times : [0]), done: end.done, pending: end.pending, stopped: end.stopped };
  },
};

(window as unknown as { __xhtUploads: typeof api }).__xhtUploads = api;
document.title = 'ready';
