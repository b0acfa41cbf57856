// Evidence files over HTTP against a real server on a real port (issue 15.3): PUT checks the bytes
// against the hash (400), caps a file (413) and a commune's total (413 commune-full), takes only
// JPEG and PDF (415), answers a repeat the same way and keeps one copy; GET serves the commune's
// own devices and its province reviewer (a province-wide code, and a code of one commune issued
// before the province's review), 404 to another commune or province, 401 without a token.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES } from '../../src/domain/evidence/index.ts';
import { filesDirFor } from '../../server/files/index.ts';
import { bytesOf, sha } from './file-store-bytes.ts';
import { batch, call, enrolDevice, enrolProvinceReviewer, makeOp, startTestServer, type Device, type TestServer } from './helpers.ts';

/** Bytes that start as a JPEG (or a PDF) does, of `n` length. */
function jpeg(n: number, seed: number): Uint8Array {
  const b = bytesOf(n, seed);
  b.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]);
  return b;
}
function pdf(n: number, seed: number): Uint8Array {
  const b = bytesOf(n, seed);
  b.set(new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj'));
  return b;
}

async function put(s: TestServer, hash: string, body: Uint8Array | ReadableStream<Uint8Array>, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}/api/v1/blobs/${hash}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body as BodyInit,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

async function get(s: TestServer, hash: string, token?: string) {
  const res = await fetch(`${s.url}/api/v1/blobs/${hash}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** The files the store holds (not its temporary files or owner records). */
function heldFiles(s: TestServer): string[] {
  const root = filesDirFor(s.dbPath);
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (depth === 0 && (name === 'tmp' || name === 'claims' || name === 'owners')) continue;
      if (statSync(p).isDirectory()) walk(p, depth + 1);
      else out.push(name);
    }
  };
  walk(root, 0);
  return out;
}

let s: TestServer;
let officer: Device, collector: Device, chair: Device, villageCollector: Device, reviewer: Device;
let neighbour: Device, otherReviewer: Device, provinceReviewer: Device, otherProvinceReviewer: Device;

beforeAll(async () => {
  s = await startTestServer({ communeEvidenceBytes: 1_000_000 });
  officer = await enrolDevice(s, '21085', 'officer');
  collector = await enrolDevice(s, '21085', 'collector');
  chair = await enrolDevice(s, '21085', 'chair');
  villageCollector = await enrolDevice(s, '21085', 'collector', ['T01']);
  reviewer = await enrolDevice(s, '21086', 'reviewer');
  neighbour = await enrolDevice(s, '21086', 'officer');
  otherReviewer = await enrolDevice(s, '00001', 'reviewer');
  // Reviewers' codes of a whole province (issue 14): Quảng Ngãi's, and Hà Nội's.
  provinceReviewer = await enrolProvinceReviewer(s, 'Quảng Ngãi');
  otherProvinceReviewer = await enrolProvinceReviewer(s, 'Hà Nội');
});
afterAll(() => s.stop());

describe('PUT /api/v1/blobs/{sha256}', () => {
  it('stores a photo once; a repeat is answered the same way and keeps one copy', async () => {
    const b = jpeg(300_000, 1);
    const h = sha(b);
    const first = await put(s, h, b, officer.token);
    expect(first).toEqual({ status: 200, json: { sha256: h, size: b.length } });
    const again = await put(s, h, b, collector.token);
    expect(again).toEqual(first);
    expect(heldFiles(s).filter((f) => f === h)).toHaveLength(1);
  });

  it('refuses bytes that do not match the hash (400) and keeps nothing', async () => {
    const b = pdf(50_000, 2);
    const wrong = sha(pdf(50_000, 3));
    const r = await put(s, wrong, b, officer.token);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 'hash-mismatch', message_vi: expect.stringContaining('không khớp') });
    expect(heldFiles(s)).not.toContain(wrong);
    expect((await get(s, wrong, officer.token)).status).toBe(404);
  });

  it('refuses a file over the cap (413), declared or streamed without a length', async () => {
    const big = pdf(MAX_EVIDENCE_BYTES + 1, 4);
    const h = sha(big);
    expect((await put(s, h, big, officer.token)).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(ctl) {
        for (let i = 0; i < big.length; i += 256 * 1024) ctl.enqueue(big.subarray(i, i + 256 * 1024));
        ctl.close();
      },
    });
    const chunked = await put(s, h, stream, officer.token);
    expect(chunked.status).toBe(413);
    expect(heldFiles(s)).not.toContain(h);
  });

  it('takes only JPEG photos and PDFs (415)', async () => {
    const png = bytesOf(2000, 5);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const r = await put(s, sha(png), png, officer.token);
    expect(r.status).toBe(415);
    expect(r.json).toMatchObject({ error: 'wrong-kind' });
  });

  it("caps a commune's total (413 commune-full); files it holds are still answered", async () => {
    const c = await startTestServer({ communeEvidenceBytes: 500_000 });
    try {
      const dev = await enrolDevice(c, '21085', 'officer');
      const a = jpeg(300_000, 6);
      const b = jpeg(300_000, 7);
      expect((await put(c, sha(a), a, dev.token)).status).toBe(200);
      const over = await put(c, sha(b), b, dev.token);
      expect(over.status).toBe(413);
      expect(over.json).toMatchObject({ error: 'commune-full' });
      expect((await put(c, sha(a), a, dev.token)).status).toBe(200);
      // Another commune has its own total.
      const other = await enrolDevice(c, '21086', 'officer');
      expect((await put(c, sha(b), b, other.token)).status).toBe(200);
    } finally {
      await c.stop();
    }
  });

  it('asks the access policy: read-only roles and village collectors may not upload (403); no token 401', async () => {
    const b = jpeg(1000, 8);
    const h = sha(b);
    for (const d of [chair, villageCollector, reviewer, provinceReviewer]) {
      const r = await put(s, h, b, d.token);
      expect(r.status).toBe(403);
      expect(r.json).toMatchObject({ error: 'forbidden' });
    }
    expect((await put(s, h, b)).status).toBe(401);
    expect((await put(s, 'not-a-hash', b, officer.token)).status).toBe(400);
    expect(heldFiles(s)).not.toContain(h);
  });
});

describe('GET /api/v1/blobs/{sha256}', () => {
  const b = pdf(120_000, 9);
  const h = sha(b);
  beforeAll(async () => {
    expect((await put(s, h, b, collector.token)).status).toBe(200);
  });

  it("serves the commune's own devices and its province reviewer, bytes and type as stored", async () => {
    for (const d of [officer, collector, chair, villageCollector, reviewer, provinceReviewer]) {
      const r = await get(s, h, d.token);
      expect(r.status).toBe(200);
      expect(r.type).toBe('application/pdf');
      expect(sha(r.bytes)).toBe(h);
    }
  });

  it('is not there for another commune or another province (404), nor without a token (401)', async () => {
    expect((await get(s, h, neighbour.token)).status).toBe(404);
    expect((await get(s, h, otherReviewer.token)).status).toBe(404);
    expect((await get(s, h, otherProvinceReviewer.token)).status).toBe(404);
    expect((await get(s, h)).status).toBe(401);
    expect((await get(s, sha(bytesOf(10, 10)), officer.token)).status).toBe(404);
    expect((await get(s, 'ABC', officer.token)).status).toBe(400);
  });

  it('a file two communes hold is served to both', async () => {
    expect((await put(s, h, b, neighbour.token)).status).toBe(200);
    expect((await get(s, h, neighbour.token)).status).toBe(200);
    expect((await get(s, h, provinceReviewer.token)).status).toBe(200);
    expect((await get(s, h, otherReviewer.token)).status).toBe(404);
    expect((await get(s, h, otherProvinceReviewer.token)).status).toBe(404);
  });
});

describe('the attachment entity over /sync', () => {
  const h = sha(jpeg(1000, 20));
  const good = { indicator: 'TC1.1', sha256: h, type: 'image/jpeg', size: 1000, caption: 'Ảnh buổi họp' };
  const send = (d: Device, key: string, fields: Record<string, unknown>) =>
    call(s, 'POST', '/api/v1/sync', { token: d.token, body: batch(d.deviceId, [makeOp(key, fields as never, 'attachment', d.deviceId)]) });

  it('takes an attachment of an indicator, and refuses one without its file, without a target, with two, or of an unknown indicator', async () => {
    expect((await send(officer, '21085/2025/a1', good)).status).toBe(200);
    const { sha256: _h, ...noFile } = good;
    for (const [why, fields] of [
      ['no file', noFile],
      ['no target', { ...good, indicator: undefined }],
      ['two targets', { ...good, decision: '2024-03-01_1' }],
      ['unknown indicator', { ...good, indicator: 'TC9.9' }],
      ['bad hash', { ...good, sha256: 'abc' }],
      ['too big', { ...good, size: MAX_EVIDENCE_BYTES + 1 }],
      ['not a stored type', { ...good, type: 'image/png' }],
    ] as const) {
      const r = await send(officer, `21085/2025/b-${why.replace(/ /g, '')}`, JSON.parse(JSON.stringify(fields)));
      expect(r.status, why).toBe(400);
      expect(r.json, why).toMatchObject({ error: 'invalid-batch' });
    }
  });

  it('asks the access policy: a village collector and the chair may not write one, another commune may not', async () => {
    expect((await send(villageCollector, '21085/2025/c1', good)).status).toBe(403);
    expect((await send(chair, '21085/2025/c2', good)).status).toBe(403);
    expect((await send(neighbour, '21085/2025/c3', good)).status).toBe(403);
  });
});
