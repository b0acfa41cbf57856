// Xuất / Nhập dữ liệu: one JSON file with everything, incl. unsent ops, read back on any phone.
// Lazy module. Import merges through the same per-field LWW as sync and refuses a bad file whole;
// it never duplicates an op (opIds) and never copies the device token or identity. Values with no
// history go through the write path like a form's (entity + op), so they reach the server too.
import type { EntityName, JsonValue, Op } from '../domain/sync/op.ts';
import { RETIRED_ENTITIES } from '../domain/sync/op.ts';
import { ENTITY, ENTITY_NAMES } from '../domain/entities/index.ts';
import { HLC_RE, validateOp } from '../domain/sync/protocol.ts';
import { communeOfKey } from '../domain/keys.ts';
import type { EntityState } from '../domain/sync/merge.ts';
import type { ConflictRow, MetaRow, OutboxRow, StampRow } from './db.ts';
import { fieldsOfRow, keyOfRow, parseKey, rowOfAnyRelease, tableOf } from './entities.ts';
import { WRITE_TABLES } from './context.ts';
import { internalsOf, type Repo } from './repo.ts';
import { ImportError, ValidationError, checkCommuneFigures, checkVillageCounts, dataText, problemText } from './validate.ts';

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
  const { db } = internalsOf(repo).ctx;
  const deviceId = await repo.deviceId();
  return db.transaction('r', WRITE_TABLES, async () => {
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
      throw new ImportError(dataText('data.fileNotJson'));
    }
  }
  if (!isObj(data) || data.app !== EXPORT_APP) {
    throw new ImportError(dataText('data.fileNotOurs'));
  }
  if (typeof data.version !== 'number' || data.version > EXPORT_VERSION || data.version < 1) {
    throw new ImportError(dataText('data.fileNewer', { version: String(data.version) }));
  }
  const tables = data.tables;
  if (!isObj(tables)) throw new ImportError(dataText('data.fileNoTables'));
  const problems: string[] = [];
  const note = (p: string) => {
    if (problems.length < 20) problems.push(p);
  };
  const arr = (name: string): unknown[] => {
    const v = tables[name];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      note(dataText('data.tableNotList', { table: name }));
      return [];
    }
    return v;
  };
  const placeholder = { opId: '00000000-0000-4000-8000-000000000000', hlc: '000000000000000-000000-import' };
  for (const entity of ENTITY_LIST) {
    const name = tableOf(entity);
    // A file of a release before stable ids: its communes and villages are keyed by their codes.
    if (Array.isArray(tables[name])) tables[name] = (tables[name] as unknown[]).map((row) => (isObj(row) ? rowOfAnyRelease(entity, row) : row));
    arr(name).forEach((row, i) => {
      if (!isObj(row)) return note(dataText('data.rowNotRecord', { table: name, row: i + 1 }));
      const key = keyOfRow(entity, row);
      if (!parseKey(entity, key)) return note(dataText('data.rowBadKey', { table: name, row: i + 1, key }));
      const fields = fieldsOfRow(entity, row);
      if (Object.keys(fields).length) {
        for (const p of validateOp({ ...placeholder, entity, key, fields })) note(dataText('data.rowProblem', { table: name, row: i + 1, key, field: p.path.replace(/^op\.fields\./, ''), problem: problemText(p) }));
      }
      const cross = entity === ENTITY.villageCounts ? checkVillageCounts(row) : entity === ENTITY.communeFigures ? checkCommuneFigures(row) : null;
      for (const m of Object.values(cross ?? {})) note(dataText('data.rowProblem', { table: name, row: i + 1, key, problem: m }));
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
      return note(dataText('data.rowInvalid', { table: 'stamps', row: i + 1 }));
    }
    for (const [field, byNode] of Object.entries(s.state)) {
      if (!isObj(byNode)) return note(dataText('data.stampField', { table: 'stamps', row: i + 1, field }));
      for (const w of Object.values(byNode)) {
        if (!isObj(w) || typeof w.hlc !== 'string' || !HLC_RE.test(w.hlc) || typeof w.opId !== 'string' || !('value' in w)) {
          return note(dataText('data.stampOfField', { table: 'stamps', row: i + 1, field }));
        }
      }
    }
  });
  arr('outbox').forEach((r, i) => {
    if (!isObj(r) || (r.state !== 'pending' && r.state !== 'quarantined')) return note(dataText('data.outboxState', { row: i + 1 }));
    const ps = validateOp(r.op);
    if (ps.length) note(dataText('data.outboxProblem', { row: i + 1, path: ps[0]!.path, problem: problemText(ps[0]!) }));
  });
  arr('meta').forEach((m, i) => {
    if (!isObj(m) || typeof m.key !== 'string') note(dataText('data.rowInvalid', { table: 'meta', row: i + 1 }));
  });
  arr('conflicts').forEach((c, i) => {
    if (!isObj(c)) note(dataText('data.rowInvalid', { table: 'conflicts', row: i + 1 }));
  });
  if (problems.length) {
    throw new ImportError(dataText('data.fileRefused', { count: problems.length, first: problems[0]! }), problems);
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
  const { ctx, merge, write, outbox } = internalsOf(repo);
  const db = ctx.db;
  const t = data.tables;
  return ctx.rw(async () => {
    // 1. Entity values by their per-field history: the same LWW as a pull, so importing an older
    //    file never overwrites newer edits here, and importing twice changes nothing.
    const ops: Op[] = [];
    const stamped = new Set<string>();
    for (const s of t.stamps ?? []) {
      ops.push(...opsOfState(s.entity, s.key, s.state));
      for (const f of Object.keys(s.state)) stamped.add(`${s.entity}\u0000${s.key}\u0000${f}`);
    }
    for (const r of t.outbox ?? []) ops.push(r.op);
    let rowsChanged = await merge.mergeOps(ops);

    // 2. Values with no history (rows from before per-field stamps): they fill gaps only, never
    //    overwrite, as edits of this device (entity + op), so the server gets them as well.
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
        try {
          if (await write(entity, key, loose, { fillOnly: true })) rowsChanged++;
        } catch (e) {
          // With this device's values the row would break a rule (a count above its total):
          // the whole file is refused, as a bad file is, and nothing is written.
          if (!(e instanceof ValidationError)) throw e;
          throw new ImportError(dataText('data.fileMismatch', { table: name, key, reasons: Object.values(e.fields).join(' ') }));
        }
      }
    }

    // 3. Ops not yet acknowledged by the server: queued once here too.
    const queued = await outbox.queueImported(t.outbox ?? []);
    const opsAdded = queued.added;
    const opsKnown = queued.known;

    // 4. Preferences only where this device has none.
    for (const m of t.meta ?? []) {
      if (PORTABLE_META.has(m.key) && (await db.meta.get(m.key)) === undefined) await db.meta.put(m);
    }
    return { opsAdded, opsKnown, rowsChanged, communes: [...communes].sort() };
  });
}
