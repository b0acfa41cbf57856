// The writer thread of the SQLite store: its own connection, the batch write path and group
// commit (sqlite-writer.ts). The event loop that serves HTTP then never waits on a WAL sync.
// Answers each batch by its id after the commit; commits what is queued before it closes.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { SQLITE_PRAGMAS, createBatchWriter, createGroupCommit } from './sqlite-writer.ts';
import type { ApplyBatchInput } from './store.ts';

export type WriterMessage = { type: 'batch'; id: number; input: ApplyBatchInput } | { type: 'close' };

const port = parentPort!;
const db = new Database((workerData as { path: string }).path);
for (const p of SQLITE_PRAGMAS) db.pragma(p);
db.pragma('foreign_keys = ON');
const group = createGroupCommit<number>(createBatchWriter(db).applyGroup);
group.onDone((id, outcome) => port.postMessage({ id, outcome }));
port.on('message', (m: WriterMessage) => {
  if (m.type === 'batch') {
    group.add(m.input, m.id);
    return;
  }
  group.drain();
  db.close();
  port.close();
});
