// The data layer's only entry point: the app's default database and its repository functions.
// Everything else (ui, sync, dossier, bench) imports from here. First-load path: export/import
// and the demo data are lazy (dynamic import), never pulled in statically. The evidence files'
// modules (attachments.ts, backup.ts) are imported by the lazy evidence chunks themselves, over
// repo(), so the first load carries none of them.
import { DB_NAME, openDatabase, type XhtDb } from './db.ts';
import { createRepo, type Repo, type RepoOptions } from './repo.ts';

export type {
  AttachmentRow, BlobRow,
  AnswerRow, CommuneFiguresRow, CommuneRow, ConflictRow, DecisionRow, DossierRow, OutboxRow,
  VillageCountsRow, VillageRow, XhtDb,
} from './db.ts';
export type { MetaKey, PulledRefusal, QuarantineItem, RemoteResult, Repo, RepoOptions } from './repo.ts';
export type { ExportFile, ImportResult } from './transfer.ts';
export type { Refusal, VillageImportResult } from './village-import.ts';
export { ImportError, ValidationError, YearLockedError } from './errors.ts';
export { DB_VERSION } from './db.ts';
// The province's review (issue #14): its functions over a repository, and its rows.
// Reads are repository functions; the writes load with repo.review() (a lazy module).
export type { Review } from './review.ts';
export { MoveRefusedError } from './errors.ts';
export type { CouncilRow, ProvinceSettingsRow, RegisterRow, ReviewRow, StateChangeRow, SubmissionRow } from './db.ts';
export { createRepo, openDatabase, DB_NAME };
export { rowsByKeys } from './queries.ts';

// The evidence files' store and the zip backup, loaded on first call (never in the first load).
/** src/db/attachments.ts: the evidence files' bytes beside their metadata. */
export const evidenceStore = (): Promise<typeof import('./attachments.ts')> => import('./attachments.ts');
/** src/db/backup.ts: export/import as a zip with the evidence files. */
export const backupStore = (): Promise<typeof import('./backup.ts')> => import('./backup.ts');
export type { AttachmentPatch, NewAttachment } from './attachments.ts';
export type { Backup, BackupImportResult, HashFn } from './backup.ts';
/** A StorageFullError of the evidence store (the phone is full; nothing of that save kept). */
export const isStorageFullError = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === 'storageFull';

let current: Repo | null = null;

/** The repository in use (opened on first use). */
export function repo(): Repo {
  if (!current) current = createRepo(openDatabase(DB_NAME));
  return current;
}

/**
 * Switches the module-level functions to another database (tests, bench, a second profile).
 * Closes the previous one. Returns the new repository.
 */
export function useDatabase(name: string, options: RepoOptions = {}): Repo {
  current?.close();
  current = createRepo(openDatabase(name), options);
  return current;
}

// Thin wrappers so callers can `import { saveVillageCounts } from '../db/index.ts'` and still
// follow useDatabase().
type R = Repo;
export const getMeta = <T = unknown>(key: Parameters<R['getMeta']>[0]) => repo().getMeta<T>(key);
export const setMeta: R['setMeta'] = (...a) => repo().setMeta(...a);
export const deviceId: R['deviceId'] = () => repo().deviceId();
export const saveCommune: R['saveCommune'] = (...a) => repo().saveCommune(...a);
export const listCommunes: R['listCommunes'] = () => repo().listCommunes();
export const getCommune: R['getCommune'] = (...a) => repo().getCommune(...a);
export const saveVillage: R['saveVillage'] = (...a) => repo().saveVillage(...a);
export const addVillage: R['addVillage'] = (...a) => repo().addVillage(...a);
export const archiveVillage: R['archiveVillage'] = (...a) => repo().archiveVillage(...a);
export const listVillages: R['listVillages'] = (...a) => repo().listVillages(...a);
export const saveVillageCounts: R['saveVillageCounts'] = (...a) => repo().saveVillageCounts(...a);
export const getVillageCounts: R['getVillageCounts'] = (...a) => repo().getVillageCounts(...a);
export const saveCommuneFigures: R['saveCommuneFigures'] = (...a) => repo().saveCommuneFigures(...a);
export const getCommuneFigures: R['getCommuneFigures'] = (...a) => repo().getCommuneFigures(...a);
export const saveAnswer: R['saveAnswer'] = (...a) => repo().saveAnswer(...a);
export const getAnswers: R['getAnswers'] = (...a) => repo().getAnswers(...a);
export const saveDecision: R['saveDecision'] = (...a) => repo().saveDecision(...a);
export const archiveDecision: R['archiveDecision'] = (...a) => repo().archiveDecision(...a);
export const listDecisions: R['listDecisions'] = (...a) => repo().listDecisions(...a);
export const saveDossier: R['saveDossier'] = (...a) => repo().saveDossier(...a);
export const getDossier: R['getDossier'] = (...a) => repo().getDossier(...a);
export const lockYear: R['lockYear'] = (...a) => repo().lockYear(...a);
export const reopenYear: R['reopenYear'] = (...a) => repo().reopenYear(...a);
export const listYears: R['listYears'] = (...a) => repo().listYears(...a);
export const startYear: R['startYear'] = (...a) => repo().startYear(...a);
export const buildAssessInput: R['buildAssessInput'] = (...a) => repo().buildAssessInput(...a);
export const loadAssessInput: R['loadAssessInput'] = (...a) => repo().loadAssessInput(...a);
export const pendingCount: R['pendingCount'] = () => repo().pendingCount();
export const nextBatch: R['nextBatch'] = (...a) => repo().nextBatch(...a);
export const ackOps: R['ackOps'] = (...a) => repo().ackOps(...a);
export const quarantineOps: R['quarantineOps'] = (...a) => repo().quarantineOps(...a);
export const listQuarantined: R['listQuarantined'] = () => repo().listQuarantined();
export const listPulledRefused: R['listPulledRefused'] = () => repo().listPulledRefused();
export const requeueOps: R['requeueOps'] = (...a) => repo().requeueOps(...a);
export const applyRemoteOps: R['applyRemoteOps'] = (...a) => repo().applyRemoteOps(...a);
export const listConflicts: R['listConflicts'] = (...a) => repo().listConflicts(...a);
export const resolveConflict: R['resolveConflict'] = (...a) => repo().resolveConflict(...a);

export const exportAll: R['exportAll'] = () => repo().exportAll();
export const importAll: R['importAll'] = (...a) => repo().importAll(...a);
export const previewVillageImport: R['previewVillageImport'] = (...a) => repo().previewVillageImport(...a);
export const applyVillageImport: R['applyVillageImport'] = (...a) => repo().applyVillageImport(...a);
export const loadDemoCommune: R['loadDemoCommune'] = () => repo().loadDemoCommune();
