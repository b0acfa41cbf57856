// The upload queue of evidence files (issue 15.3): one file at a time, retried with the sync's
// backoff, a file cut off midway sent again whole on the next run, a refused file set aside while
// the others go, and against a real server: everything queued ends up there once.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRepo, openDatabase, type Repo } from '../../src/db/index.ts';
import { addAttachment, pendingBlobs } from '../../src/db/attachments.ts';
import { createUploadQueue, xhrPut, type PutBlob, type PutOutcome } from '../../src/sync/uploads.ts';
import { enrolDevice, startTestServer, type TestServer } from '../server/helpers.ts';

let repo: Repo;
let n = 0;
beforeEach(async () => {
  repo = createRepo(openDatabase(`uploads-${++n}`));
  await repo.saveCommune({ code: '21085', name: 'Xã Ba Tô' });
});
afterEach(() => repo.db.close());

/** A PDF-looking file of `size` bytes, distinct per seed. */
function pdf(seed: number, size = 20_000) {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed * 7) & 0xff;
  b.set(new TextEncoder().encode(`%PDF-1.4 ${seed} `));
  return { bytes: b.buffer as ArrayBuffer, type: 'application/pdf' as const, size, sha256: createHash('sha256').update(b).digest('hex') };
}

async function attach(count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const f = pdf(i + 1);
    await addAttachment(repo, { commune: '21085', year: 2025, indicator: 'TC1.1', file: f });
    out.push(f.sha256);
  }
  return out;
}

/** A put that answers from a script per call and records what it was sent. */
function scripted(answers: ((sha: string, size: number) => PutOutcome)[]) {
  const calls: { sha: string; size: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const put: PutBlob = async (url, _token, bytes, onProgress) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const sha = url.slice(-64);
    calls.push({ sha, size: bytes.size });
    await new Promise((r) => setTimeout(r, 1));
    onProgress(bytes.size);
    inFlight--;
    const next = answers.length > 1 ? answers.shift()! : answers[0]!;
    return next(sha, bytes.size);
  };
  return { put, calls, maxInFlight: () => maxInFlight };
}
const ok = (): PutOutcome => ({ ok: true });
const cut = (): PutOutcome => ({ ok: false, status: 0 });

describe('upload queue', () => {
  it('sends the files one at a time and marks each sent', async () => {
    const hashes = await attach(3);
    const s = scripted([ok]);
    const q = createUploadQueue({ repo, put: s.put, sleep: async () => {} });
    const end = await q.run('http://x', 't');
    expect(end).toMatchObject({ pending: 0, done: 3, stopped: null });
    expect(s.calls.map((c) => c.sha).sort()).toEqual([...hashes].sort());
    expect(s.maxInFlight()).toBe(1);
    expect(await pendingBlobs(repo)).toEqual([]);
  });

  it('retries a dropped upload with backoff, then a file cut off every time is sent again whole on the next run', async () => {
    const [h] = await attach(1);
    const slept: number[] = [];
    const s = scripted([cut, cut, ok]);
    const q = createUploadQueue({ repo, put: s.put, sleep: async (ms) => { slept.push(ms); }, random: () => 0.5 });
    expect(await q.run('http://x', 't')).toMatchObject({ done: 1, pending: 0 });
    expect(slept).toEqual([500, 1000]);

    const [h2] = await attach(2).then((l) => l.slice(1));
    const never = scripted([cut]);
    const q2 = createUploadQueue({ repo, put: never.put, sleep: async () => {}, maxAttempts: 3 });
    expect(await q2.run('http://x', 't')).toMatchObject({ done: 0, pending: 1, stopped: 'retrying' });
    expect(never.calls).toHaveLength(3);
    expect(await pendingBlobs(repo)).toEqual([h2]);
    const again = scripted([ok]);
    const q3 = createUploadQueue({ repo, put: again.put, sleep: async () => {} });
    expect(await q3.run('http://x', 't')).toMatchObject({ done: 1, pending: 0 });
    expect(again.calls).toEqual([{ sha: h2, size: 20_000 }]);
    expect(h).not.toBe(h2);
  });

  it('sets a refused file aside and sends the others; stops at 401 and at a full commune', async () => {
    const hashes = await attach(3);
    const s = scripted([(sha) => (sha === hashes[0] ? { ok: false, status: 400, error: 'hash-mismatch' } : ok())]);
    const q = createUploadQueue({ repo, put: s.put, sleep: async () => {} });
    expect(await q.run('http://x', 't')).toMatchObject({ done: 2, pending: 1 });
    expect(await pendingBlobs(repo)).toEqual([hashes[0]]);

    await attach(5);
    const denied = scripted([() => ({ ok: false, status: 401 })]);
    expect(await createUploadQueue({ repo, put: denied.put }).run('http://x', 't')).toMatchObject({ stopped: 'needs-enrolment' });
    expect(denied.calls).toHaveLength(1);
    const full = scripted([() => ({ ok: false, status: 413, error: 'commune-full' })]);
    expect(await createUploadQueue({ repo, put: full.put }).run('http://x', 't')).toMatchObject({ stopped: 'communeFull' });
    expect(full.calls).toHaveLength(1);
  });

  it('waits while offline', async () => {
    await attach(1);
    const s = scripted([ok]);
    expect(await createUploadQueue({ repo, put: s.put, isOnline: () => false }).run('http://x', 't')).toMatchObject({ stopped: 'offline', pending: 1 });
    expect(s.calls).toHaveLength(0);
  });
});

describe('upload queue against a real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('everything queued ends up on the server, once, and a second phone reads it', async () => {
    const hashes = await attach(4);
    const officer = await enrolDevice(server, '21085', 'officer');
    const q = createUploadQueue({ repo, put: xhrPut(30_000) });
    expect(await q.run(server.url, officer.token)).toMatchObject({ done: 4, pending: 0, stopped: null });
    const other = await enrolDevice(server, '21085', 'collector');
    for (const h of hashes) {
      const res = await fetch(`${server.url}/api/v1/blobs/${h}`, { headers: { authorization: `Bearer ${other.token}` } });
      expect(res.status).toBe(200);
      expect(createHash('sha256').update(new Uint8Array(await res.arrayBuffer())).digest('hex')).toBe(h);
    }
    expect(await server.files.usage('21085')).toBe(4 * 20_000);
  });
});
