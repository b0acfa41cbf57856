// Evidence files on the phone (issue 15.2): bytes in their own table by SHA-256, never inside an
// outbox op; metadata as the synced entity `attachment`; the bytes and the metadata in one
// transaction, so a phone out of room (QuotaExceededError, "Failed to write blobs") keeps nothing
// of the failed save and everything it had.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRepo, openDatabase, type Repo } from '../../src/db/index.ts';
import { StorageFullError, addAttachment, evidenceUsage, isStorageFull, getBlob, listAttachments, markBlobSent, pendingBlobs, updateAttachment } from '../../src/db/attachments.ts';
import { ValidationError } from '../../src/db/errors.ts';

let repo: Repo;
let n = 0;
beforeEach(async () => {
  repo = createRepo(openDatabase(`db-attach-${++n}`));
  await repo.saveCommune({ code: 'X1', name: 'Xã Một' });
});
afterEach(() => repo.db.close());

function file(text: string, type: 'image/jpeg' | 'application/pdf' = 'application/pdf') {
  const bytes = new TextEncoder().encode(text);
  return { bytes: bytes.buffer as ArrayBuffer, type, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), name: 'qd.pdf' };
}

describe('attachments on the phone', () => {
  it('keeps the bytes by hash and the metadata as an op that carries no bytes', async () => {
    const f = file('%PDF-1.4 quyết định %%EOF');
    const id = await addAttachment(repo, { commune: 'X1', year: 2025, indicator: 'TC1.1', file: f, caption: ' Quyết định thành lập ', number: '12/QĐ-UBND', date: '2025-03-02', issuer: 'UBND xã' });
    const rows = await listAttachments(repo, 'X1', 2025);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, indicator: 'TC1.1', sha256: f.sha256, size: f.size, caption: 'Quyết định thành lập', number: '12/QĐ-UBND', issuer: 'UBND xã' });
    const ops = (await repo.db.outbox.toArray()).map((r) => r.op).filter((op) => op.entity === 'attachment');
    expect(ops).toHaveLength(1);
    expect(ops[0]!.key).toBe(`X1/2025/${id}`);
    expect(JSON.stringify(ops[0])).not.toContain('quyết định %%EOF');
    expect(JSON.stringify(ops[0]).length).toBeLessThan(1000);
    expect(await new Blob([await (await getBlob(repo, f.sha256))!.arrayBuffer()]).text()).toBe('%PDF-1.4 quyết định %%EOF');
    expect(await pendingBlobs(repo)).toEqual([f.sha256]);
    await markBlobSent(repo, f.sha256);
    expect(await pendingBlobs(repo)).toEqual([]);
  });

  it('stores a file attached twice once', async () => {
    const f = file('%PDF-1.4 một tệp %%EOF');
    await addAttachment(repo, { commune: 'X1', year: 2025, indicator: 'TC1.1', file: f });
    await addAttachment(repo, { commune: 'X1', year: 2025, indicator: 'TC2.1', file: f });
    expect(await listAttachments(repo, 'X1', 2025)).toHaveLength(2);
    expect(await repo.db.blobs.count()).toBe(1);
    expect(await evidenceUsage(repo)).toEqual({ files: 1, bytes: f.size, pending: 1 });
  });

  it('edits and removes through ops; refuses a bad hash, a file over the cap, two targets', async () => {
    const f = file('%PDF-1.4 x %%EOF');
    const id = await addAttachment(repo, { commune: 'X1', year: 2025, indicator: 'TC1.1', file: f });
    await updateAttachment(repo, 'X1', 2025, id, { caption: 'Ảnh buổi sinh hoạt' });
    expect((await listAttachments(repo, 'X1', 2025))[0]!.caption).toBe('Ảnh buổi sinh hoạt');
    await updateAttachment(repo, 'X1', 2025, id, { removed: true });
    expect(await listAttachments(repo, 'X1', 2025)).toEqual([]);
    await expect(addAttachment(repo, { commune: 'X1', year: 2025, indicator: 'TC1.1', file: { ...f, sha256: 'abc' } })).rejects.toBeInstanceOf(ValidationError);
    await expect(addAttachment(repo, { commune: 'X1', year: 2025, indicator: 'TC1.1', file: { ...f, size: 6_000_000 } })).rejects.toBeInstanceOf(ValidationError);
    await expect(addAttachment(repo, { commune: 'X1', year: 2025, indicator: 'TC1.1', decision: 'd1', file: f })).rejects.toBeInstanceOf(ValidationError);
    expect(await repo.db.blobs.count()).toBe(1);
  });

  it('a phone out of room keeps nothing of the failed save and everything it had', async () => {
    const first = file('%PDF-1.4 first %%EOF');
    await addAttachment(repo, { commune: 'X1', year: 2025, indicator: 'TC1.1', file: first });
    const outboxBefore = await repo.db.outbox.count();
    for (const failure of [new DOMException('The quota has been exceeded.', 'QuotaExceededError'), new DOMException('Failed to write blobs (IOError)', 'DataError')]) {
      const put = vi.spyOn(repo.db.blobs, 'put').mockImplementationOnce(() => { throw failure; });
      const err = await addAttachment(repo, { commune: 'X1', year: 2025, indicator: 'TC2.1', file: file(`%PDF-1.4 ${failure.name} %%EOF`) }).catch((e: unknown) => e);
      put.mockRestore();
      expect(err).toBeInstanceOf(StorageFullError);
      expect((err as StorageFullError).code).toBe('storageFull');
    }
    expect(await repo.db.blobs.count()).toBe(1);
    expect(await repo.db.outbox.count()).toBe(outboxBefore);
    expect((await listAttachments(repo, 'X1', 2025)).map((r) => r.indicator)).toEqual(['TC1.1']);
  });

  it('tells a full phone from other errors, through Dexie wrappers', () => {
    expect(isStorageFull({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isStorageFull(new Error('UnknownError: Failed to write blobs'))).toBe(true);
    expect(isStorageFull(new Error('ConstraintError'))).toBe(false);
  });
});
