// The writer thread of the SQLite store: its own connection, the batch write path and group
// commit (sqlite-writer.ts). The event loop that serves HTTP then never waits on a WAL sync.
// Answers each batch by its id after the commit; commits what is queued before it closes.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { SQLITE_PRAGMAS, createBatchWriter, createGroupCommit, type GroupOutcome } from './sqlite-writer.ts';
import type { HashedBatch } from '../batch-apply.ts';

/**
 * Batches that arrived together go in one message (one structured clone, one wake-up), hashed
 * on the event loop already (their ops' JSON and content hashes made: hashBatch).
 */
export type WriterMessage = { type: 'batches'; items: { id: number; batch: HashedBatch }[] } | { type: 'close' };
/** The answers of one group commit, in one message. */
export type WriterAnswer = { id: number; outcome: GroupOutcome }[];

const port = parentPort!;
const db = new Database((workerData as { path: string }).path);
for (const p of SQLITE_PRAGMAS) db.pragma(p);
db.pragma('foreign_keys = ON');
const writer = createBatchWriter(db);
const group = createGroupCommit<number>(writer.applyGroup, writer.afterGroup);
let answers: WriterAnswer = [];
const answer = () => {
  if (!answers.length) return;
  const out = answers;
  answers = [];
  port.postMessage(out);
};
group.onDone((id, outcome) => {
  // A group's answers are handed out together, once its commit's loop of onDone is over.
  if (answers.length === 0) queueMicrotask(answer);
  answers.push({ id, outcome });
});
port.on('message', (m: WriterMessage) => {
  if (m.type === 'batches') {
    for (const { id, batch } of m.items) group.add(batch, id);
    return;
  }
  group.drain();
  answer(); // before the port closes: every committed batch is answered
  db.close();
  port.close();
});
