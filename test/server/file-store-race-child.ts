// Child process for test/server/shared-folder-file-store.test.ts: one server process's share of a
// race. Opens the shared-folder store at argv[2], waits for "go" on stdin, then puts the same files
// the other process puts (seeds 1…argv[3]), all at once, and prints what each put answered as JSON.
import { openSharedFolderFileStore } from '../../server/files/index.ts';
import { bytesOf, chunked, sha } from './file-store-bytes.ts';

const root = process.argv[2]!;
const count = Number(process.argv[3]);
const store = openSharedFolderFileStore(root);
const files = Array.from({ length: count }, (_, i) => bytesOf(200_000 + i * 10_000, i + 1));
process.stdout.write('ready\n');
process.stdin.once('data', async () => {
  const results = await Promise.all(files.map(async (b, i) => ({ hash: sha(b), ...(await store.put(sha(b), chunked(b, 8_192 + i * 512))) })));
  process.stdout.write(`${JSON.stringify(results)}\n`);
  process.exit(0);
});
