// The one write path: a local edit of one entity becomes its row, its merge state and ONE outbox
// op, in ONE rw transaction. Forms, the demo data, a sheet import and an imported file's values all
// come here. Never writes a row without its op, never stores a value the server would refuse.
import { after, formatHlc, parseHlc } from '../domain/sync/hlc.ts';
import { winnerOf } from '../domain/sync/merge.ts';
import type { EntityName, JsonValue, Op } from '../domain/sync/op.ts';
import { newOpId } from '../domain/sync/op-id.ts';
import { readKey, yearKeyOf } from '../domain/keys.ts';
import { YEAR_LOCKED_ENTITIES } from '../domain/sync/year-lock.ts';
import type { Checks, RepoContext } from './context.ts';
import type { Problem } from '../domain/schemas/problems.ts';
import { applyFieldsToRow, changedFields, currentFields, dexieKey, fieldsOfRow } from './entities.ts';
import { ValidationError, YearLockedError } from './errors.ts';
import type { MergeStore } from './merge-store.ts';

export interface WriteOptions {
  /** Write these fields even when the value is unchanged (re-apply after a conflict). */
  force?: boolean;
  /**
   * Write only the fields this device has no value for (an imported file's values that carry no
   * history): they fill gaps, never overwrite. Values recorded elsewhere before a lock, so the
   * year lock does not refuse them (the server still decides).
   */
  fillOnly?: boolean;
}

export type Write = (entity: EntityName, key: string, patch: Record<string, JsonValue | undefined>, opts?: WriteOptions) => Promise<Op | null>;

export function createWrite(ctx: RepoContext, merge: MergeStore): Write {
  const { db } = ctx;

  async function assertUnlocked(key: string): Promise<void> {
    const yk = yearKeyOf(key);
    const at = yk ? readKey('year', yk) : null;
    if (!at) return;
    const d = await db.dossiers.get([at.commune, at.year!]);
    if (d?.locked) throw new YearLockedError(at.year!, ctx.loadedChecks()!.dataText('data.yearLocked', { year: at.year! }));
  }

  /** Writes the changed fields of one entity + its outbox op; null when nothing changed. */
  return async function write(entity, key, patch, opts = {}) {
    const checks = await ctx.checks();
    return ctx.rw(async () => {
      const pk = dexieKey(entity, key);
      if (pk === null) throw new ValidationError({ key: checks.dataText('data.badKey', { key }) }, { key: checks.dataText('data.badKey', { key }, 'en') });
      if (YEAR_LOCKED_ENTITIES.has(entity) && !opts.fillOnly) await assertUnlocked(key);
      const row = (await ctx.tbl(entity).get(pk)) as Record<string, unknown> | undefined;
      const current = currentFields(entity, key, row);
      let changes = changedFields(current, patch);
      if (opts.force) {
        changes = {};
        for (const [k, v] of Object.entries(patch)) if (v !== undefined) changes[k] = v;
      }
      if (opts.fillOnly) for (const k of Object.keys(changes)) if (current[k] !== undefined) delete changes[k];
      if (Object.keys(changes).length === 0) return null;
      const nextRow = applyFieldsToRow(entity, key, row, changes);
      // The record rules the server applies to the merged values (src/domain/schemas/record-rules),
      // refusing only what this edit breaks: a merge of two devices may have left an old problem
      // that the person is fixing one field at a time.
      const had = row ? checks.recordProblems(entity, key, fieldsOfRow(entity, row)) : [];
      const has = checks.recordProblems(entity, key, fieldsOfRow(entity, nextRow));
      const fresh = checks.freshProblems(had, has, new Set(Object.keys(changes)));
      if (fresh.length) {
        throw refusedFields(checks, fresh.map((p) => [checks.problemField(p.path), p]));
      }
      const me = await ctx.deviceId();
      const state = await merge.loadState(entity, key);
      const prev: Record<string, string> = {};
      for (const f of Object.keys(changes)) {
        const w = winnerOf(state?.[f]);
        if (w) prev[f] = w.hlc;
      }
      let hlc = await ctx.nextStamp();
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
      if (!parsed.ok) {
        throw refusedFields(checks, parsed.problems.map((p) => [/^(?:op\.)?fields\.([^.[]+)/.exec(p.path)?.[1] ?? p.path.replace(/^op\./, ''), p]));
      }
      const op = parsed.op;
      await merge.mergeOne(op, me);
      await db.outbox.add({ op, state: 'pending' });
      return op;
    });
  };
}

/** Problems by the field they are about, said in both locales from the catalog. */
function refusedFields(checks: Checks, problems: readonly (readonly [string, Problem])[]): ValidationError {
  const vi: Record<string, string> = {};
  const en: Record<string, string> = {};
  for (const [field, p] of problems) {
    const add = (out: Record<string, string>, words: string) => (out[field] = out[field] ? `${out[field]} ${words}` : words);
    add(vi, checks.problemText(p, 'vi'));
    add(en, checks.problemText(p, 'en'));
  }
  return new ValidationError(vi, en);
}
