// The repository over one Dexie database, put together from its parts: the write path (write.ts:
// entity + merge state + ONE outbox op in ONE transaction), the merge store (merge-store.ts, for
// remote and imported ops), the outbox (outbox.ts), the reads (queries.ts) and the save functions
// (saves.ts). The app, the sync engine and the import use only what createRepo returns; none of
// them opens a transaction of its own.
import type { ExportFile, ImportResult } from './transfer.ts';
import type { Refusal, VillageImportResult } from './village-import.ts';
import type { AdoptResult, ServerCommune } from './rekey.ts';
import type { ImportPlan, VillageSheet } from '../import/index.ts';
import type { XhtDb } from './db.ts';
import type { AssessInput } from '../domain/assess-types.ts';
import type { Review } from './review.ts';
import { createContext, loadSaves, type MetaKey, type RepoContext, type RepoOptions } from './context.ts';
import { createMergeStore, type MergeStore } from './merge-store.ts';
import { createOutbox } from './outbox.ts';
import { createQueries } from './queries.ts';
import type { createSaves } from './saves.ts';
import { createWrite, type Write } from './write.ts';

export type { MetaKey, RepoOptions } from './context.ts';
export type { PulledRefusal, RemoteResult } from './merge-store.ts';
export type { QuarantineItem } from './outbox.ts';
export type { AdoptResult, ServerCommune } from './rekey.ts';

type Saves = ReturnType<typeof createSaves>;

/** What the modules of src/db (transfer, village import) use beyond the public functions. */
export interface RepoInternals {
  ctx: RepoContext;
  merge: MergeStore;
  write: Write;
  outbox: ReturnType<typeof createOutbox>;
}
// A symbol property rather than a WeakMap, so a copy of a repository with one function replaced
// (a test's failing save) still carries its parts.
const INTERNALS = Symbol('repo internals');

/** The parts of a repository, for the modules of src/db only. */
export function internalsOf(repo: Repo): RepoInternals {
  return repo[INTERNALS];
}

/** Builds the repository functions over `db`. The app uses the default instance via index.ts. */
export function createRepo(db: XhtDb, options: RepoOptions = {}) {
  const ctx = createContext(db, options);
  const merge = createMergeStore(ctx);
  const write = createWrite(ctx, merge);
  const outbox = createOutbox(ctx);
  const queries = createQueries(ctx);
  // The save functions: a lazy module (no first screen saves), made over this repository's parts
  // on the first save; each function below hands its call to them.
  let saves: Saves | null = null;
  const savesOf = async (): Promise<Saves> => (saves ??= (await loadSaves()).createSaves(ctx, write, queries));
  const save = <K extends keyof Saves>(k: K): Saves[K] =>
    ((...a: Parameters<Saves[K]>) => (saves ? (saves[k] as (...x: unknown[]) => unknown)(...a) : savesOf().then((s) => (s[k] as (...x: unknown[]) => unknown)(...a)))) as Saves[K];

  /** Runs several saves as ONE unit: all of them land or none (a loader, a burst of edits). */
  const batch = <T>(fn: () => Promise<T>): Promise<T> => ctx.rw(fn);

  /**
   * Reads `keys` of the device-local meta and writes the patch `fn` makes of them, in one
   * transaction (enrolment: the token, the server, the cursor reset when either changed).
   */
  async function updateMeta(keys: MetaKey[], fn: (current: Partial<Record<MetaKey, unknown>>) => Partial<Record<MetaKey, unknown>>): Promise<void> {
    await db.transaction('rw', ['meta'], async () => {
      const current: Partial<Record<MetaKey, unknown>> = {};
      for (const k of keys) current[k] = await ctx.getMeta(k);
      for (const [k, v] of Object.entries(fn(current))) await ctx.setMeta(k, v);
    });
  }

  let reviewWrites: Promise<Review> | undefined;
  const repo = {
    [INTERNALS]: { ctx, merge, write, outbox } as RepoInternals,
    /** The database, for reads (liveQuery, tests); writes go through the functions below. */
    db,
    close: () => db.close(),
    deviceId: ctx.deviceId, getMeta: ctx.getMeta, setMeta: ctx.setMeta, updateMeta, batch,
    ...queries,
    saveCommune: save('saveCommune'), saveVillage: save('saveVillage'), addVillage: save('addVillage'), archiveVillage: save('archiveVillage'),
    saveVillageCounts: save('saveVillageCounts'), saveCommuneFigures: save('saveCommuneFigures'), saveAnswer: save('saveAnswer'),
    saveDecision: save('saveDecision'), archiveDecision: save('archiveDecision'), saveDossier: save('saveDossier'), lockYear: save('lockYear'), reopenYear: save('reopenYear'),
    startYear: save('startYear'), loadAssessInput: save('loadAssessInput'), resolveConflict: save('resolveConflict'),
    pendingCount: outbox.pendingCount, nextBatch: outbox.nextBatch, ackOps: outbox.ackOps,
    quarantineOps: outbox.quarantineOps, listQuarantined: outbox.listQuarantined, requeueOps: outbox.requeueOps,
    applyRemoteOps: merge.applyRemoteOps, listPulledRefused: merge.listPulledRefused, retryPulledRefused: merge.retryPulledRefused,

    /** Xuất dữ liệu — everything incl. unsent ops, as one JSON-able object (lazy module). */
    async exportAll(): Promise<ExportFile> {
      return (await import('./transfer.ts')).exportAll(repo);
    },
    /** Nhập dữ liệu — merges a file from exportAll (any phone) without duplicating; bad file → ImportError. */
    async importAll(file: unknown): Promise<ImportResult> {
      return (await import('./transfer.ts')).importAll(repo, file);
    },
    /** Xem trước khi nhập bảng tính — the dry run of a read villages' sheet; writes nothing (lazy module). */
    async previewVillageImport(commune: string, year: number, sheet: VillageSheet, refusal?: Refusal): Promise<ImportPlan> {
      return (await import('./village-import.ts')).previewVillageImport(repo, commune, year, sheet, refusal);
    },
    /** Nhập bảng tính — writes a confirmed dry run through the save functions, all or nothing (lazy module). */
    async applyVillageImport(commune: string, year: number, sheet: VillageSheet, confirmed: ImportPlan, refusal?: Refusal): Promise<VillageImportResult> {
      return (await import('./village-import.ts')).applyVillageImport(repo, commune, year, sheet, confirmed, refusal);
    },
    /** The province's review's writes (sending, moves, verdicts, register, council, settings), loaded on first use. */
    async review(): Promise<Review> {
      return (reviewWrites ??= import('./review.ts').then((m) => m.createReview(repo, write)));
    },
    /**
     * Enrolment: makes the phone's commune the server's — a commune set up offline under its typed
     * code moves onto the server's id, or the enrolment is refused, changing nothing (lazy module).
     */
    async adoptServerCommune(target: ServerCommune): Promise<AdoptResult> {
      return (await import('./rekey.ts')).adoptServerCommune(ctx, target);
    },
    /**
     * After the phone's date was corrected backwards: re-stamps its own edits stamped too far ahead;
     * how many (clock-repair.ts, a lazy module: only the sync run asks, once per run).
     */
    async repairClock(): Promise<number> {
      return (await import('./clock-repair.ts')).createClockRepair(ctx, merge)();
    },
    /** The readiness engine's input for one commune and year, from what this device holds (lazy module). */
    async buildAssessInput(commune: string, year: number, asOf?: string): Promise<AssessInput> {
      return (await import('./assess-input.ts')).buildAssessInput(db, commune, year, asOf);
    },
    /** Dữ liệu mẫu — loads the demo commune through the save functions; idempotent. Returns its code. */
    async loadDemoCommune(): Promise<string> {
      return (await import('./demo.ts')).loadDemo(repo);
    },
  };
  return repo;
}

/** The repository type (what createRepo returns). */
export type Repo = ReturnType<typeof createRepo>;
