// Child process for test/server/file-store.test.ts: starts a put of a large file into the disk
// store at argv[2], says "writing" once part of it is on disk, then waits for the SIGKILL.
import { openDiskFileStore } from '../../server/files/index.ts';
import { bytesOf, sha } from './file-store-bytes.ts';

const root = process.argv[2]!;
const body = bytesOf(2_000_000, 42);
const store = openDiskFileStore(root);
async function* slow(): AsyncIterable<Uint8Array> {
  for (let i = 0; i < 8; i++) yield body.subarray(i * 100_000, (i + 1) * 100_000);
  process.stdout.write('writing\n');
  await new Promise(() => {}); // never ends: the parent kills this process here
}
void store.put(sha(body), slow());
