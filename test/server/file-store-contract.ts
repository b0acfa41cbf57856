// The contract every FileStore passes (server/files/file-store.ts): the disk store and the shared
// folder run it; an S3-compatible store would run the same cases. `make` gives a fresh,
// empty store and a way to reopen the same one (as a restarted server would).
import { describe, expect, it } from 'vitest';
import { FileStoreError, type FileStore } from '../../server/files/index.ts';
import { MAX_EVIDENCE_BYTES } from '../../src/domain/evidence/index.ts';
import { bytesOf, chunked, readAll, sha } from './file-store-bytes.ts';

export { bytesOf, chunked, readAll, sha };

export interface ContractStore {
  store: FileStore;
  reopen(): Promise<FileStore>;
  cleanup(): Promise<void>;
}

async function refusedWith(p: Promise<unknown>, code: string, status: number): Promise<void> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(FileStoreError);
  expect(e).toMatchObject({ code, status });
}

export function fileStoreContract(name: string, make: () => Promise<ContractStore>): void {
  describe(`FileStore contract: ${name}`, () => {
    const withStore = (fn: (c: ContractStore) => Promise<void>) => async () => {
      const c = await make();
      try { await fn(c); } finally { await c.store.close(); await c.cleanup(); }
    };
    const photo = bytesOf(300_000, 7);
    const h = sha(photo);

    it('put then has, size, get give back exactly the bytes; a new store sees them too', withStore(async (c) => {
      expect(await c.store.has(h)).toBe(false);
      expect(await c.store.size(h)).toBeNull();
      expect(await c.store.get(h)).toBeNull();
      expect(await c.store.put(h, chunked(photo))).toEqual({ created: true, size: photo.length });
      expect(await c.store.has(h)).toBe(true);
      expect(await c.store.size(h)).toBe(photo.length);
      const got = (await c.store.get(h))!;
      expect(got.size).toBe(photo.length);
      expect(sha(await readAll(got.stream))).toBe(h);
      const again = await c.reopen();
      expect(sha(await readAll((await again.get(h))!.stream))).toBe(h);
      await again.close();
    }));

    it('records who holds a file, once per owner, and each owner\'s total; a new store sees them too', withStore(async (c) => {
      const a = bytesOf(1000, 11);
      const b = bytesOf(2000, 12);
      await c.store.put(sha(a), a);
      await c.store.put(sha(b), b);
      expect(await c.store.owners(sha(a))).toEqual([]);
      expect(await c.store.usage('21085')).toBe(0);
      await c.store.claim(sha(a), '21085');
      await c.store.claim(sha(a), '21085');
      await c.store.claim(sha(b), '21085');
      await c.store.claim(sha(a), '21086');
      expect((await c.store.owners(sha(a))).sort()).toEqual(['21085', '21086']);
      expect(await c.store.owners(sha(b))).toEqual(['21085']);
      expect(await c.store.usage('21085')).toBe(3000);
      expect(await c.store.usage('21086')).toBe(1000);
      const again = await c.reopen();
      expect(await again.usage('21085')).toBe(3000);
      expect((await again.owners(sha(a))).sort()).toEqual(['21085', '21086']);
      await again.close();
      await expect(c.store.claim(sha(bytesOf(10, 13)), '21085')).rejects.toThrow();
      await expect(c.store.claim(sha(a), '../x')).rejects.toThrow();
    }));

    it('accepts a whole Uint8Array and a web ReadableStream as well as chunks', withStore(async (c) => {
      const a = bytesOf(1000, 1);
      const b = bytesOf(200_000, 2);
      expect((await c.store.put(sha(a), a)).created).toBe(true);
      const web = new ReadableStream<Uint8Array>({ start(ctl) { ctl.enqueue(b.subarray(0, 5000)); ctl.enqueue(b.subarray(5000)); ctl.close(); } });
      expect((await c.store.put(sha(b), web)).created).toBe(true);
      expect(await c.store.size(sha(b))).toBe(b.length);
    }));

    it('a body that does not hash to its name is refused (400) and nothing is kept', withStore(async (c) => {
      const other = bytesOf(300_000, 8);
      await refusedWith(c.store.put(h, chunked(other)), 'hash-mismatch', 400);
      expect(await c.store.has(h)).toBe(false);
      expect(await c.store.get(h)).toBeNull();
      // One changed byte is enough.
      const flipped = photo.slice();
      flipped[123_456]! ^= 1;
      await refusedWith(c.store.put(h, flipped), 'hash-mismatch', 400);
      expect(await c.store.has(h)).toBe(false);
    }));

    it('a wrong body under a hash already held is refused and the held file stays as it was', withStore(async (c) => {
      await c.store.put(h, photo);
      await refusedWith(c.store.put(h, bytesOf(10, 3)), 'hash-mismatch', 400);
      expect(sha(await readAll((await c.store.get(h))!.stream))).toBe(h);
    }));

    it('a repeat put is answered the same way (created: false) and changes nothing', withStore(async (c) => {
      expect(await c.store.put(h, photo)).toEqual({ created: true, size: photo.length });
      expect(await c.store.put(h, chunked(photo))).toEqual({ created: false, size: photo.length });
      expect(await c.store.put(h, photo)).toEqual({ created: false, size: photo.length });
      expect(await c.store.size(h)).toBe(photo.length);
    }));

    it('concurrent puts of one hash: all succeed, exactly one creates, the file is whole', withStore(async (c) => {
      const big = bytesOf(1_500_000, 11);
      const hb = sha(big);
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => c.store.put(hb, chunked(big, 16_384 + i * 1000))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results.every((r) => r.size === big.length)).toBe(true);
      expect(sha(await readAll((await c.store.get(hb))!.stream))).toBe(hb);
    }));

    it('concurrent puts where one body is wrong: that one is refused, the file is still right', withStore(async (c) => {
      const wrong = photo.slice();
      wrong[0]! ^= 0xff;
      const settled = await Promise.allSettled([c.store.put(h, chunked(photo)), c.store.put(h, chunked(wrong)), c.store.put(h, chunked(photo))]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(sha(await readAll((await c.store.get(h))!.stream))).toBe(h);
    }));

    it('a body over the cap is refused (413) as soon as it is over, and nothing is kept', withStore(async (c) => {
      const big = bytesOf(MAX_EVIDENCE_BYTES + 1, 5);
      let pulled = 0;
      async function* counting() { for await (const x of chunked(big, 100_000)) { pulled += x.length; yield x; } }
      await refusedWith(c.store.put(sha(big), counting(), { maxBytes: MAX_EVIDENCE_BYTES }), 'too-large', 413);
      expect(pulled).toBeLessThanOrEqual(MAX_EVIDENCE_BYTES + 100_000);
      expect(await c.store.has(sha(big))).toBe(false);
      const exact = big.subarray(0, MAX_EVIDENCE_BYTES);
      expect((await c.store.put(sha(exact), exact, { maxBytes: MAX_EVIDENCE_BYTES })).created).toBe(true);
    }));

    it('a body cut off midway (the client went away) is refused and leaves nothing; sent again whole, it is kept', withStore(async (c) => {
      async function* cutOff() {
        yield photo.subarray(0, 100_000);
        throw new Error('socket hang up');
      }
      await refusedWith(c.store.put(h, cutOff()), 'body-failed', 400);
      expect(await c.store.has(h)).toBe(false);
      expect((await c.store.put(h, chunked(photo))).created).toBe(true);
    }));

    it('with kinds given, only those kinds are kept (415 otherwise), told from the first bytes even when they come one at a time', withStore(async (c) => {
      const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...bytesOf(5000, 9)]);
      const pdf = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...bytesOf(5000, 10)]);
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...bytesOf(5000, 11)]);
      const kinds = ['jpeg', 'pdf'] as const;
      expect((await c.store.put(sha(jpeg), chunked(jpeg, 1), { kinds })).created).toBe(true);
      expect((await c.store.put(sha(pdf), chunked(pdf, 3), { kinds })).created).toBe(true);
      await refusedWith(c.store.put(sha(png), chunked(png, 2), { kinds }), 'wrong-kind', 415);
      expect(await c.store.has(sha(png))).toBe(false);
      const tiny = new Uint8Array([0xff, 0xd8]); // shorter than the sniff window: told at its end
      await refusedWith(c.store.put(sha(tiny), tiny, { kinds }), 'wrong-kind', 415);
      expect((await c.store.put(sha(png), png)).created).toBe(true); // no kinds: any bytes
    }));

    it('names that are not a SHA-256 are refused before anything is touched', withStore(async (c) => {
      for (const bad of ['../../etc/passwd', h.toUpperCase(), h.slice(1), `${h}0`, '', `${h.slice(0, 63)}/`]) {
        await refusedWith(c.store.put(bad, photo), 'bad-hash', 400);
        await expect(c.store.has(bad)).rejects.toMatchObject({ code: 'bad-hash' });
        await expect(c.store.get(bad)).rejects.toMatchObject({ code: 'bad-hash' });
      }
    }));

    it('delete removes a file once; get stops finding it', withStore(async (c) => {
      await c.store.put(h, photo);
      expect(await c.store.delete(h)).toBe(true);
      expect(await c.store.delete(h)).toBe(false);
      expect(await c.store.get(h)).toBeNull();
      expect((await c.store.put(h, photo)).created).toBe(true);
    }));

    it('an empty file is a file like any other', withStore(async (c) => {
      const empty = new Uint8Array(0);
      expect(await c.store.put(sha(empty), empty)).toEqual({ created: true, size: 0 });
      expect(await readAll((await c.store.get(sha(empty)))!.stream)).toEqual(new Uint8Array(0));
    }));
  });
}
