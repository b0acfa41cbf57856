// `npm run admin -- import-villages --commune C --year Y <file>`: a province office applies a
// commune's villages' sheet to the server's store as ordinary ops, so every device pulls them like
// any edit. The same reader and dry run as the app (src/import), the state read from the store;
// only a clean file is applied (any problem: nothing written), every op parsed and checked like a
// device's, then written as ONE batch of the server's own import device (SERVER_IMPORT_DEVICE: a
// device id no phone may enrol with), so the store's record rules and year lock judge it whole.
import { createHash } from 'node:crypto';
import { isRefusal, planImport, readVillageFile, type ImportPlan, type KnownVillage, type SheetProblem } from '../src/import/index.ts';
import { after, formatHlc, parseHlc, tick, type Hlc } from '../src/domain/sync/hlc.ts';
import { valuesOf, winnerOf, type EntityState } from '../src/domain/sync/merge.ts';
import type { JsonValue, Op } from '../src/domain/sync/op.ts';
import { newOpId } from '../src/domain/sync/op-id.ts';
import { communeOfKey, countsKey, readKey, villageKey, yearKey } from '../src/domain/keys.ts';
import { MAX_YEAR, MIN_YEAR, SERVER_IMPORT_DEVICE, idOf, parseOp, type ChangeOp } from '../src/domain/sync/protocol.ts';
import { newId } from '../src/domain/ids.ts';
import { ENTITY } from '../src/domain/entities/index.ts';
import type { Store } from './store/store.ts';
import { withWords } from '../src/i18n/refusals.ts';
import { cliText, cliTextEn, type CliCode } from '../src/i18n/cli.ts';

/** A message of the part `cli` in both locales. */
const words = (code: CliCode, params: object) => ({ vi: cliText(code, params), en: cliTextEn(code, params) });

/** The HLC node and device id of ops written by this command (the server's own import device). */
export const IMPORT_NODE = SERVER_IMPORT_DEVICE;

export type ImportVillagesResult =
  | { kind: 'refused'; problems: Pick<SheetProblem, 'vi' | 'en'>[] }
  | { kind: 'applied'; plan: ImportPlan; ops: number; villagesAdded: number; villagesChanged: number };

/** The villages of a commune on the server (those it was created with and any a device added), by id, with their code. */
async function villagesOf(store: Store, commune: string): Promise<(KnownVillage & { id: string })[]> {
  const info = await store.getCommune(commune);
  const ids = new Set(info?.villages.map(idOf) ?? []);
  for (let since = 0, more = true; more; ) {
    const page = await store.changes(commune, since, 1000);
    for (const text of page.json) {
      const op = JSON.parse(text) as ChangeOp;
      const parts = op.entity === ENTITY.village ? readKey('village', op.key) : null;
      if (parts?.commune === commune) ids.add(parts.village!);
    }
    more = page.hasMore && page.lastSeq !== null;
    since = page.lastSeq ?? since;
  }
  const out: (KnownVillage & { id: string })[] = [];
  for (const id of ids) {
    const state = await store.entityState(ENTITY.village, villageKey(commune, id));
    const values = state ? valuesOf(state) : {};
    const listed = info?.villages.find((v) => idOf(v) === id);
    // A village's code is a field (issue 13); until written it is the one it was created with, or its id.
    const code = typeof values.code === 'string' ? values.code : listed?.code ?? id;
    const name = typeof values.name === 'string' ? values.name : listed?.name ?? code;
    out.push({ id, code, name, archived: values.archived === true });
  }
  return out;
}

/** The stamp of each field's current value, to send as the op's `prev` (an informed overwrite). */
function prevOf(state: EntityState | null, fields: string[]): Record<string, string> {
  const prev: Record<string, string> = {};
  for (const f of fields) {
    const w = winnerOf(state?.[f]);
    if (w) prev[f] = w.hlc;
  }
  return prev;
}

/** Reads, plans and — when the file is clean — applies a villages' sheet to `commune` and `year`. */
export async function importVillages(store: Store, o: { commune: string; year: number; bytes: Uint8Array; now: number }): Promise<ImportVillagesResult> {
  const { commune, year } = o;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    return { kind: 'refused', problems: [words('cli.importYear', { min: MIN_YEAR, max: MAX_YEAR })] };
  }
  if (!(await store.getCommune(commune))) {
    return { kind: 'refused', problems: [words('cli.importNoCommune', { commune })] };
  }
  let sheet;
  try {
    sheet = await readVillageFile(o.bytes);
  } catch (e) {
    if (isRefusal(e)) return { kind: 'refused', problems: [{ vi: e.vi, en: e.en }] };
    throw e;
  }
  const villages = await villagesOf(store, commune);
  const counts = new Map<string, Record<string, unknown>>();
  const states = new Map<string, EntityState | null>();
  // The sheet names villages by code, the plan answers with the village's id (two may share a code).
  for (const v of villages) {
    const state = await store.entityState(ENTITY.villageCounts, countsKey(commune, year, v.id));
    states.set(v.id, state);
    if (state) counts.set(v.id, valuesOf(state));
  }
  const dossier = await store.entityState(ENTITY.dossier, yearKey(commune, year));
  const locked = dossier ? valuesOf(dossier).locked === true : false;
  const plan = planImport(sheet, {
    villages, counts,
    blocked: locked ? words('cli.importLocked', { year, commune }) : null,
  });
  const problems = [...plan.problems, ...plan.rows.flatMap((r) => r.problems)];
  if (plan.blocked && !problems.length) problems.push({ ...plan.blocked, row: null, column: null, field: null });
  if (problems.length) return { kind: 'refused', problems };

  // Stamped now, and after any value it replaces whose stamp runs ahead (a phone with a fast clock).
  let last: Hlc | null = null;
  const stamp = (prev: Record<string, string>) => {
    let h = tick(last, o.now, IMPORT_NODE);
    for (const p of Object.values(prev)) if (p >= formatHlc(h)) h = after(parseHlc(p), IMPORT_NODE);
    last = h;
    return formatHlc(h);
  };
  const ops: Op[] = [];
  let order = villages.filter((v) => !v.archived).length;
  let villagesAdded = 0;
  let villagesChanged = 0;
  for (const row of plan.rows) {
    if (row.status !== 'new' && row.status !== 'changed') continue;
    let id = row.villageId;
    if (row.addVillage) {
      // A removed village comes back under its id; a new one gets a fresh id, its code a field.
      const fields: Record<string, JsonValue> = { name: row.village.name, order: order++ };
      if (id !== undefined) {
        if (villages.some((v) => v.id === id && v.archived)) fields.archived = false;
      } else {
        id = newId();
        fields.code = row.village.code;
      }
      const key = villageKey(commune, id);
      const prev = prevOf(await store.entityState(ENTITY.village, key), Object.keys(fields));
      const hlc = stamp(prev);
      ops.push({ opId: newOpId(parseHlc(hlc).wall), entity: ENTITY.village, key, fields, hlc, ...(Object.keys(prev).length ? { prev } : {}) });
      villagesAdded++;
    } else {
      villagesChanged++;
    }
    if (!row.changes.length) continue;
    const fields: Record<string, JsonValue> = {};
    for (const c of row.changes) fields[c.field] = c.new;
    const prev = prevOf(states.get(id!) ?? null, Object.keys(fields));
    const hlc = stamp(prev);
    ops.push({
      opId: newOpId(parseHlc(hlc).wall), entity: ENTITY.villageCounts, key: countsKey(commune, year, id!), fields, hlc,
      ...(Object.keys(prev).length ? { prev } : {}),
    });
  }
  if (!ops.length) return { kind: 'applied', plan, ops: 0, villagesAdded, villagesChanged };

  // Every op parsed and checked like a device's (the parsed op is what is stored), then one batch:
  // the store plans it whole on the merged state (record rules, year lock) and writes all or nothing.
  const parsed: Op[] = [];
  for (const [i, op] of ops.entries()) {
    const r = parseOp(JSON.parse(JSON.stringify(op)), ['ops', i], { now: o.now });
    if (!r.ok) return { kind: 'refused', problems: r.problems.map(withWords) };
    if (communeOfKey(r.op.key) !== commune) throw new Error('an import op left its commune');
    parsed.push(r.op);
  }
  const batchId = `import-${createHash('sha256').update(JSON.stringify(parsed)).digest('hex').slice(0, 40)}`;
  const res = await store.applyBatch({ commune, deviceId: IMPORT_NODE, batchId, tokenId: IMPORT_NODE, ops: parsed, now: o.now });
  if (res.kind === 'invalid' || res.kind === 'locked') return { kind: 'refused', problems: res.problems.map(withWords) };
  if (res.kind === 'conflict') throw new Error(`the store refused the import: ${res.opIds.length} op id(s) already used`);
  return { kind: 'applied', plan, ops: ops.length, villagesAdded, villagesChanged };
}
