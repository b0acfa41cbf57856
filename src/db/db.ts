// The one Dexie database of the app and ALL its schema versions, oldest first.
// Owns table layout and migrations only; never writes an entity without its outbox op (see repo.ts).
// First-load path: keep it small.
import { Dexie, type Table } from 'dexie';
import type { Op } from '../domain/sync/op.ts';
import type { EntityState } from '../domain/sync/merge.ts';
import type { CommuneFigures, Evidence, VillageCounts } from '../domain/assess-types.ts';
import { RETIRED_ENTITIES } from '../domain/sync/op.ts';
import type { Outcome, Verdict } from '../domain/review/codes.ts';
import type { SubmissionSnapshot } from '../domain/review/snapshot.ts';
import type { StateChange } from '../domain/review/states.ts';
import type { AppraisalValue, CouncilMemberValue, OfficeValue, PaperRefValue } from '../domain/schemas/review.ts';
import { ENTITY, ENTITY_NAMES, type EntityName } from '../domain/entities/names.ts';
import { storeOf, tableOf } from './entities.ts';

/** Xã — one commune this device works on: its stable id (the key) and its code (Mã xã), a field. */
export interface CommuneRow {
  id: string;
  code: string;
  name: string;
  province?: string;
  recipient?: string;
  /** 'MM-DD', default '02-28' */
  dossierDeadline?: string;
  /** 'MM-DD', default '03-31' */
  decisionDeadline?: string;
}

/**
 * Thôn — a village; villages are not per year, so they carry over to a new year. `commune` and `id`
 * are its key (the commune it was first recorded in, its stable id); `code` (Mã thôn) and
 * `inCommune` (the commune it belongs to now) are fields.
 */
export interface VillageRow {
  commune: string;
  id: string;
  code: string;
  name: string;
  order: number;
  archived?: boolean;
  inCommune: string;
}

/** Số liệu thôn theo năm. `updatedAt` is local bookkeeping (ISO), never synced. */
export type VillageCountsRow = VillageCounts & { commune: string; year: number; village: string; updatedAt?: string };

/** Số liệu chung của xã theo năm. */
export type CommuneFiguresRow = CommuneFigures & { commune: string; year: number };

/** Câu trả lời một chỉ tiêu có/không. */
export interface AnswerRow {
  commune: string;
  year: number;
  indicator: string;
  met: boolean | null;
  note?: string;
  amount?: number;
  evidence: Evidence[];
}

/** Quyết định công nhận — an earlier recognition decision. */
export interface DecisionRow {
  commune: string;
  id: string;
  level: 1 | 2;
  decidedOn: string;
  number?: string;
  /** Removed as typed by mistake: left out of the history (liveDecisions). */
  archived?: boolean;
}

/** Hồ sơ năm — the year's dossier texts, signer, meeting and lock. */
export interface DossierRow {
  commune: string;
  year: number;
  signerName?: string;
  signerTitle?: string;
  meetingDate?: string;
  minutesRef?: string;
  locked?: boolean;
  lockReason?: string;
  reopenReasons?: { at: string; reason: string }[];
  /** The year this one was started from (startYear), if any. */
  startedFrom?: number | null;
  [field: string]: unknown;
}

/** Hồ sơ đã gửi — one version of a commune's dossier as sent (immutable). */
export interface SubmissionRow {
  commune: string;
  year: number;
  version: number;
  snapshot: SubmissionSnapshot;
  contentHash: string;
  sentAt: string;
  sentBy: string;
}

/** Chuyển trạng thái hồ sơ — one change of a dossier's state (immutable), under its commune and year. */
export interface StateChangeRow extends StateChange {
  commune: string;
  year: number;
}

/** Ý kiến thẩm định — the council's verdict on one indicator of one version. */
export interface ReviewRow {
  commune: string;
  year: number;
  version: number;
  indicator: string;
  verdict?: Verdict | null;
  comment?: string | null;
}

/** Hội đồng of a province's year (`province` is its id, keys.ts provinceId). */
export interface CouncilRow {
  province: string;
  year: number;
  members?: CouncilMemberValue[] | null;
  appraisal?: AppraisalValue | null;
  established?: PaperRefValue | null;
}

/** Sổ công nhận — the register's entry of a commune's year. */
export interface RegisterRow {
  commune: string;
  year: number;
  outcome?: Outcome | null;
  level?: 1 | 2 | null;
  number?: string | null;
  date?: string | null;
  signer?: string | null;
  validUntil?: string | null;
  reasons?: string | null;
  note?: string | null;
  minutes?: PaperRefValue | null;
  answer?: PaperRefValue | null;
}

/** Thiết lập của tỉnh for a year (`province` is its id). */
export interface ProvinceSettingsRow {
  province: string;
  year: number;
  place?: string | null;
  receiver?: OfficeValue | null;
  receiverAddress?: string | null;
  decider?: OfficeValue | null;
  dossierDeadline?: string | null;
  decisionDeadline?: string | null;
  guidanceLetter?: string | null;
  decisionBasis?: string | null;
  difficultAreas?: string[] | null;
}

/** One op waiting to be sent (or refused by the server and kept for a person to see). */
export interface OutboxRow {
  seq?: number;
  op: Op;
  state: 'pending' | 'quarantined';
  error?: string;
}

/** A field two devices wrote concurrently with different values; the loser is kept here. */
export interface ConflictRow {
  id?: number;
  entity: Op['entity'];
  key: string;
  field: string;
  localValue: unknown;
  localHlc: string;
  remoteValue: unknown;
  remoteHlc: string;
  /** ISO time the conflict was seen on this device. */
  at: string;
  /** Which side the merge kept. */
  winner?: 'local' | 'remote';
  winnerOpId?: string;
  loserOpId?: string;
  resolved?: boolean;
}

/** The merge state of one entity (per field, each device's latest write): the memory of LWW. */
export interface StampRow {
  entity: Op['entity'];
  key: string;
  state: EntityState;
}

/** An opId the server acknowledged, so a re-import of an old export does not queue it again. */
export interface AckedRow {
  opId: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** Tệp minh chứng — one evidence file's metadata (the entity `attachment`; bytes in `blobs`). */
export interface AttachmentRow {
  commune: string;
  year: number;
  id: string;
  indicator?: string;
  decision?: string;
  sha256: string;
  type: 'image/jpeg' | 'application/pdf';
  size: number;
  fileName?: string;
  caption?: string;
  number?: string;
  date?: string;
  issuer?: string;
  removed?: boolean;
}

/**
 * The bytes of one evidence file, by SHA-256: kept apart from every synced row and outbox op.
 * Stored as an ArrayBuffer, not a Blob: Chrome on Android has failed to write Blobs into IndexedDB
 * ("Failed to write blobs") far under quota, and a 300 KB photo costs nothing to hold as bytes.
 * `state`: 'pending' — made here, not yet on the server (the upload queue reads this index);
 * 'sent' — the server holds it; 'fetched' — another device's file fetched from the server.
 */
export interface BlobRow {
  sha256: string;
  bytes: ArrayBuffer;
  type: string;
  size: number;
  state: 'pending' | 'sent' | 'fetched';
  /** ISO time it was stored here. */
  at: string;
}

/** The small JPEG a list shows for a photo, by the photo's SHA-256 (never synced; made again from the photo). */
export interface ThumbRow {
  sha256: string;
  bytes: ArrayBuffer;
}

/** The database with its tables, typed. */
export type XhtDb = Dexie & {
  meta: Table<MetaRow, string>;
  communes: Table<CommuneRow, string>;
  communeIds?: Table<CommuneRow, string>;
  villageIds?: Table<VillageRow, [string, string]>;
  villages: Table<VillageRow, [string, string]>;
  villageCounts: Table<VillageCountsRow, [string, number, string]>;
  communeFigures: Table<CommuneFiguresRow, [string, number]>;
  answers: Table<AnswerRow, [string, number, string]>;
  decisions: Table<DecisionRow, [string, string]>;
  dossiers: Table<DossierRow, [string, number]>;
  attachments: Table<AttachmentRow, [string, number, string]>;
  blobs: Table<BlobRow, string>;
  thumbs: Table<ThumbRow, string>;
  submissions: Table<SubmissionRow, [string, number, number]>;
  stateChanges: Table<StateChangeRow, [string, number, number]>;
  reviews: Table<ReviewRow, [string, number, number, string]>;
  councils: Table<CouncilRow, [string, number]>;
  register: Table<RegisterRow, [string, number]>;
  provinceSettings: Table<ProvinceSettingsRow, [string, number]>;
  outbox: Table<OutboxRow, number>;
  conflicts: Table<ConflictRow, number>;
  stamps: Table<StampRow, [string, string]>;
  acked: Table<AckedRow, string>;
};

/** Default database name in the browser. */
export const DB_NAME = 'xa-hoc-tap';

/** Version 1 as first built (exported so the migration test can create a v1 database). */
export const V1_STORES = {
  meta: 'key',
  communes: 'code',
  villages: '[commune+code], commune',
  villageCounts: '[commune+year+village], [commune+year], commune',
  communeFigures: '[commune+year], commune',
  answers: '[commune+year+indicator], [commune+year]',
  outbox: '++seq, &op.opId',
};

/** What version 2 added or changed (exported so the migration test can create a v2 database). */
export const V2_CHANGES = {
  answers: '[commune+year+indicator], [commune+year], commune',
  outbox: '++seq, &op.opId, state',
  thresholds: 'commune',
  decisions: '[commune+id], commune',
  dossiers: '[commune+year], commune',
  conflicts: '++id, [entity+key]',
  stamps: '[entity+key]',
  acked: 'opId',
};

/** What version 6 added (issue #15, evidence files): the attachment entity's table, the bytes by hash, thumbnails. */
export const V6_CHANGES = {
  attachments: storeOf(ENTITY.attachment),
  blobs: 'sha256, state',
  thumbs: 'sha256',
};

/** Version 3 as built (issue #11): every table the registry declared then, codes as keys. */
export const V3_STORES = {
  meta: 'key',
  outbox: '++seq, &op.opId, state',
  conflicts: '++id, [entity+key]',
  stamps: '[entity+key]',
  acked: 'opId',
  communes: 'code',
  villages: '[commune+code], commune',
  villageCounts: '[commune+year+village], [commune+year], commune',
  communeFigures: '[commune+year], commune',
  answers: '[commune+year+indicator], [commune+year], commune',
  decisions: '[commune+id], commune',
  dossiers: '[commune+year], commune',
};

/** What version 5 changed (stable ids): communes and villages keyed by id, their codes indexed. */
export const V5_CHANGES = {
  communes: 'id, code',
  villages: '[commune+id], commune, inCommune',
};

/** The newest version (Dexie's verno once opened). */
export const DB_VERSION = 7;

/** The tables that are not entities: app metadata, the outbox, conflicts, merge stamps, acknowledged ops. */
export const BOOKKEEPING_STORES = {
  meta: 'key',
  outbox: '++seq, &op.opId, state',
  conflicts: '++id, [entity+key]',
  stamps: '[entity+key]',
  acked: 'opId',
  blobs: V6_CHANGES.blobs,
  thumbs: V6_CHANGES.thumbs,
} as const;

/**
 * Every table as this release declares it: one per registry entity (src/domain/entities: its table
 * and indexes) and the bookkeeping. The newest version declares these, so an entity added to the
 * registry gets its table (Dexie 4 adds missing tables and indexes without a version of their own);
 * changing a key or dropping a table still needs a version with its upgrade.
 */
export function currentStores(entities: readonly EntityName[] = ENTITY_NAMES): Record<string, string> {
  const out: Record<string, string> = { ...BOOKKEEPING_STORES };
  for (const e of entities) out[tableOf(e)] = storeOf(e);
  return out;
}

/** The entities whose tables version 6 declared (issue #15's attachments; issue #14's came with version 7). */
export const V6_ENTITIES: readonly EntityName[] = [
  ENTITY.commune, ENTITY.village, ENTITY.villageCounts, ENTITY.communeFigures, ENTITY.answer, ENTITY.decision, ENTITY.dossier, ENTITY.attachment,
];

/** Opens (and upgrades if needed) the database called `name`. */
export function openDatabase(name: string = DB_NAME): XhtDb {
  // No query cache. Entity writes and merges go through explicit transactions (repo.ts), where
  // Dexie 4's cache makes no optimistic update, yet on commit it re-runs each live query it
  // touched on top of the storage event that re-runs it too: two reads per write (the province's
  // list read and assessed twice per commune pulled). Without it a live query runs once per
  // write that changes what it read (test/e2e/review-list-once.spec.ts counts them); a lone meta
  // write (setMeta) shows once committed instead of optimistically, a moment later.
  const db = new Dexie(name, { cache: 'disabled' }) as XhtDb;

  // v1: communes, villages, per-year counts, figures and answers, the outbox, app metadata.
  // Answers kept evidence as one free text (issue 4: "evidence list as text for now"), villages
  // had no display order.
  db.version(1).stores(V1_STORES);

  // v2: evidence becomes a list {number, date, title} so the dossier can cite documents; villages
  // get an `order` (by name, as v1 listed them); new tables for province thresholds, decisions,
  // the year dossier (holds the lock), the conflict log, per-field HLC stamps (needed for LWW
  // merge) and acknowledged opIds (so importing an old export does not queue sent ops again).
  // The outbox gains a `state` index so quarantined ops no longer block the queue; answers a
  // `commune` index for listing years.
  db.version(2)
    .stores(V2_CHANGES)
    .upgrade(async (tx) => {
      await tx
        .table('answers')
        .toCollection()
        .modify((row: { evidence?: unknown }) => {
          row.evidence = evidenceFromV1(row.evidence);
        });
      const villages = (await tx.table('villages').toArray()) as VillageRow[];
      const byCommune = new Map<string, VillageRow[]>();
      for (const v of villages) byCommune.set(v.commune, [...(byCommune.get(v.commune) ?? []), v]);
      for (const list of byCommune.values()) {
        list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
        let i = 0;
        for (const v of list) {
          if (typeof v.order !== 'number') await tx.table('villages').update([v.commune, v.code], { order: i });
          i++;
        }
      }
      await tx
        .table('outbox')
        .toCollection()
        .modify((row: { state?: string }) => {
          if (row.state !== 'quarantined') row.state = 'pending';
        });
    });

  // v3 (issue #11, the circular as written): the province threshold table goes — TT25's thresholds
  // are the law's, nobody sets them. Its rows, merge stamps, conflicts and queued ops are dropped
  // quietly; every other row and op is kept untouched (village counts gain `trained` and
  // `university`, commune figures `difficultArea`: new optional fields, nothing to convert).
  db.version(3)
    .stores({ thresholds: null, ...V3_STORES })
    .upgrade(async (tx) => {
      await tx.table('outbox').filter((r: OutboxRow) => RETIRED_ENTITIES.has(r.op?.entity)).delete();
      await tx.table('stamps').filter((r: StampRow) => RETIRED_ENTITIES.has(r.entity)).delete();
      await tx.table('conflicts').filter((r: ConflictRow) => RETIRED_ENTITIES.has(r.entity)).delete();
    });

  // v4, v5 (issue #13, stable ids): communes and villages are keyed by a stable id, their code
  // (Mã xã, Mã thôn) becomes a field, and a village says which commune it belongs to now. Every
  // record keeps its code as its id, so no key, op, stamp or queued op changes: the rows are copied
  // as they are with `id` = `code` (and `inCommune` = the key's commune), through a table of their
  // own (IndexedDB cannot change a store's key path in place), and the mapping is kept in meta.
  db.version(4)
    .stores({ communes: null, villages: null, communeIds: V5_CHANGES.communes, villageIds: V5_CHANGES.villages })
    .upgrade(async (tx) => {
      const communes = (await tx.table('communes').toArray()) as { code: string }[];
      const villages = (await tx.table('villages').toArray()) as { commune: string; code: string }[];
      await tx.table('communeIds').bulkPut(communes.map((c) => ({ ...c, id: c.code })));
      await tx.table('villageIds').bulkPut(villages.map((v) => ({ ...v, id: v.code, inCommune: v.commune })));
      const mapping: StableIdMapping = {
        at: new Date().toISOString(),
        communes: communes.map((c) => ({ code: c.code, id: c.code })),
        villages: villages.map((v) => ({ commune: v.commune, code: v.code, id: v.code })),
      };
      await tx.table('meta').put({ key: 'stableIds', value: mapping });
    });
  db.version(5)
    .stores({ communeIds: null, villageIds: null, ...V3_STORES, ...V5_CHANGES })
    .upgrade(async (tx) => {
      await tx.table('communes').bulkPut(await tx.table('communeIds').toArray());
      await tx.table('villages').bulkPut(await tx.table('villageIds').toArray());
    });

  // v6 (issue #15): evidence files — the attachment entity's table, the files' bytes by SHA-256
  // (never inside an outbox op) and the photos' thumbnails. New tables only: nothing to convert.
  db.version(6).stores(currentStores(V6_ENTITIES));

  // v7 (issue #14, the province's review): tables for the dossiers as sent, their state changes,
  // the council's verdicts, the province's councils and settings, and the register. New tables
  // only: every row and op of v6 stays as it is.
  db.version(DB_VERSION).stores(currentStores());

  return db;
}

/** What the stable-id migration did, kept in meta `stableIds`: each record's code and the id it kept. */
export interface StableIdMapping {
  at: string;
  communes: { code: string; id: string }[];
  villages: { commune: string; code: string; id: string }[];
}

/** v1 evidence text → v2 list: one entry per non-empty line, the line as title. */
export function evidenceFromV1(value: unknown): Evidence[] {
  if (Array.isArray(value)) return value as Evidence[];
  if (typeof value !== 'string') return [];
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((title) => ({ title }));
}
