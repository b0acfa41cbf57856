// Xuất / Nhập dữ liệu: one JSON file with everything, incl. unsent ops, read back on any phone.
// Lazy module. Import merges through the same per-field LWW as sync and refuses a bad file whole;
// it never duplicates an op (opIds) and never copies the device token or identity.
import type { EntityName, JsonValue, Op } from '../domain/sync/op.ts';
import { RETIRED_ENTITIES } from '../domain/sync/op.ts';
import { ENTITY_NAMES } from '../domain/entities/index.ts';
import { HLC_RE, validateOp } from '../domain/sync/protocol.ts';
import { communeOfKey } from '../domain/keys.ts';
import type { EntityState } from '../domain/sync/merge.ts';
import type { ConflictRow, MetaRow, OutboxRow, StampRow } from './db.ts';
import { dexieKey, fieldsOfRow, freshRow, keyOfRow, parseKey, tableOf } from './entities.ts';
import type { Repo } from './repo.ts';
import { ImportError, checkCommuneFigures, checkVillageCounts } from './validate.ts';

/** Format marker and version of the export file. */
export const EXPORT_APP = 'xa-hoc-tap';
export const EXPORT_VERSION = 1;

/** The entity tables of the file, by entity name. */
const ENTITY_LIST = ENTITY_NAMES;

/** Meta keys that travel in a file: preferences only, never identity, token or cursor. */
const PORTABLE_META = new Set(['currentCommune', 'currentYear', 'lang']);

/** The export file. `tables` holds every table by its Dexie name. */
export interface ExportFile {
  app: typeof EXPORT_APP;
  version: number;
  schemaVersion: number;
  exportedAt: string;
  deviceId: string;
  tables: {
    communes: Record<string, unknown>[];
    villages: Record<string, unknown>[];
    villageCounts: Record<string, unknown>[];
    communeFigures: Record<string, unknown>[];
    answers: Record<string, unknown>[];
    decisions: Record<string, unknown>[];
    dossiers: Record<string, unknown>[];
    attachments?: Record<string, unknown>[];
    stamps: StampRow[];
    outbox: OutboxRow[];
    conflicts: ConflictRow[];
    meta: MetaRow[];
  };
}

export interface ImportResult {
  /** Ops added to this device's outbox (unsent elsewhere, to be sent once from here too). */
  opsAdded: number;
  /** Ops of the file this device already had (or had already sent). */
  opsKnown: number;
  /** Rows whose values changed. */
  rowsChanged: number;
  /** Communes present in the file. */
  communes: string[];
}

/** Everything this device holds, as one JSON-able object. */
export async function exportAll(repo: Repo): Promise<ExportFile> {
  const db = repo.db;
  const deviceId = await repo.deviceId();
  return db.transaction('r', repo.WRITE_TABLES, async () => {
    const t = (name: string) => db.table(name).toArray() as Promise<Record<string, unknown>[]>;
    return {
      app: EXPORT_APP,
      version: EXPORT_VERSION,
      schemaVersion: db.verno,
      exportedAt: new Date().toISOString(),
      deviceId,
      tables: {
        communes: await t('communes'),
        villages: await t('villages'),
        villageCounts: await t('villageCounts'),
        communeFigures: await t('communeFigures'),
        answers: await t('answers'),
        decisions: await t('decisions'),
        dossiers: await t('dossiers'),
        attachments: await t('attachments'),
        stamps: await db.stamps.toArray(),
        outbox: await db.outbox.orderBy('seq').toArray(),
        conflicts: await db.conflicts.toArray(),
        meta: (await db.meta.toArray()).filter((m) => PORTABLE_META.has(m.key)),
      },
    };
  });
}

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** Checks the whole file; throws ImportError (Vietnamese) listing what is wrong. */
export function checkExportFile(file: unknown): ExportFile {
  let data = file;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      throw new ImportError('Tệp không đọc được: nội dung không phải JSON hợp lệ.');
    }
  }
  if (!isObj(data) || data.app !== EXPORT_APP) {
    throw new ImportError('Tệp này không phải tệp "Xuất dữ liệu" của ứng dụng Xã Học Tập.');
  }
  if (typeof data.version !== 'number' || data.version > EXPORT_VERSION || data.version < 1) {
    throw new ImportError(`Tệp được tạo bởi phiên bản ứng dụng mới hơn (định dạng ${String(data.version)}). Hãy cập nhật ứng dụng rồi nhập lại.`);
  }
  const tables = data.tables;
  if (!isObj(tables)) throw new ImportError('Tệp hỏng: thiếu phần dữ liệu.');
  const problems: string[] = [];
  const note = (p: string) => {
    if (problems.length < 20) problems.push(p);
  };
  const arr = (name: string): unknown[] => {
    const v = tables[name];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      note(`Bảng ${name} không phải danh sách.`);
      return [];
    }
    return v;
  };
  const placeholder = { opId: '00000000-0000-4000-8000-000000000000', hlc: '000000000000000-000000-import' };
  for (const entity of ENTITY_LIST) {
    const name = tableOf(entity);
    arr(name).forEach((row, i) => {
      if (!isObj(row)) return note(`Bảng ${name}, dòng ${i + 1}: không phải một bản ghi.`);
      const key = keyOfRow(entity, row);
      if (!parseKey(entity, key)) return note(`Bảng ${name}, dòng ${i + 1}: khóa "${key}" không hợp lệ.`);
      const fields = fieldsOfRow(entity, row);
      if (Object.keys(fields).length) {
        for (const p of validateOp({ ...placeholder, entity, key, fields })) note(`Bảng ${name}, dòng ${i + 1} (${key}): ${p.path.replace(/^op\.fields\./, '')} — ${p.vi}`);
      }
      const cross = entity === 'villageCounts' ? checkVillageCounts(row) : entity === 'communeFigures' ? checkCommuneFigures(row) : null;
      for (const m of Object.values(cross ?? {})) note(`Bảng ${name}, dòng ${i + 1} (${key}): ${m}`);
    });
  }
  // A file of an older release may hold retired entities (province thresholds): dropped, not refused.
  const retired = (x: unknown) => isObj(x) && typeof x.entity === 'string' && RETIRED_ENTITIES.has(x.entity);
  tables.stamps = arr('stamps').filter((s) => !retired(s));
  tables.outbox = arr('outbox').filter((r) => !(isObj(r) && retired(r.op)));
  tables.conflicts = arr('conflicts').filter((c) => !retired(c));
  delete tables.thresholds;
  arr('stamps').forEach((s, i) => {
    if (!isObj(s) || typeof s.entity !== 'string' || !ENTITY_LIST.includes(s.entity as EntityName) || typeof s.key !== 'string' || !isObj(s.state)) {
      return note(`Bảng stamps, dòng ${i + 1}: không hợp lệ.`);
    }
    for (const [field, byNode] of Object.entries(s.state)) {
      if (!isObj(byNode)) return note(`Bảng stamps, dòng ${i + 1}: trường ${field} không hợp lệ.`);
      for (const w of Object.values(byNode)) {
        if (!isObj(w) || typeof w.hlc !== 'string' || !HLC_RE.test(w.hlc) || typeof w.opId !== 'string' || !('value' in w)) {
          return note(`Bảng stamps, dòng ${i + 1}: dấu thời gian của trường ${field} không hợp lệ.`);
        }
      }
    }
  });
  arr('outbox').forEach((r, i) => {
    if (!isObj(r) || (r.state !== 'pending' && r.state !== 'quarantined')) return note(`Hàng đợi gửi, dòng ${i + 1}: trạng thái không hợp lệ.`);
    const ps = validateOp(r.op);
    if (ps.length) note(`Hàng đợi gửi, dòng ${i + 1}: ${ps[0]!.path} — ${ps[0]!.vi}`);
  });
  arr('meta').forEach((m, i) => {
    if (!isObj(m) || typeof m.key !== 'string') note(`Bảng meta, dòng ${i + 1}: không hợp lệ.`);
  });
  arr('conflicts').forEach((c, i) => {
    if (!isObj(c)) note(`Bảng conflicts, dòng ${i + 1}: không hợp lệ.`);
  });
  if (problems.length) {
    throw new ImportError(`Tệp có ${problems.length >= 20 ? 'nhiều' : problems.length} chỗ sai nên không nhập gì cả: ${problems[0]}`, problems);
  }
  return data as unknown as ExportFile;
}

/** Writes of an imported merge state, as ops of one field each (same opId and stamp). */
function opsOfState(entity: EntityName, key: string, state: EntityState): Op[] {
  const out: Op[] = [];
  for (const [field, byNode] of Object.entries(state)) {
    for (const w of Object.values(byNode)) {
      const op: Op = { opId: w.opId, entity, key, fields: { [field]: w.value }, hlc: w.hlc };
      if (w.prev !== undefined) op.prev = { [field]: w.prev };
      out.push(op);
    }
  }
  return out;
}

/** Merges a file into this device in ONE transaction: all of it or nothing. */
export async function importAll(repo: Repo, file: unknown): Promise<ImportResult> {
  const data = checkExportFile(file);
  const db = repo.db;
  const t = data.tables;
  return repo.rw(async () => {
    // 1. Entity values by their per-field history: the same LWW as a pull, so importing an older
    //    file never overwrites newer edits here, and importing twice changes nothing.
    const ops: Op[] = [];
    const stamped = new Set<string>();
    for (const s of t.stamps ?? []) {
      ops.push(...opsOfState(s.entity, s.key, s.state));
      for (const f of Object.keys(s.state)) stamped.add(`${s.entity}\u0000${s.key}\u0000${f}`);
    }
    for (const r of t.outbox ?? []) ops.push(r.op);
    const rowsChanged = await repo.mergeOps(ops);

    // 2. Values with no history (rows from before per-field stamps): fill gaps only, never overwrite.
    const communes = new Set<string>();
    for (const entity of ENTITY_LIST) {
      const name = tableOf(entity);
      for (const row of ((t as Record<string, unknown>)[name] ?? []) as Record<string, unknown>[]) {
        const key = keyOfRow(entity, row);
        communes.add(communeOfKey(key));
        const loose: Record<string, JsonValue> = {};
        for (const [f, v] of Object.entries(fieldsOfRow(entity, row))) {
          if (!stamped.has(`${entity}\u0000${key}\u0000${f}`)) loose[f] = v;
        }
        if (!Object.keys(loose).length) continue;
        const table = db.table(name);
        const local = (await table.get(dexieKey(entity, key) as string)) as Record<string, unknown> | undefined;
        const localFields = fieldsOfRow(entity, local);
        const fill: Record<string, unknown> = {};
        for (const [f, v] of Object.entries(loose)) if (localFields[f] === undefined) fill[f] = v;
        if (Object.keys(fill).length) await table.put({ ...(local ?? freshRow(entity, key)), ...fill });
      }
    }

    // 3. Ops not yet acknowledged by the server: queue them once here too. The server applies an
    //    opId at most once, so two phones sending the same op is harmless.
    let opsAdded = 0;
    let opsKnown = 0;
    const outbox = [...(t.outbox ?? [])].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    for (const r of outbox) {
      const have = (await db.outbox.where('op.opId').equals(r.op.opId).count()) > 0 || (await db.acked.get(r.op.opId)) !== undefined;
      if (have) {
        opsKnown++;
        continue;
      }
      const row: OutboxRow = { op: r.op, state: r.state };
      if (r.error) row.error = r.error;
      await db.outbox.add(row);
      opsAdded++;
    }

    // 4. Preferences only where this device has none.
    for (const m of t.meta ?? []) {
      if (PORTABLE_META.has(m.key) && (await db.meta.get(m.key)) === undefined) await db.meta.put(m);
    }
    return { opsAdded, opsKnown, rowsChanged, communes: [...communes].sort() };
  });
}
