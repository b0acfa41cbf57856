// The demo commune on a fresh server: Xã Ba Tô with its villages and two years of data, written
// as ordinary ops through the store (so devices pull it like any edit), and an officer's code.
// Stamped in 2020 so that any real edit, even from a phone with a wrong clock, wins over it.
import { DEMO_OFFICER, demoCommune } from '../src/domain/demo-commune.ts';
import { ENTITY } from '../src/domain/entities/index.ts';
import { formatHlc } from '../src/domain/sync/hlc.ts';
import type { JsonValue, Op } from '../src/domain/sync/op.ts';
import { newOpId } from '../src/domain/sync/op-id.ts';
import { answerKey, communeKey, countsKey, villageKey, yearKey } from '../src/domain/keys.ts';
import { SERVER_SEED_DEVICE, validateOp } from '../src/domain/sync/protocol.ts';
import { issueCode } from './codes.ts';
import type { Store } from './store/store.ts';

const SEED_WALL = Date.UTC(2020, 0, 1);
const SEED_NODE = SERVER_SEED_DEVICE;

/** The demo's data as ops, in a stable order. */
export function demoOps(): Op[] {
  const c = demoCommune.commune.code;
  let counter = 0;
  const ops: Op[] = [];
  const add = (entity: Op['entity'], key: string, fields: Record<string, unknown>) => {
    const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, JsonValue>;
    ops.push({ opId: newOpId(SEED_WALL), entity, key, fields: clean, hlc: formatHlc({ wall: SEED_WALL, counter: counter++, node: SEED_NODE }) });
  };
  add(ENTITY.commune, communeKey(c), { name: demoCommune.commune.name, province: demoCommune.commune.province });
  for (const v of demoCommune.villages) add(ENTITY.village, villageKey(c, v.code), { name: v.name, order: v.order });
  for (const y of demoCommune.years) {
    for (const v of y.villages) {
      const { code, name: _name, ...counts } = v;
      add(ENTITY.villageCounts, countsKey(c, y.year, code), counts);
    }
    if (y.figures) add(ENTITY.communeFigures, yearKey(c, y.year), { ...y.figures });
    for (const [id, a] of Object.entries(y.answers ?? {})) add(ENTITY.answer, answerKey(c, y.year, id), { ...a });
  }
  return ops;
}

/**
 * Creates the demo commune when the store has no commune at all; returns an officer's enrolment
 * code for it, or null when the store was not empty.
 */
/** The printed demo code is a standing invitation to whoever reads the terminal: a week, not a month. */
export const DEMO_CODE_DAYS = 7;

export async function seedDemoIfEmpty(store: Store, now = Date.now()): Promise<{ commune: string; name: string; code: string; expiresAt: number } | null> {
  // Several server processes may start on one empty database at once: one of them seeds.
  return store.exclusive('demo-seed', async () => {
    if ((await store.listCommunes()).length > 0) return null;
    const { commune, villages } = demoCommune;
    await store.createCommune({ code: commune.code, name: commune.name, province: commune.province, villages: villages.map((v) => ({ code: v.code, name: v.name })) });
    const ops = demoOps();
    const problems = ops.flatMap((op) => validateOp(op));
    if (problems.length) throw new Error(`demo data does not validate: ${JSON.stringify(problems.slice(0, 3))}`);
    for (let i = 0; i < ops.length; i += 500) {
      await store.applyBatch({ commune: commune.code, deviceId: SEED_NODE, batchId: `seed-${i / 500}`, tokenId: SEED_NODE, ops: ops.slice(i, i + 500), now });
    }
    const { code, expiresAt } = await issueCode(store, { commune: commune.code, role: 'officer', villages: null, person: DEMO_OFFICER, validDays: DEMO_CODE_DAYS }, now);
    return { commune: commune.code, name: commune.name, code, expiresAt };
  });
}
