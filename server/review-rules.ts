// The province review's rules inside a batch (issue #14), for a hostile writer: a record written
// once stays as it was (a dossier as sent, a change of its state); a dossier as sent carries the
// SHA-256 of its canonical text, belongs to the commune and year of its key, holds a valid readiness
// input and the engine's own output of it; a change of state is the next step, by a role that
// makes that move, from the state the dossier is in, with what the move needs (the pure rules of
// src/domain/review/states.ts) and names the token's person and device. Pure over a reader of
// merged values; the batch plan (batch-plan.ts) asks it per op on the state the batch's earlier
// ops leave, prepareBatch lists what it reads (reviewNeeds).
import { createHash } from 'node:crypto';
import type { EntityName, JsonValue, Op } from '../src/domain/sync/op.ts';
import type { Role } from '../src/domain/access/roles.ts';
import { ENTITY_DEFS, ENTITY } from '../src/domain/entities/index.ts';
import { provinceId, provinceYearKey, readKey, reviewKey, stepKey, versionKey, yearKey } from '../src/domain/keys.ts';
import { DEFAULT_CATALOG_ID, getCatalog, indicatorsOf } from '../src/domain/catalog/index.ts';
import { registerYears, type RegisterRecord } from '../src/domain/readiness/input-of-rows.ts';
import { DRAFT, canonicalText, moveRefusal, type DossierState, type DossierStatus, type MoveContext, type SubmissionSnapshot } from '../src/domain/review/index.ts';
import { validateAssessInput } from '../src/domain/readiness/validate.ts';
import { assess } from '../src/domain/readiness/assess.ts';
import { canonicalJson } from '../src/domain/sync/merge.ts';
import { parseHlc } from '../src/domain/sync/hlc.ts';
import type { ProblemParams } from '../src/domain/schemas/problems.ts';

/** Who sends the batch, as the review's rules need it. */
export interface Writer {
  role: Role;
  person: string;
  /** The province (its name) of the batch's commune, or the reviewer's own. */
  province: string | null;
}

/** A problem of one op: the field it names (null: the key), a code of the catalog (the part `review`'s refusals, src/i18n/refusals.ts words them) and its parameters. */
export interface ReviewProblem {
  field: string | null;
  code: string;
  params?: ProblemParams;
}

/** Reads the merged values of an entity/key (undefined when there is none). */
export type ValuesReader = (entity: EntityName, key: string) => Record<string, JsonValue> | undefined;

const INDICATORS = indicatorsOf(getCatalog(DEFAULT_CATALOG_ID)!).map((i) => i.id);

/** Entities the review's rules judge: those written once, and a decision the commune types (the register may hold its year). */
export const REVIEW_RULED: ReadonlySet<EntityName> = new Set([...(Object.keys(ENTITY_DEFS) as EntityName[]).filter((e) => ENTITY_DEFS[e].immutable), ENTITY.decision]);

/** The year of a typed decision's date, when the op writes one. */
const decisionYear = (op: Op): number | null => (typeof op.fields.decidedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(op.fields.decidedOn) ? Number(op.fields.decidedOn.slice(0, 4)) : null);
/** The register's years that can decide in `year`: the year before it, and the one before that (a late decision). */
const REGISTER_LOOKBACK = [1, 2];

/** The entity/keys the rules of `op` read besides its own (prepareBatch lists them). */
export function reviewNeeds(op: Op, province: string | null): { entity: EntityName; key: string }[] {
  if (op.entity === ENTITY.decision) {
    const year = decisionYear(op);
    const at = readKey('decision', op.key);
    return year !== null && at ? REGISTER_LOOKBACK.map((b) => ({ entity: ENTITY.registerEntry, key: yearKey(at.commune, year - b) })) : [];
  }
  if (op.entity !== ENTITY.stateChange) return [];
  const at = readKey('step', op.key);
  if (!at) return [];
  const { commune, year, step } = at as { commune: string; year: number; step: number };
  const version = typeof op.fields.version === 'number' ? op.fields.version : 0;
  const out: { entity: EntityName; key: string }[] = [
    { entity: ENTITY.dossier, key: yearKey(commune, year) },
    { entity: ENTITY.registerEntry, key: yearKey(commune, year) },
    { entity: ENTITY.submission, key: versionKey(commune, year, Math.max(1, version)) },
    ...INDICATORS.map((i) => ({ entity: ENTITY.review, key: reviewKey(commune, year, Math.max(1, version), i) })),
  ];
  if (step > 1) out.push({ entity: ENTITY.stateChange, key: stepKey(commune, year, step - 1) });
  if (province) out.push({ entity: ENTITY.council, key: provinceYearKey(provinceId(province), year) });
  return out;
}

const problem = (field: string | null, code: string, params?: ProblemParams): ReviewProblem => (params ? { field, code, params } : { field, code });

/**
 * Why `op` may not be applied on `before` (the merged values of its own record, undefined when new),
 * or null. Only the review's entities have rules here.
 */
export function reviewRefusal(op: Op, before: Record<string, JsonValue> | undefined, read: ValuesReader, who: Writer | undefined): ReviewProblem | null {
  const def = ENTITY_DEFS[op.entity];
  if (def.immutable && before && Object.keys(before).length > 0) return problem(null, 'review.refuse.immutable');
  if (op.entity === ENTITY.decision) return decisionRefusal(op, read);
  if (op.entity === ENTITY.submission) return submissionRefusal(op, who);
  if (op.entity === ENTITY.stateChange) return stateChangeRefusal(op, read, who);
  return null;
}

/**
 * A decision the commune types for a year the province's register holds (registerYears): the
 * register is the record of that year, so the typed one is refused; earlier years stay the commune's.
 */
function decisionRefusal(op: Op, read: ValuesReader): ReviewProblem | null {
  const year = decisionYear(op);
  const at = readKey('decision', op.key);
  if (year === null || !at) return null;
  const entries = REGISTER_LOOKBACK.flatMap((b) => {
    const v = read(ENTITY.registerEntry, yearKey(at.commune, year - b));
    return v ? [{ ...v, year: year - b } as unknown as RegisterRecord] : [];
  });
  return registerYears(entries).has(year) ? problem('decidedOn', 'review.refuse.decisionInRegister', { year }) : null;
}

function submissionRefusal(op: Op, who: Writer | undefined): ReviewProblem | null {
  const at = readKey('version', op.key) as { commune: string; year: number } | null;
  const f = op.fields;
  if (!at || !f.snapshot || typeof f.contentHash !== 'string') return null; // the record rules name what is missing
  const snap = f.snapshot as unknown as SubmissionSnapshot;
  if (createHash('sha256').update(canonicalText(snap)).digest('hex') !== f.contentHash) return problem('contentHash', 'review.refuse.hash');
  const checked = validateAssessInput(snap.input);
  if (!checked.ok) {
    const p = checked.problems[0]!;
    return problem(`snapshot.input.${p.path}`, p.code, p.params);
  }
  if (checked.input.commune.code !== at.commune || checked.input.year !== at.year) return problem('snapshot', 'review.refuse.snapshotOther');
  if (canonicalJson(JSON.parse(JSON.stringify(assess(checked.input)))) !== canonicalJson(snap.output)) return problem('snapshot.output', 'review.refuse.output');
  if (who && f.sentBy !== who.person) return problem('sentBy', 'review.refuse.by');
  return null;
}

function stateChangeRefusal(op: Op, read: ValuesReader, who: Writer | undefined): ReviewProblem | null {
  const at = readKey('step', op.key) as { commune: string; year: number; step: number } | null;
  const f = op.fields;
  if (!at || typeof f.from !== 'string' || typeof f.to !== 'string' || typeof f.version !== 'number') return null;
  if (f.device !== parseHlc(op.hlc).node) return problem('device', 'review.refuse.device');
  if (!who) return null; // the server's own writers (none writes a state change today)
  if (f.by !== who.person) return problem('by', 'review.refuse.by');
  const { commune, year, step } = at;
  let status: DossierStatus = DRAFT;
  if (step > 1) {
    const prev = read(ENTITY.stateChange, stepKey(commune, year, step - 1));
    // A step whose step before is not there is judged on DRAFT: not the next step, so stale.
    if (prev) status = { state: prev.to as DossierState, version: prev.version as number, step: step - 1 };
  }
  const version = f.version;
  const sent = version >= 1 ? read(ENTITY.submission, versionKey(commune, year, version)) : undefined;
  const ctx: MoveContext = {
    status,
    yearLocked: read(ENTITY.dossier, yearKey(commune, year))?.locked === true,
    lastSentVersion: sent ? version : 0,
    verdicts: version >= 1 ? INDICATORS.map((i) => read(ENTITY.review, reviewKey(commune, year, version, i)) ?? {}).map((r) => ({ comment: typeof r.comment === 'string' ? r.comment : null })) : [],
    register: (read(ENTITY.registerEntry, yearKey(commune, year)) as { outcome?: string } | undefined) ?? null,
    council: who.province ? ((read(ENTITY.council, provinceYearKey(provinceId(who.province), year)) as MoveContext['council'] | undefined) ?? null) : null,
  };
  const why = moveRefusal(who.role, { step, from: f.from as DossierState, to: f.to as DossierState, version, reason: typeof f.reason === 'string' ? f.reason : null }, ctx);
  if (!why) return null;
  const field = why.code === 'moveVersion' ? 'version' : why.code === 'moveNoReason' || why.code === 'moveNoComment' ? 'reason' : why.code === 'moveStale' || why.code === 'moveNone' ? 'from' : 'to';
  const { code, ...params } = why;
  return problem(field, `review.refuse.${code}`, params as ProblemParams);
}
