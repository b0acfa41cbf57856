// Starts the SQLite writer thread. A worker does not inherit the process's `--import tsx`, so the
// TypeScript loader is registered here, in the thread, before the worker module is loaded.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) (await import('tsx/esm/api')).register();
await import(workerData.entry);
