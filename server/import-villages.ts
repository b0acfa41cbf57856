// `npm run admin -- import-villages --commune C --year Y <file>`: a province office applies a
// commune's villages' sheet to the server's store as ordinary ops, so every device pulls them like
// any edit. The same reader and dry run as the app (src/import), the state read from the store;
// only a clean file is applied (any problem: nothing written), validated like any sync batch.
import { createHash, randomUUID } from 'node:crypto';
import { isRefusal, planImport, readVillageFile, type ImportPlan, type KnownVillage, type SheetProblem } from '../src/import/index.ts';
import { formatHlc, parseHlc } from '../src/domain/sync/hlc.ts';
import { valuesOf, winnerOf, type EntityState } from '../src/domain/sync/merge.ts';
import type { JsonValue, Op } from '../src/domain/sync/op.ts';
import { MAX_BATCH_OPS, MAX_YEAR, MIN_YEAR, validateBatch } from '../src/domain/sync/protocol.ts';
import type { Store } from './store/store.ts';

/** The HLC node (and device id) of ops written by this command. */
export const IMPORT_NODE = 'admin-import';

export type ImportVillagesResult =
  | { kind: 'refused'; problems: Pick<SheetProblem, 'vi' | 'en'>[] }
  | { kind: 'applied'; plan: ImportPlan; ops: number; villagesAdded: number; villagesChanged: number };

/** The villages of a commune on the server: those it was created with and any a device added. */
async function villagesOf(store: Store, commune: string): Promise<KnownVillage[]> {
  const info = await store.getCommune(commune);
  const codes = new Set(info?.villages.map((v) => v.code) ?? []);
  const prefix = `${commune}/`;
  for (let since = 0, more = true; more; ) {
    const page = await store.changes(commune, since, 1000);
    for (const op of page.ops) if (op.entity === 'village' && op.key.startsWith(prefix)) codes.add(op.key.slice(prefix.length));
    more = page.hasMore && page.ops.length > 0;
    since = page.ops.at(-1)?.seq ?? since;
  }
  const out: KnownVillage[] = [];
  for (const code of codes) {
    const state = await store.entityState('village', `${commune}/${code}`);
    const values = state ? valuesOf(state) : {};
    const name = typeof values.name === 'string' ? values.name : info?.villages.find((v) => v.code === code)?.name ?? code;
    out.push({ code, name, archived: values.archived === true });
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
    return { kind: 'refused', problems: [{ vi: `Năm đánh giá phải từ ${MIN_YEAR} đến ${MAX_YEAR}`, en: `The year must be from ${MIN_YEAR} to ${MAX_YEAR}` }] };
  }
  if (!(await store.getCommune(commune))) {
    return { kind: 'refused', problems: [{ vi: `Không có xã ${commune} trên máy chủ`, en: `There is no commune ${commune} on the server` }] };
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
  for (const v of villages) {
    const state = await store.entityState('villageCounts', `${commune}/${year}/${v.code}`);
    states.set(v.code, state);
    if (state) counts.set(v.code, valuesOf(state));
  }
  const dossier = await store.entityState('dossier', `${commune}/${year}`);
  const locked = dossier ? valuesOf(dossier).locked === true : false;
  const plan = planImport(sheet, {
    villages, counts,
    blocked: locked ? { vi: `Năm ${year} của xã ${commune} đã khóa hồ sơ`, en: `The ${year} dossier of commune ${commune} is locked` } : null,
  });
  const problems = [...plan.problems, ...plan.rows.flatMap((r) => r.problems)];
  if (plan.blocked && !problems.length) problems.push({ ...plan.blocked, row: null, column: null, field: null });
  if (problems.length) return { kind: 'refused', problems };

  // Stamped now, and after any value it replaces whose stamp runs ahead (a phone with a fast clock).
  let counter = 0;
  const stamp = (prev: Record<string, string>) => {
    let h = { wall: o.now, counter: counter++, node: IMPORT_NODE };
    for (const p of Object.values(prev)) {
      if (p >= formatHlc(h)) {
        const q = parseHlc(p);
        h = { wall: q.wall, counter: q.counter + 1, node: IMPORT_NODE };
      }
    }
    return formatHlc(h);
  };
  const ops: Op[] = [];
  let order = villages.filter((v) => !v.archived).length;
  let villagesAdded = 0;
  let villagesChanged = 0;
  for (const row of plan.rows) {
    if (row.status !== 'new' && row.status !== 'changed') continue;
    if (row.addVillage) {
      const key = `${commune}/${row.village.code}`;
      const fields: Record<string, JsonValue> = { name: row.village.name, order: order++ };
      if (villages.some((v) => v.code === row.village.code && v.archived)) fields.archived = false;
      const prev = prevOf(await store.entityState('village', key), Object.keys(fields));
      ops.push({ opId: randomUUID(), entity: 'village', key, fields, hlc: stamp(prev), ...(Object.keys(prev).length ? { prev } : {}) });
      villagesAdded++;
    } else {
      villagesChanged++;
    }
    if (!row.changes.length) continue;
    const fields: Record<string, JsonValue> = {};
    for (const c of row.changes) fields[c.field] = c.new;
    const prev = prevOf(states.get(row.village.code) ?? null, Object.keys(fields));
    ops.push({
      opId: randomUUID(), entity: 'villageCounts', key: `${commune}/${year}/${row.village.code}`, fields, hlc: stamp(prev),
      ...(Object.keys(prev).length ? { prev } : {}),
    });
  }
  if (!ops.length) return { kind: 'applied', plan, ops: 0, villagesAdded, villagesChanged };

  // Checked like any device's batch, every batch before the first is applied.
  const digest = createHash('sha256').update(JSON.stringify(ops)).digest('hex').slice(0, 40);
  const batches: Op[][] = [];
  for (let i = 0; i < ops.length; i += MAX_BATCH_OPS) {
    const batch = { deviceId: IMPORT_NODE, batchId: `import-${digest}-${i / MAX_BATCH_OPS}`, ops: ops.slice(i, i + MAX_BATCH_OPS) };
    const checked = validateBatch(JSON.parse(JSON.stringify(batch)));
    if (!checked.ok) return { kind: 'refused', problems: checked.problems };
    if (checked.batch.ops.some((op) => !op.key.startsWith(`${commune}/`))) throw new Error('an import op left its commune');
    batches.push(checked.batch.ops);
  }
  for (const [i, batch] of batches.entries()) {
    const res = await store.applyBatch({ commune, deviceId: IMPORT_NODE, batchId: `import-${digest}-${i}`, tokenId: IMPORT_NODE, ops: batch, now: o.now });
    if (res.kind !== 'ok') throw new Error(`the store refused batch ${i + 1}: op ids already used`);
  }
  return { kind: 'applied', plan, ops: ops.length, villagesAdded, villagesChanged };
}
