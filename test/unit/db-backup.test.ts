// Xuất / Nhập dữ liệu with evidence files (issue 15.4): a phone with files exports a zip holding
// them; another phone imports it whole (files, thumbnails, attachments, queued ops), twice changes
// nothing, and a damaged zip (any byte of a file, of the data, a missing part) is refused whole.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepo, openDatabase, ImportError, type Repo } from '../../src/db/index.ts';
import { addAttachment, getBlob, listAttachments } from '../../src/db/attachments.ts';
import { exportBackup, importBackup } from '../../src/db/backup.ts';

const hash = async (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let a: Repo, b: Repo;
let n = 0;
beforeEach(async () => {
  a = createRepo(openDatabase(`backup-a-${++n}`));
  b = createRepo(openDatabase(`backup-b-${n}`));
  await a.saveCommune({ code: '21085', name: 'Xã Ba Tô' });
});
afterEach(() => {
  a.db.close();
  b.db.close();
});

function pdf(seed: number) {
  const bytes = new TextEncoder().encode(`%PDF-1.4 quyết định số ${seed} %%EOF`);
  return { bytes: bytes.buffer as ArrayBuffer, type: 'application/pdf' as const, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), thumbnail: new Uint8Array([0xff, 0xd8, 0xff, seed]).buffer as ArrayBuffer };
}

async function zipOfA(): Promise<Uint8Array> {
  await addAttachment(a, { commune: '21085', year: 2025, indicator: 'TC1.1', file: pdf(1), caption: 'Quyết định thành lập', number: '12/QĐ-UBND' });
  await addAttachment(a, { commune: '21085', year: 2025, indicator: 'TC3.2', file: pdf(2) });
  const backup = await exportBackup(a, hash, '21085');
  expect(backup.name('2026-01-05')).toBe('xa-hoc-tap-21085-2026-01-05.zip');
  expect(backup.files).toBe(2);
  return new Uint8Array(await backup.blob.arrayBuffer());
}

describe('backup with evidence files', () => {
  it('a phone without files still exports the plain JSON file', async () => {
    const backup = await exportBackup(a, hash, '21085');
    expect(backup.name('2026-01-05')).toBe('xa-hoc-tap-21085-2026-01-05.json');
    expect(JSON.parse(await backup.blob.text())).toMatchObject({ app: 'xa-hoc-tap' });
  });

  it('another phone gets the files, thumbnails, attachments and queued ops; twice changes nothing', async () => {
    const zip = await zipOfA();
    const r = await importBackup(b, zip, hash);
    expect(r.filesAdded).toBe(2);
    const rows = await listAttachments(b, '21085', 2025);
    expect(rows.map((x) => [x.indicator, x.caption ?? null]).sort()).toEqual([['TC1.1', 'Quyết định thành lập'], ['TC3.2', null]]);
    for (const row of rows) expect(await hash(new Uint8Array(await (await getBlob(b, row.sha256))!.arrayBuffer()))).toBe(row.sha256);
    expect(await b.db.thumbs.count()).toBe(2);
    const ops = (await b.db.outbox.toArray()).map((o) => o.op.opId).sort();
    expect(ops).toEqual((await a.db.outbox.toArray()).map((o) => o.op.opId).sort());
    const again = await importBackup(b, zip, hash);
    expect(again.filesAdded).toBe(0);
    expect(again.opsAdded).toBe(0);
    expect((await b.db.outbox.toArray()).map((o) => o.op.opId).sort()).toEqual(ops);
    expect(await b.db.blobs.count()).toBe(2);
  });

  it('refuses a damaged zip whole: a changed file, changed data, a missing file, a cut-off file', async () => {
    const zip = await zipOfA();
    const parts = unzipSync(zip);
    const fileName = Object.keys(parts).find((k) => k.startsWith('files/'))!;
    const flipped = (name: string) => {
      const changed = new Uint8Array(parts[name]!);
      changed[10] = changed[10]! ^ 1;
      const copy = { ...parts, [name]: changed };
      return zipSync(copy);
    };
    const { [fileName]: _gone, ...missing } = parts;
    const cases: [string, Uint8Array][] = [
      ['a file', flipped(fileName)],
      ['the data', flipped('xa-hoc-tap.json')],
      ['a missing file', zipSync(missing)],
      ['cut off', zip.subarray(0, Math.floor(zip.length * 0.6))],
    ];
    for (const [what, bad] of cases) {
      const err = await importBackup(b, bad, hash).catch((e: unknown) => e);
      expect(err, what).toBeInstanceOf(ImportError);
      expect((err as Error).message, what).toMatch(/hỏng|không phải tệp/);
      expect(await b.db.blobs.count(), what).toBe(0);
      expect(await b.db.attachments.count(), what).toBe(0);
      expect(await b.db.outbox.count(), what).toBe(0);
    }
  });
});
