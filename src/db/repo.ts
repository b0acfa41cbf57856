// The repository over one Dexie database: every save writes the entity, its merge state and ONE
// outbox op in ONE rw transaction; remote ops merge through src/domain/sync/merge.ts.
// Never writes a row without its op, never stores a value the server would refuse.
import type { Table } from 'dexie';
import { MAX_DRIFT_MS, after, formatHlc, parseHlc, receive, tick, type Hlc } from '../domain/sync/hlc.ts';
import { conflictsOf, mergeWrite, winnerOf, type EntityState, type FieldWrite } from '../domain/sync/merge.ts';
import { RETIRED_ENTITIES, type EntityName, type JsonValue, type Op } from '../domain/sync/op.ts';
import { CODE_RE, MAX_YEAR, MIN_YEAR } from '../domain/sync/limits.ts';
import { newOpId } from '../domain/sync/op-id.ts';
import { answerKey, communeKey, countsKey, decisionKey, readKey, villageKey, yearKey, yearKeyOf } from '../domain/keys.ts';
import { LOCK_FIELDS, YEAR_LOCKED_ENTITIES } from '../domain/sync/year-lock.ts';
import type { Answer, AssessInput, CommuneFigures, Evidence, VillageCounts, VillageInput } from '../domain/assess-types.ts';
import type {
  AnswerRow, CommuneFiguresRow, CommuneRow, ConflictRow, DecisionRow, DossierRow, OutboxRow,
  VillageCountsRow, VillageRow, XhtDb,
} from './db.ts';
import { applyFieldsToRow, changedFields, dexieKey, fieldsOfRow, stampedAtOf, tableOf } from './entities.ts';
import { ValidationError, YearLockedError, isRealDate } from './errors.ts';

type Checks = typeof import('./validate.ts');
let checksLoading: Promise<Checks> | null = null;
/**
 * The shared valibot schemas, loaded on first need (they are ~12 KB gzip that first paint does not
 * use). Awaited before a transaction opens: an IndexedDB transaction must not wait on a fetch.
 */
export function loadChecks(): Promise<Checks> {
  return (checksLoading ??= import('./validate.ts').then((m) => (loadedChecks = m)));
}
/** Set once the checks have loaded, so code inside a transaction never has to await them. */
let loadedChecks: Checks | null = null;

/** Meta keys the app uses (device-local, never synced). */
export type MetaKey =
  | 'deviceId' | 'hlc' | 'currentCommune' | 'currentYear' | 'lang' | 'serverUrl' | 'token'
  | 'lastSyncAt' | 'lastReceipt' | 'persistAsked' | 'pullCursor' | 'role' | 'enrolledCommune'
  | (string & {});

export interface RepoOptions {
  /** Wall clock (ms); tests pass a wrong one to play a phone whose clock is off. */
  now?: () => number;
}

/** A refused op and why (Vietnamese), as the sync engine hands it to quarantineOps. */
export interface QuarantineItem {
  opId: string;
  error: string;
}

/** Tables every write transaction spans (one scope, so saves can nest inside loaders). */
export const WRITE_TABLES = [
  'meta', 'communes', 'villages', 'villageCounts', 'communeFigures', 'answers',
  'decisions', 'dossiers', 'attachments', 'outbox', 'conflicts', 'stamps', 'acked',
];


/** Builds the repository functions over `db`. The app uses the default instance via index.ts. */
export function createRepo(db: XhtDb, options: RepoOptions = {}) {
  const now = options.now ?? (() => Date.now());
  const tbl = (entity: EntityName) => db.table(tableOf(entity)) as Table<Record<string, unknown>, unknown>;
  // The checks are loaded before any write transaction opens, so nothing inside one (write()
  // nested in an outer rw) awaits a non-Dexie promise: that would let IndexedDB auto-commit.
  const rw = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (!loadedChecks) await loadChecks();
    return db.transaction('rw', WRITE_TABLES, fn);
  };

  // ---------------------------------------------------------------- meta and clock

  async function getMeta<T = unknown>(key: MetaKey): Promise<T | undefined> {
    return (await db.meta.get(key))?.value as T | undefined;
  }
  async function setMeta(key: MetaKey, value: unknown): Promise<void> {
    await db.meta.put({ key, value });
  }

  /** This device's id, made once (HLC node and sync deviceId). */
  async function deviceId(): Promise<string> {
    return db.transaction('rw', ['meta'], async () => {
      const have = await getMeta<string>('deviceId');
      if (have) return have;
      const id = crypto.randomUUID();
      await setMeta('deviceId', id);
      return id;
    });
  }

  /** Next local HLC stamp; advanced and stored in the caller's transaction. */
  async function nextStamp(): Promise<string> {
    const node = await deviceId();
    const last = await getMeta<string>('hlc');
    const h = tick(last ? parseHlc(last) : null, now(), node);
    const s = formatHlc(h);
    await setMeta('hlc', s);
    return s;
  }

  /** Moves the local clock past the newest of `stamps` (HLC receive), inside the caller's tx. */
  async function receiveStamps(stamps: string[]): Promise<void> {
    if (stamps.length === 0) return;
    const node = await deviceId();
    let newest: Hlc | null = null;
    for (const s of stamps) {
      const h = parseHlc(s);
      if (!newest || s > formatHlc(newest)) newest = h;
    }
    const lastS = await getMeta<string>('hlc');
    const next = receive(lastS ? parseHlc(lastS) : null, newest!, now(), node);
    const nextS = formatHlc(next);
    if (!lastS || nextS > lastS) await setMeta('hlc', nextS);
  }

  // ---------------------------------------------------------------- merge core

  async function loadState(entity: EntityName, key: string): Promise<EntityState | undefined> {
    return (await db.stamps.get([entity, key]))?.state;
  }

  /** Mirrors merge.ts's conflict set of one entity/key into the conflicts table. */
  async function syncConflicts(entity: EntityName, key: string, state: EntityState, me: string): Promise<void> {
    const current = conflictsOf(entity, key, state);
    const existing = await db.conflicts.where('[entity+key]').equals([entity, key]).toArray();
    const seen = new Set<number>();
    for (const c of current) {
      const winnerMine = parseHlc(c.winner.hlc).node === me;
      const loserMine = parseHlc(c.loser.hlc).node === me;
      // "local" is what this device holds or wrote; the other side is "remote".
      const localIsWinner = winnerMine || !loserMine;
      const local = localIsWinner ? c.winner : c.loser;
      const remote = localIsWinner ? c.loser : c.winner;
      const match = existing.find((r) => r.field === c.field && r.loserOpId === c.loser.opId && r.winnerOpId === c.winner.opId);
      if (match) {
        seen.add(match.id!);
        continue;
      }
      const id = await db.conflicts.add({
        entity, key, field: c.field,
        localValue: local.value, localHlc: local.hlc,
        remoteValue: remote.value, remoteHlc: remote.hlc,
        winner: localIsWinner ? 'local' : 'remote',
        winnerOpId: c.winner.opId, loserOpId: c.loser.opId,
        at: new Date(now()).toISOString(),
      });
      seen.add(id);
    }
    // A conflict no longer in the state was settled by a later informed edit (here or elsewhere).
    for (const r of existing) {
      if (!seen.has(r.id!) && !r.resolved) await db.conflicts.update(r.id!, { resolved: true });
    }
  }

  /** Applies one op (local or remote) to row + merge state; returns the changed fields. */
  async function mergeIntoRow(op: Op, me: string): Promise<string[]> {
    return mergeGroup(op.entity, op.key, [op], me);
  }

  /** Merges ops of ONE entity/key in memory, then writes row, state and conflicts once. */
  async function mergeGroup(entity: EntityName, key: string, ops: Op[], me: string): Promise<string[]> {
    const pk = dexieKey(entity, key);
    if (pk === null) throw new Error(`bad key ${entity} ${key}`);
    let state = await loadState(entity, key);
    const changed = new Set<string>();
    let newest = '';
    for (const op of ops) {
      const res = mergeWrite(state, op);
      state = res.state;
      for (const f of res.changed) changed.add(f);
      if (res.changed.length && op.hlc > newest) newest = op.hlc;
    }
    if (!state) return [];
    await db.stamps.put({ entity, key, state });
    if (changed.size) {
      const values: Record<string, JsonValue> = {};
      for (const f of changed) values[f] = winnerOf(state[f])!.value;
      const row = (await tbl(entity).get(pk)) as Record<string, unknown> | undefined;
      const next = applyFieldsToRow(entity, key, row, values);
      const stampedAt = stampedAtOf(entity);
      if (stampedAt) next[stampedAt] = new Date(parseHlc(newest).wall).toISOString();
      await tbl(entity).put(next);
    }
    await syncConflicts(entity, key, state, me);
    return [...changed];
  }

  /** Merges any ops (remote, imported) grouped by entity/key; returns how many rows changed. */
  async function mergeOps(ops: Op[]): Promise<number> {
    const me = await deviceId();
    const groups = new Map<string, Op[]>();
    for (const op of ops) {
      const id = `${op.entity}\u0000${op.key}`;
      const g = groups.get(id);
      if (g) g.push(op);
      else groups.set(id, [op]);
    }
    let rows = 0;
    for (const g of groups.values()) {
      const changed = await mergeGroup(g[0]!.entity, g[0]!.key, g, me);
      if (changed.length) rows++;
    }
    await receiveStamps(ops.map((o) => o.hlc));
    return rows;
  }

  /**
   * After the phone's date is corrected backwards. A clock more than MAX_DRIFT_MS ahead of the wall
   * clock can only come from this phone's own wrong date (received stamps are capped, and the
   * server refuses stamps that far ahead), so the edits stamped that far ahead, which the server
   * keeps refusing, are stamped again from the corrected clock, in their order, and queued again;
   * the clock restarts after the newest stamp it may keep. Returns how many ops were re-stamped.
   */
  async function repairClock(): Promise<number> {
    const lastS = await getMeta<string>('hlc');
    const t = now();
    const limit = t + MAX_DRIFT_MS;
    if (!lastS || parseHlc(lastS).wall <= limit) return 0;
    return rw(async () => {
      const me = await deviceId();
      let clock: Hlc = { wall: t, counter: 0, node: me };
      for (const row of await db.stamps.toArray()) {
        for (const writes of Object.values(row.state)) {
          for (const w of Object.values(writes)) {
            const h = parseHlc(w.hlc);
            if (h.wall <= limit && formatHlc(h) > formatHlc(clock)) clock = { ...h, node: me };
          }
        }
      }
      const far = (await db.outbox.orderBy('seq').toArray()).filter((r) => parseHlc(r.op.hlc).wall > limit);
      const renamed = new Map<string, string>();
      for (const row of far) {
        const old = row.op;
        clock = tick(clock, t, me);
        const hlc = formatHlc(clock);
        renamed.set(old.hlc, hlc);
        const op: Op = { ...old, opId: newOpId(clock.wall), hlc };
        if (old.prev) {
          op.prev = {};
          for (const [f, p] of Object.entries(old.prev)) op.prev[f] = renamed.get(p) ?? p;
        }
        // This device's write of each field, if it is still this op's, becomes the new op's.
        const state = await loadState(old.entity, old.key);
        if (state) {
          const values: Record<string, JsonValue> = {};
          for (const f of Object.keys(old.fields)) {
            const mine = state[f]?.[me];
            if (!mine || mine.opId !== old.opId) continue;
            const w: FieldWrite = { value: mine.value, hlc, opId: op.opId };
            if (op.prev?.[f] !== undefined) w.prev = op.prev[f];
            state[f]![me] = w;
            values[f] = winnerOf(state[f])!.value;
          }
          await db.stamps.put({ entity: old.entity, key: old.key, state });
          const pk = dexieKey(old.entity, old.key);
          if (pk !== null && Object.keys(values).length) {
            const current = (await tbl(old.entity).get(pk)) as Record<string, unknown> | undefined;
            await tbl(old.entity).put(applyFieldsToRow(old.entity, old.key, current, values));
          }
          await syncConflicts(old.entity, old.key, state, me);
        }
        await db.outbox.put({ seq: row.seq!, op, state: 'pending' });
      }
      await setMeta('hlc', formatHlc(clock));
      return far.length;
    });
  }

  // ---------------------------------------------------------------- local writes

  type WriteOptions = {
    /** Write these fields even when the value is unchanged (re-apply after a conflict). */
    force?: boolean;
  }

  /** Writes the changed fields of one entity + its outbox op; null when nothing changed. */
  async function write(entity: EntityName, key: string, patch: Record<string, JsonValue | undefined>, opts: WriteOptions = {}): Promise<Op | null> {
    const checks = loadedChecks ?? (await loadChecks());
    return rw(async () => {
      const pk = dexieKey(entity, key);
      if (pk === null) throw new ValidationError({ key: `Khóa "${key}" không hợp lệ.` });
      if (YEAR_LOCKED_ENTITIES.has(entity)) await assertUnlocked(key);
      const row = (await tbl(entity).get(pk)) as Record<string, unknown> | undefined;
      const current = fieldsOfRow(entity, row);
      let changes = changedFields(current, patch);
      if (opts.force) {
        changes = {};
        for (const [k, v] of Object.entries(patch)) if (v !== undefined) changes[k] = v;
      }
      if (Object.keys(changes).length === 0) return null;
      const nextRow = applyFieldsToRow(entity, key, row, changes);
      // The record rules the server applies to the merged values (src/domain/schemas/record-rules),
      // refusing only what this edit breaks: a merge of two devices may have left an old problem
      // that the person is fixing one field at a time.
      const had = row ? checks.recordProblems(entity, key, fieldsOfRow(entity, row)) : [];
      const has = checks.recordProblems(entity, key, fieldsOfRow(entity, nextRow));
      const fresh = checks.freshProblems(had, has, new Set(Object.keys(changes)));
      if (fresh.length) {
        const byField: Record<string, string> = {};
        for (const p of fresh) {
          const f = checks.problemField(p.path);
          byField[f] = byField[f] ? `${byField[f]} ${p.vi}` : p.vi;
        }
        throw new ValidationError(byField);
      }
      const me = await deviceId();
      const state = await loadState(entity, key);
      const prev: Record<string, string> = {};
      for (const f of Object.keys(changes)) {
        const w = winnerOf(state?.[f]);
        if (w) prev[f] = w.hlc;
      }
      let hlc = await nextStamp();
      // A value stamped by a phone whose clock runs far ahead (beyond MAX_DRIFT, which our clock
      // refuses to follow) would otherwise beat this edit: the person saw that value and replaces
      // it, so this op alone is stamped just after it. The device clock itself is not dragged.
      for (const w of Object.values(prev)) {
        if (w >= hlc) {
          hlc = formatHlc(after(parseHlc(w), me));
        }
      }
      const draft: Op = { opId: newOpId(parseHlc(hlc).wall), entity, key, fields: changes, hlc };
      if (Object.keys(prev).length) draft.prev = prev;
      // The same check and parse as the server's: what is stored and sent is the parsed op (NFC text).
      const parsed = checks.parseOp(draft);
      if (!parsed.ok) throw new ValidationError(problemsToFields(parsed.problems));
      const op = parsed.op;
      await mergeIntoRow(op, me);
      await db.outbox.add({ op, state: 'pending' });
      return op;
    });
  }

  function problemsToFields(problems: { path: string; vi: string }[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of problems) {
      const m = /^(?:op\.)?fields\.([^.[]+)/.exec(p.path);
      const field = m ? m[1]! : p.path.replace(/^op\./, '');
      out[field] = out[field] ? `${out[field]} ${p.vi}` : p.vi;
    }
    return out;
  }

  async function assertUnlocked(key: string): Promise<void> {
    const yk = yearKeyOf(key);
    const at = yk ? readKey('year', yk) : null;
    if (!at) return;
    const d = await db.dossiers.get([at.commune, at.year!]);
    if (d?.locked) throw new YearLockedError(at.year!);
  }

  function checkYear(year: number): void {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      throw new ValidationError({ year: `Năm đánh giá phải là số nguyên từ ${MIN_YEAR} đến ${MAX_YEAR}.` });
    }
  }
  function checkCode(field: string, label: string, code: unknown): void {
    if (typeof code !== 'string' || !CODE_RE.test(code)) {
      throw new ValidationError({ [field]: `${label} chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới (tối đa 32 ký tự).` });
    }
  }

  // ---------------------------------------------------------------- communes and villages

  /** Lưu xã. */
  async function saveCommune(row: CommuneRow): Promise<void> {
    checkCode('code', 'Mã xã', row.code);
    if (typeof row.name !== 'string' || row.name.trim() === '') throw new ValidationError({ name: 'Tên xã không được để trống.' });
    const { code, ...fields } = row;
    await write('commune', communeKey(code), fields as Record<string, JsonValue | undefined>);
  }
  async function listCommunes(): Promise<CommuneRow[]> {
    return db.communes.orderBy('code').toArray();
  }
  async function getCommune(code: string): Promise<CommuneRow | undefined> {
    return db.communes.get(code);
  }

  /** Lưu thôn; `order` defaults to the end of the list. */
  async function saveVillage(commune: string, v: { code: string; name: string; order?: number; archived?: boolean }): Promise<void> {
    checkCode('code', 'Mã thôn', v.code);
    if (typeof v.name !== 'string' || v.name.trim() === '') throw new ValidationError({ name: 'Tên thôn không được để trống.' });
    await rw(async () => {
      const existing = await db.villages.get([commune, v.code]);
      const order = v.order ?? existing?.order ?? (await db.villages.where('commune').equals(commune).count());
      const patch: Record<string, JsonValue | undefined> = { name: v.name, order };
      if (v.archived !== undefined) patch.archived = v.archived;
      await write('village', villageKey(commune, v.code), patch);
    });
  }
  async function archiveVillage(commune: string, code: string, archived = true): Promise<void> {
    await write('village', villageKey(commune, code), { archived });
  }
  /** Villages in display order; archived ones only when asked. */
  async function listVillages(commune: string, opts: { includeArchived?: boolean } = {}): Promise<VillageRow[]> {
    const all = await db.villages.where('commune').equals(commune).toArray();
    return all
      .filter((v) => opts.includeArchived || !v.archived)
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.code.localeCompare(b.code));
  }

  // ---------------------------------------------------------------- yearly data

  /** Lưu số liệu thôn (only the given fields; null clears one). */
  async function saveVillageCounts(commune: string, year: number, village: string, fields: Partial<VillageCounts>): Promise<void> {
    checkYear(year);
    await write('villageCounts', countsKey(commune, year, village), fields as Record<string, JsonValue | undefined>);
  }
  async function getVillageCounts(commune: string, year: number): Promise<VillageCountsRow[]> {
    return db.villageCounts.where('[commune+year]').equals([commune, year]).toArray();
  }

  /** Lưu số liệu chung của xã. */
  async function saveCommuneFigures(commune: string, year: number, fields: Partial<CommuneFigures>): Promise<void> {
    checkYear(year);
    await write('communeFigures', yearKey(commune, year), fields as Record<string, JsonValue | undefined>);
  }
  async function getCommuneFigures(commune: string, year: number): Promise<CommuneFiguresRow | undefined> {
    return db.communeFigures.get([commune, year]);
  }

  /** Lưu câu trả lời chỉ tiêu. */
  async function saveAnswer(commune: string, year: number, indicatorId: string, fields: Partial<Answer>): Promise<void> {
    checkYear(year);
    const patch = { ...fields } as Record<string, JsonValue | undefined>;
    if (Array.isArray(fields.evidence)) patch.evidence = cleanEvidence(fields.evidence) as JsonValue;
    await write('answer', answerKey(commune, year, indicatorId), patch);
  }
  async function getAnswers(commune: string, year: number): Promise<AnswerRow[]> {
    return db.answers.where('[commune+year]').equals([commune, year]).toArray();
  }

  /** Lưu quyết định công nhận; the id defaults to `${decidedOn}_${level}` so re-entry does not duplicate. */
  async function saveDecision(commune: string, d: { id?: string; level: 1 | 2; decidedOn: string; number?: string; archived?: boolean }): Promise<string> {
    if (d.level !== 1 && d.level !== 2) throw new ValidationError({ level: 'Mức độ chỉ là 1 hoặc 2.' });
    if (!isRealDate(d.decidedOn)) throw new ValidationError({ decidedOn: 'Ngày quyết định không đúng (cần dạng năm-tháng-ngày).' });
    const id = d.id ?? `${d.decidedOn}_${d.level}`;
    checkCode('id', 'Mã quyết định', id);
    const patch: Record<string, JsonValue | undefined> = { level: d.level, decidedOn: d.decidedOn, number: d.number };
    if (d.archived !== undefined) patch.archived = d.archived;
    await write('decision', decisionKey(commune, id), patch);
    return id;
  }
  async function listDecisions(commune: string): Promise<DecisionRow[]> {
    const all = await db.decisions.where('commune').equals(commune).toArray();
    return all.filter((d) => !(d as { archived?: boolean }).archived).sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
  }

  // ---------------------------------------------------------------- dossier, lock, years


  /** Lưu hồ sơ năm (free texts, signer, meeting); refused while the year is locked. */
  async function saveDossier(commune: string, year: number, fields: Record<string, string | number | boolean | null | undefined>): Promise<void> {
    checkYear(year);
    for (const k of Object.keys(fields)) {
      if (LOCK_FIELDS.has(k)) throw new ValidationError({ [k]: 'Dùng "Khóa hồ sơ" / "Mở lại" để đổi trạng thái khóa.' });
    }
    await rw(async () => {
      const d = await db.dossiers.get([commune, year]);
      if (d?.locked) throw new YearLockedError(year);
      await write('dossier', yearKey(commune, year), fields as Record<string, JsonValue | undefined>);
    });
  }
  async function getDossier(commune: string, year: number): Promise<DossierRow | undefined> {
    return db.dossiers.get([commune, year]);
  }

  /** Khóa hồ sơ năm after the council meeting: counts, figures and answers become read-only. */
  async function lockYear(commune: string, year: number, m: { meetingDate: string; minutesRef: string; reason?: string }): Promise<void> {
    checkYear(year);
    if (!isRealDate(m.meetingDate)) throw new ValidationError({ meetingDate: 'Ngày họp không đúng (cần dạng năm-tháng-ngày).' });
    if (typeof m.minutesRef !== 'string' || m.minutesRef.trim() === '') throw new ValidationError({ minutesRef: 'Cần ghi số biên bản họp.' });
    await write('dossier', yearKey(commune, year), {
      locked: true, meetingDate: m.meetingDate, minutesRef: m.minutesRef,
      lockReason: m.reason ?? null, lockedAt: new Date(now()).toISOString(),
    });
  }

  /** Mở lại năm đã khóa, with the reason kept in the dossier's history. */
  async function reopenYear(commune: string, year: number, reason: string): Promise<void> {
    checkYear(year);
    if (typeof reason !== 'string' || reason.trim() === '') throw new ValidationError({ reason: 'Cần ghi lý do mở lại.' });
    await rw(async () => {
      const d = await db.dossiers.get([commune, year]);
      const reasons = [...(d?.reopenReasons ?? []), { at: new Date(now()).toISOString(), reason: reason.trim() }];
      await write('dossier', yearKey(commune, year), { locked: false, reopenReasons: JSON.stringify(reasons) });
    });
  }

  /** The assessment years this commune has any data or a started dossier for, ascending. */
  async function listYears(commune: string): Promise<number[]> {
    const years = new Set<number>();
    const collect = (rows: { year: number }[]) => rows.forEach((r) => years.add(r.year));
    collect(await db.villageCounts.where('commune').equals(commune).toArray());
    collect(await db.communeFigures.where('commune').equals(commune).toArray());
    collect(await db.dossiers.where('commune').equals(commune).toArray());
    collect(await db.answers.where('commune').equals(commune).toArray());
    return [...years].sort((a, b) => a - b);
  }

  /** Bắt đầu năm mới: villages carry over (they are not per year), counts start empty. */
  async function startYear(commune: string, year: number, fromYear?: number): Promise<void> {
    checkYear(year);
    await rw(async () => {
      const years = await listYears(commune);
      const from = fromYear ?? [...years].reverse().find((y) => y < year);
      const patch: Record<string, JsonValue> = { started: true };
      if (from !== undefined) patch.startedFrom = from;
      const d = await db.dossiers.get([commune, year]);
      if (d?.started) return;
      await write('dossier', yearKey(commune, year), patch);
    });
  }

  // ---------------------------------------------------------------- engine input

  /** The readiness engine's input for one commune and year, from what this device holds. */
  async function buildAssessInput(commune: string, year: number, asOf?: string): Promise<AssessInput> {
    return db.transaction('r', ['communes', 'villages', 'villageCounts', 'communeFigures', 'answers', 'decisions'], async () => {
      const c = await db.communes.get(commune);
      const villages = await listVillages(commune, { includeArchived: true });
      const counts = new Map((await getVillageCounts(commune, year)).map((r) => [r.village, r]));
      const vs: VillageInput[] = [];
      for (const v of villages) {
        const r = counts.get(v.code);
        if (v.archived && !r) continue; // archived villages count only for years they have data
        const vi: VillageInput = { code: v.code, name: v.name };
        if (r) for (const f of COUNT_KEYS) if (r[f] !== undefined && r[f] !== null) (vi as unknown as Record<string, unknown>)[f] = r[f];
        vs.push(vi);
      }
      const input: AssessInput = {
        catalog: 'tt25-2023',
        year,
        commune: { code: commune, name: c?.name ?? commune, ...(c?.province ? { province: c.province } : {}) },
        villages: vs,
      };
      if (asOf) input.asOf = asOf;
      const fig = await getCommuneFigures(commune, year);
      if (fig) {
        const f: Record<string, unknown> = {};
        for (const k of FIGURE_KEYS) if (fig[k] !== undefined && fig[k] !== null) f[k] = fig[k];
        if (Object.keys(f).length) input.figures = f as CommuneFigures;
      }
      const answers = await getAnswers(commune, year);
      if (answers.length) {
        input.answers = {};
        for (const a of answers) {
          const ans: Answer = { met: a.met ?? null };
          // The readiness input cites number, date, issuer and title (a stored note stays on the row).
          const evidence = (a.evidence ?? []).map(inputEvidence).filter((e) => Object.keys(e).length > 0);
          if (evidence.length) ans.evidence = evidence;
          if (typeof a.amount === 'number') ans.amount = a.amount;
          if (a.note) ans.note = a.note;
          input.answers[a.indicator] = ans;
        }
      }
      const decisions = await listDecisions(commune);
      if (decisions.length) input.history = decisions.map((d) => ({ level: d.level, decidedOn: d.decidedOn }));
      return input;
    });
  }

  /** Stores an engine input (a sample or demo commune) through the save functions; idempotent. */
  async function loadAssessInput(input: AssessInput): Promise<string> {
    const code = input.commune.code;
    await rw(async () => {
      await saveCommune({ code, name: input.commune.name, ...(input.commune.province ? { province: input.commune.province } : {}) });
      let i = await db.villages.where('commune').equals(code).count();
      for (const v of input.villages) {
        const have = await db.villages.get([code, v.code]);
        // Known villages keep their name and order unless the input names them.
        await saveVillage(code, { code: v.code, name: v.name ?? have?.name ?? v.code, order: have?.order ?? i++ });
        const counts: Record<string, unknown> = {};
        for (const f of COUNT_KEYS) if (v[f] !== undefined) counts[f] = v[f];
        if (Object.keys(counts).length) await saveVillageCounts(code, input.year, v.code, counts as VillageCounts);
      }
      if (input.figures) await saveCommuneFigures(code, input.year, input.figures);
      for (const [id, a] of Object.entries(input.answers ?? {})) await saveAnswer(code, input.year, id, a);
      for (const d of input.history ?? []) await saveDecision(code, d);
    });
    return code;
  }

  // ---------------------------------------------------------------- outbox for sync

  /** Chờ đồng bộ — ops not yet acknowledged by the server (quarantined ones excluded). */
  async function pendingCount(): Promise<number> {
    // All rows minus the (few) quarantined ones: counting the whole store is several times faster
    // in Chromium than counting 10 000 equal entries of the `state` index, and the sync engine
    // asks after every acknowledged batch. One read transaction, so both counts see one state.
    return db.transaction('r', ['outbox'], async () => {
      const [all, quarantined] = await Promise.all([db.outbox.count(), db.outbox.where('state').equals('quarantined').count()]);
      return all - quarantined;
    });
  }

  /** The oldest pending ops, in order, within the caps (always at least one op if any). */
  async function nextBatch(maxOps: number, maxBytes: number): Promise<Op[]> {
    // The `state` index holds equal keys in primary-key order, so this is the oldest pending ops
    // in seq order, read in one getAll (a filtered cursor costs one round trip per row).
    const rows = await db.outbox.where('state').equals('pending').limit(maxOps).toArray();
    const out: Op[] = [];
    const enc = new TextEncoder();
    let bytes = 200; // the envelope: deviceId, batchId, brackets
    for (const row of rows) {
      const size = enc.encode(JSON.stringify(row.op)).length + 1;
      if (out.length > 0 && bytes + size > maxBytes) break;
      bytes += size;
      out.push(row.op);
    }
    return out;
  }

  /** Removes acknowledged ops from the outbox and remembers their ids. */
  async function ackOps(opIds: string[]): Promise<void> {
    if (opIds.length === 0) return;
    await db.transaction('rw', ['outbox', 'acked'], async () => {
      // An acknowledged batch is nearly always the head of the queue (nextBatch's ops): one
      // ordered read of that head finds their seqs. Looking each opId up in the `op.opId` index
      // (anyOf) walks a cursor with one round trip per op, most of a batch's client time.
      const want = new Set(opIds);
      const seqs: number[] = [];
      const head = await db.outbox.where('state').equals('pending').limit(opIds.length).toArray();
      for (const row of head) {
        if (want.delete(row.op.opId)) seqs.push(row.seq!);
      }
      // The rest (acknowledged out of order, or quarantined meanwhile): the index, as before.
      if (want.size) seqs.push(...(await db.outbox.where('op.opId').anyOf([...want]).primaryKeys()));
      await deleteSeqs(seqs);
      await db.acked.bulkPut(opIds.map((opId) => ({ opId })));
    });
  }

  /**
   * Deletes outbox rows by seq. A run of consecutive seqs goes as one key-range delete (one
   * request instead of one per row): seqs come from the store's key generator and are unique,
   * so no other row can lie inside a run whose every seq is in the list.
   */
  async function deleteSeqs(seqs: number[]): Promise<void> {
    const sorted = [...new Set(seqs)].sort((a, b) => a - b);
    const single: number[] = [];
    const ranges: Promise<unknown>[] = [];
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
      if (j > i) ranges.push(db.outbox.where(':id').between(sorted[i]!, sorted[j]!, true, true).delete());
      else single.push(sorted[i]!);
      i = j + 1;
    }
    await Promise.all([...ranges, single.length ? db.outbox.bulkDelete(single) : null]);
  }

  /** Sets refused ops aside with their reason, so they no longer block the queue. */
  async function quarantineOps(list: QuarantineItem[]): Promise<void> {
    await db.transaction('rw', ['outbox'], async () => {
      for (const q of list) await db.outbox.where('op.opId').equals(q.opId).modify({ state: 'quarantined', error: q.error });
    });
  }
  async function listQuarantined(): Promise<OutboxRow[]> {
    return db.outbox.where('state').equals('quarantined').sortBy('seq');
  }
  /** Puts quarantined ops back in the queue (after the cause was fixed, e.g. on the server). */
  async function requeueOps(opIds: string[]): Promise<void> {
    await db.outbox.where('op.opId').anyOf(opIds).modify((r: OutboxRow) => {
      r.state = 'pending';
      delete r.error;
    });
  }

  /**
   * Merges ops pulled from the server (any order, duplicates fine) and advances the clock. An op
   * that fails the same checks the server makes is set aside with its reason (quarantine, in meta
   * `pulledRefused`) and never merged: one bad op must not stop the pull of everything after it.
   * Ops of a retired entity are skipped without a word (`retired`).
   */
  async function applyRemoteOps(ops: Op[]): Promise<{ applied: number; skipped: number; retired: number }> {
    const good: Op[] = [];
    const refused: PulledRefusal[] = [];
    let retired = 0;
    const { parseOp } = loadedChecks ?? (await loadChecks());
    const at = new Date(now()).toISOString();
    for (const raw of ops as unknown[]) {
      // An entity this release retired (province thresholds, issue #11) stored by an older one:
      // dropped quietly, never listed as a refusal — nothing is wrong with the person's data.
      const entity = (raw as { entity?: unknown } | null)?.entity;
      if (typeof entity === 'string' && RETIRED_ENTITIES.has(entity)) {
        retired++;
        continue;
      }
      const seq = typeof (raw as { seq?: unknown } | null)?.seq === 'number' ? (raw as { seq: number }).seq : null;
      const r = parseOp(raw && typeof raw === 'object' ? stripSeq(raw) : raw);
      const problems = !r.ok
        ? r.problems
        : dexieKey(r.op.entity, r.op.key) === null ? [{ path: 'key', vi: `Khóa "${r.op.key}" không hợp lệ`, en: `Key "${r.op.key}" is not valid` }] : [];
      if (r.ok && problems.length === 0) good.push(r.op);
      else {
        refused.push({
          seq,
          opId: typeof (raw as { opId?: unknown } | null)?.opId === 'string' ? (raw as { opId: string }).opId : null,
          error: problems.map((p) => `${p.path}: ${p.vi}`).join('; '),
          reasons: problems.map((p) => ({ vi: p.vi, en: p.en })),
          at,
          op: safeCopy(raw),
        });
      }
    }
    await rw(async () => {
      if (refused.length) {
        const kept = (await getMeta<PulledRefusal[]>('pulledRefused')) ?? [];
        await setMeta('pulledRefused', [...kept, ...refused].slice(-MAX_PULLED_REFUSED));
      }
      await mergeOps(good);
    });
    return { applied: good.length, skipped: refused.length, retired };
  }

  /** Ops pulled from the server that failed the checks, oldest first (at most 200 are kept). */
  async function listPulledRefused(): Promise<PulledRefusal[]> {
    return (await getMeta<PulledRefusal[]>('pulledRefused')) ?? [];
  }

  // ---------------------------------------------------------------- conflicts

  async function listConflicts(opts: { includeResolved?: boolean } = {}): Promise<ConflictRow[]> {
    const all = await db.conflicts.toArray();
    return all.filter((c) => opts.includeResolved || !c.resolved).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  }

  /** Keeps one side of a conflict as a NEW local edit (new stamp), so every device settles on it. */
  async function resolveConflict(id: number, keep: 'local' | 'remote'): Promise<void> {
    await rw(async () => {
      const c = await db.conflicts.get(id);
      if (!c) return;
      const value = (keep === 'local' ? c.localValue : c.remoteValue) as JsonValue;
      // Forced even when the value is already the winner's: the new stamp, with `prev` at the
      // winner, tells every device the person has seen both values.
      await write(c.entity, c.key, { [c.field]: value }, { force: true });
      await db.conflicts.update(id, { resolved: true });
    });
  }

  return {
    db, deviceId, getMeta, setMeta, nextStamp, receiveStamps, repairClock, mergeIntoRow, mergeOps, rw,
    saveCommune, listCommunes, getCommune,
    saveVillage, archiveVillage, listVillages,
    saveVillageCounts, getVillageCounts, saveCommuneFigures, getCommuneFigures,
    saveAnswer, getAnswers, saveDecision, listDecisions,
    saveDossier, getDossier, lockYear, reopenYear, listYears, startYear,
    buildAssessInput, loadAssessInput,
    pendingCount, nextBatch, ackOps, quarantineOps, listQuarantined, requeueOps, applyRemoteOps, listPulledRefused,
    listConflicts, resolveConflict,
    WRITE_TABLES, write,
  };
}

/** The repository type (what createRepo returns). */
export type Repo = ReturnType<typeof createRepo>;

const COUNT_KEYS = [
  'households', 'familiesRegistered', 'familiesRecognized', 'lineages', 'lineagesRegistered',
  'lineagesRecognized', 'citizens', 'citizensRecognized', 'trained', 'university', 'villageRecognized',
] as const satisfies readonly (keyof VillageCounts)[];
const FIGURE_KEYS = [
  'units', 'unitsRecognized', 'pcgdPreschool5', 'pcgdPrimary', 'pcgdLowerSecondary', 'literacy', 'difficultArea',
] as const satisfies readonly (keyof CommuneFigures)[];

/** The parts of a stored evidence the readiness input carries. */
function inputEvidence(e: Evidence): Evidence {
  const out: Evidence = {};
  for (const k of ['number', 'date', 'issuer', 'title'] as const) if (e[k]) out[k] = e[k];
  return out;
}

/** An op as the protocol knows it (the changes feed adds `seq`). */
function stripSeq(op: object): unknown {
  const { seq: _seq, ...rest } = op as { seq?: unknown };
  return rest;
}

/** Most pulled ops kept in quarantine (the newest); each is at most one op of the server's page. */
const MAX_PULLED_REFUSED = 200;

/** A pulled op set aside: where it was in the commune's feed, why, and a plain copy of it. */
export interface PulledRefusal {
  seq: number | null;
  opId: string | null;
  /** Path and reason of each problem, in Vietnamese. */
  error: string;
  /** Why, for the person, one line per problem (absent on rows kept before it existed). */
  reasons?: { vi: string; en: string }[];
  /** ISO time it was pulled. */
  at: string;
  /** The op as received, as JSON text cut at 2 000 characters (text: no object of it is ever merged). */
  op: string;
}

function safeCopy(x: unknown): string {
  try {
    return (JSON.stringify(x ?? null) ?? 'null').slice(0, 2000);
  } catch {
    return '';
  }
}

/** Drops empty evidence parts (an empty date is "no date", not a bad date). */
function cleanEvidence(list: unknown[]): Record<string, string>[] {
  return list
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    .map((e) => {
      const out: Record<string, string> = {};
      for (const k of ['number', 'date', 'issuer', 'title', 'note']) {
        const v = e[k];
        if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
      }
      return out;
    })
    .filter((e) => Object.keys(e).length > 0);
}

