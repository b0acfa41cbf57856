// The wire protocol between the app and the server: valibot schemas of a sync batch and its ops,
// key and field validation per entity, and the request/response types of /api/v1/*.
// Pure data and validation: no fetch, no storage. The client and the server both import it.
import * as v from 'valibot';
import type { EntityName, JsonValue, Op } from './op.ts';
import { ENTITY_DEFS, ENTITY_NAMES, isEntityName } from '../entities/index.ts';
import { checkKey, isKeyProblem, type KeyParts, type KeyProblem, type KeyRules } from '../keys.ts';
import { DEFAULT_CATALOG_ID, catalogs, findIndicator } from '../catalog/index.ts';
import { fastFieldsOf, opFieldsSchema } from '../schemas/fields.ts';
import { formatPath, msg, toProblems, type ProblemParams } from '../schemas/problems.ts';
import { cleanLabel, hasReservedKey, reservedKeyPath } from '../schemas/text.ts';
import { MAX_DRIFT_MS } from './hlc.ts';
import { CODE_RE, MAX_YEAR, MIN_YEAR, isReservedKey } from './limits.ts';

export { CODE_RE, MAX_YEAR, MIN_YEAR };

/** The API version prefix every route lives under. */
export const API_PREFIX = '/api/v1';
/** Most ops one batch may carry; the server refuses a larger batch whole. */
export const MAX_BATCH_OPS = 500;
/** Largest request body the server reads (bytes); the client aims at 256 KB per batch. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Most ops one page of GET /changes returns. */
export const MAX_CHANGES_LIMIT = 1000;
/** Page size of GET /changes when `limit` is absent. */
export const DEFAULT_CHANGES_LIMIT = 500;
/**
 * Bytes of op JSON one page of GET /changes holds at most (one op always goes, however large):
 * a cheap phone parses a page in one go, and the server builds it in memory.
 */
export const MAX_CHANGES_BYTES = 1024 * 1024;

/** Vai trò — what a device token may do (src/domain/access/roles.ts). */
export { ROLES, type Role } from '../access/roles.ts';
import type { Role } from '../access/roles.ts';

// ---------------------------------------------------------------------------------------------
// Envelope schemas

/** A stamp made by formatHlc with a node of safe characters (never a reserved name). */
export const HLC_RE = /^\d{15}-\d{6}-(?!(?:__proto__|constructor|prototype)$)[A-Za-z0-9_.:-]{1,64}$/;
/** A field name: letters, digits and `_.@-`; never `__proto__`, `constructor` or `prototype`. */
const FIELD_RE = /^(?!(?:__proto__|constructor|prototype)$)[A-Za-z0-9_.@-]{1,64}$/;
/** Device and batch ids: what a UUID or a short random id looks like (never a reserved name). */
const ID_RE = /^(?!(?:__proto__|constructor|prototype)$)[A-Za-z0-9_.:-]{1,64}$/;

/** One op as it travels; `fields` are checked per entity by validateBatch. */
export const OpSchema = v.strictObject({
  opId: v.pipe(v.string(), v.uuid()),
  entity: v.picklist(ENTITY_NAMES as [EntityName, ...EntityName[]]),
  key: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  fields: v.record(v.pipe(v.string(), v.regex(FIELD_RE)), v.unknown()),
  hlc: v.pipe(v.string(), v.regex(HLC_RE)),
  prev: v.optional(v.record(v.pipe(v.string(), v.regex(FIELD_RE)), v.pipe(v.string(), v.regex(HLC_RE)))),
});

const ENVELOPE_KEYS: ReadonlySet<string> = new Set(['opId', 'entity', 'key', 'fields', 'hlc', 'prev']);
/** valibot's `uuid()` test. */
const UUID_RE = /^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/iu;
const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * OpSchema's output for an op that plainly meets it (the common case), made without valibot; null
 * for anything else, which OpSchema then judges with its messages. A property test holds the two
 * equal. Reserved names are refused before either is asked (reservedKeyPath).
 */
export function fastOpEnvelope(raw: unknown): v.InferOutput<typeof OpSchema> | null {
  if (!isPlainObject(raw)) return null;
  for (const k of Object.keys(raw)) if (!ENVELOPE_KEYS.has(k)) return null;
  const { opId, entity, key, fields, hlc, prev } = raw;
  if (typeof opId !== 'string' || !UUID_RE.test(opId)) return null;
  if (!isEntityName(entity)) return null;
  if (typeof key !== 'string' || key.length < 1 || key.length > 200) return null;
  if (typeof hlc !== 'string' || !HLC_RE.test(hlc) || !isPlainObject(fields)) return null;
  const outFields: Record<string, unknown> = {};
  for (const f of Object.keys(fields)) {
    if (!FIELD_RE.test(f)) return null;
    outFields[f] = fields[f];
  }
  const out: v.InferOutput<typeof OpSchema> = { opId, entity: entity as EntityName, key, fields: outFields, hlc };
  if (prev === undefined) return Object.prototype.hasOwnProperty.call(raw, 'prev') ? null : out;
  if (!isPlainObject(prev)) return null;
  const outPrev: Record<string, string> = {};
  for (const f of Object.keys(prev)) {
    const p = prev[f];
    if (!FIELD_RE.test(f) || typeof p !== 'string' || !HLC_RE.test(p)) return null;
    outPrev[f] = p;
  }
  out.prev = outPrev;
  return out;
}

/** POST /api/v1/sync body. */
export const SyncBatchSchema = v.strictObject({
  deviceId: v.pipe(v.string(), v.regex(ID_RE)),
  batchId: v.pipe(v.string(), v.regex(ID_RE)),
  ops: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(MAX_BATCH_OPS)),
});

/**
 * Device ids of the server's own writers (the demo seed, `admin import-villages`). Their ops carry
 * that id as their stamp's node like any device's; no phone may enrol with one, so nobody can
 * stamp as the server and erase its values without a conflict. `seed` is the demo's node of
 * releases before issue 12 (their databases still hold those ops).
 */
export const SERVER_DEVICE_PREFIX = 'server.';
/** The device id (and HLC node) of the demo commune's ops on a fresh server. */
export const SERVER_SEED_DEVICE = `${SERVER_DEVICE_PREFIX}seed`;
/** The device id (and HLC node) of the ops the admin CLI's village import writes. */
export const SERVER_IMPORT_DEVICE = `${SERVER_DEVICE_PREFIX}import`;
export const isServerDevice = (id: string): boolean => id.startsWith(SERVER_DEVICE_PREFIX) || id === 'seed';

/** POST /api/v1/enroll body. */
export const EnrollRequestSchema = v.strictObject({
  code: v.pipe(v.string(), v.minLength(4), v.maxLength(64)),
  deviceId: v.optional(v.pipe(
    v.string(),
    v.regex(ID_RE),
    v.check((id) => !isServerDevice(id), msg('pb.serverDevice')),
  )),
  // A phone's name is shown in lists and terminals: cleaned (controls, invisibles) rather than refused.
  deviceName: v.optional(v.pipe(v.string(), v.maxLength(1000), v.transform((s) => cleanLabel(s, 100)))),
});

// ---------------------------------------------------------------------------------------------
// Types of the API

/** POST /api/v1/sync body: ops in the order the device made them. */
export interface SyncBatch {
  deviceId: string;
  batchId: string;
  ops: Op[];
}

/** POST /api/v1/sync 200 answer. */
export interface SyncResponse {
  /** opIds written by this request. */
  applied: string[];
  /** opIds the server already held with the same content (re-sent): acknowledged, not re-applied. */
  known: string[];
  /** Mã biên nhận — 8 characters, the same for every re-send of the same batchId. */
  receipt: string;
  /** The commune's change sequence after this batch (a pull from here skips nothing of ours). */
  cursor?: number;
}

/** One op of GET /api/v1/changes, with its place in the commune's change sequence. */
export type ChangeOp = Op & { seq: number };

/** GET /api/v1/changes?since=&limit=[&commune=] answer (`commune` only for a reviewer). */
export interface ChangesResponse {
  ops: ChangeOp[];
  /** Pass as `since` next time; equals `since` when there was nothing new. */
  nextCursor: number;
  hasMore: boolean;
}

/** The commune a token belongs to. */
/**
 * A commune as the server lists it: its stable id (what keys and tokens name; a server before
 * stable ids sends none, its codes being the ids), its code (Mã xã) and its villages likewise.
 */
export interface CommuneInfo {
  id?: string;
  code: string;
  name: string;
  province: string;
  villages: { id?: string; code: string; name: string }[];
}

/** The id of a commune or village the server lists (its code on a server before stable ids). */
export function idOf(x: { id?: string; code: string }): string {
  return x.id ?? x.code;
}

export interface EnrollResponse {
  /** Bearer token: send as `Authorization: Bearer <token>`. Shown once; the server keeps a hash. */
  token: string;
  commune: CommuneInfo;
  role: Role;
  /** Who the enrolment code was issued to (a change of a dossier's state names them). */
  person: string;
  /** The villages a collector is limited to; absent when not limited. */
  villages?: string[];
}

/** GET /api/v1/province/heads answer: where each feed of the reviewer's province stands. */
export interface ProvinceHeadsResponse {
  province: string;
  /** The province's own records (council, settings): GET /changes?commune={id}. */
  stream: { id: string; seq: number };
  /** Every commune of the province, those added later too, with the last seq of its feed and its villages. */
  communes: { id: string; code: string; name: string; seq: number; villages: { id?: string; code: string; name: string }[] }[];
}

/** GET /api/v1/me answer. */
export interface MeResponse {
  commune: CommuneInfo;
  role: Role;
  villages?: string[];
  /** Who the enrolment code was issued to. */
  person: string;
  deviceId: string | null;
  deviceName: string | null;
  /** For a reviewer: the communes of the province it may read (GET /changes?commune=). */
  communes?: string[];
}

/**
 * One reason a batch was refused; `path` is inside the op (`fields.households`) or the body. A
 * code of the catalog's part `pb` with its parameters (src/i18n/problems.ts says it).
 */
export interface Problem {
  opId?: string;
  path: string;
  code: string;
  params?: ProblemParams;
}

/** A problem as the API sends it: its code and parameters, and their words in both locales. */
export interface WireProblem extends Problem {
  vi: string;
  en: string;
}

export type ErrorCode =
  | 'bad-request'
  | 'invalid-batch'
  | 'op-conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'bad-code'
  | 'device-taken'
  | 'year-locked'
  | 'too-large'
  | 'hash-mismatch'
  | 'wrong-kind'
  | 'commune-full'
  | 'rate-limited'
  | 'internal';

/** Every non-2xx answer of the API. */
export interface ErrorResponse {
  error: ErrorCode;
  message_vi: string;
  message_en: string;
  problems?: WireProblem[];
}

// ---------------------------------------------------------------------------------------------
// Keys

export type { KeyParts } from '../keys.ts';

/** The key rules of the wire: code segments, the year range, the default catalog's yes/no indicators. */
const WIRE_KEY_RULES: Omit<KeyRules, 'isIndicator'> = {
  isCode: (seg) => CODE_RE.test(seg) && !isReservedKey(seg),
  minYear: MIN_YEAR,
  maxYear: MAX_YEAR,
};

/** What is wrong with a key: a problem code (`pb.keyShape`…) and its parameters. */
export interface KeyRefusal { code: string; params: ProblemParams }

/** The wire's rules with the default catalog's indicators (made once, not per key): its yes/no ones for answers, any of them for an entity keyed by every indicator (the council's verdicts). */
const DEFAULT_KEY_RULES: KeyRules = { ...WIRE_KEY_RULES, isIndicator: isAnswerIndicator };
const ALL_INDICATOR_KEY_RULES: KeyRules = { ...WIRE_KEY_RULES, isIndicator: (id) => isCatalogIndicator(id) };

/**
 * Answers of parseKey with the default rules, by entity then key: the ops of a batch share a few
 * keys, and the server asks for each op twice (the check, the access policy). Frozen, since they
 * are shared; emptied when it holds KEY_MEMO_MAX keys, so its memory stays bounded.
 */
const keyMemo = new Map<EntityName, Map<string, Readonly<KeyParts> | Readonly<KeyRefusal>>>();
let keyMemoSize = 0;
const KEY_MEMO_MAX = 20_000;

/** Splits a key by its entity's format (src/domain/keys.ts), or says what is wrong with it. */
export function parseKey(entity: EntityName, key: string, isIndicator: (id: string) => boolean = isAnswerIndicator): Readonly<KeyParts> | Readonly<KeyRefusal> {
  if (isIndicator !== isAnswerIndicator) {
    const r = checkKey(ENTITY_DEFS[entity].key, key, { ...WIRE_KEY_RULES, isIndicator });
    return isKeyProblem(r) ? keyRefusal(r) : r;
  }
  let byKey = keyMemo.get(entity);
  const known = byKey?.get(key);
  if (known) return known;
  const r = checkKey(ENTITY_DEFS[entity].key, key, ENTITY_DEFS[entity].indicators === 'all' ? ALL_INDICATOR_KEY_RULES : DEFAULT_KEY_RULES);
  const answer = Object.freeze(isKeyProblem(r) ? keyRefusal(r) : r);
  if (keyMemoSize >= KEY_MEMO_MAX) {
    keyMemo.clear();
    keyMemoSize = 0;
    byKey = undefined;
  }
  if (!byKey) keyMemo.set(entity, (byKey = new Map()));
  byKey.set(key, answer);
  keyMemoSize += 1;
  return answer;
}

/** Whether parseKey refused the key. */
export function isKeyRefusal(x: Readonly<KeyParts> | Readonly<KeyRefusal>): x is Readonly<KeyRefusal> {
  return 'params' in x;
}

/** A key problem as a problem code of the catalog (`keyShape` → `pb.keyShape`). */
function keyRefusal(p: KeyProblem): KeyRefusal {
  const { code, ...params } = p;
  return { code: `pb.${code}`, params };
}

/** Whether `id` is an indicator of the default catalog (the council's verdicts are keyed by any). */
export function isCatalogIndicator(id: string): boolean {
  const catalog = catalogs[DEFAULT_CATALOG_ID];
  return !!catalog && findIndicator(catalog, id) !== undefined;
}

/** Whether `id` is a yes/no indicator of the default catalog (answers are keyed by them). */
export function isAnswerIndicator(id: string): boolean {
  const catalog = catalogs[DEFAULT_CATALOG_ID];
  return !!catalog && findIndicator(catalog, id)?.kind === 'yes-no';
}

// ---------------------------------------------------------------------------------------------
// Batch validation

export type BatchCheck = { ok: true; batch: SyncBatch } | { ok: false; problems: Problem[] };

export interface CheckOptions {
  /**
   * The checker's clock (ms). When given, a stamp more than MAX_DRIFT_MS ahead of it is refused:
   * a phone whose date is far ahead would otherwise win over every later honest edit.
   */
  now?: number;
}

/**
 * Checks a parsed JSON body as a sync batch: the envelope, then every op's key and fields with the
 * entity schemas. Reports every problem found (one list, each with the opId when known), so a
 * refused batch can be fixed in one go. The batch it returns holds the PARSED ops (normalised
 * text, only known fields), never the raw input. Authorization is the server's business, not this.
 */
export function validateBatch(body: unknown, opts: CheckOptions = {}): BatchCheck {
  const problems: Problem[] = [];
  const env = v.safeParse(SyncBatchSchema, body);
  if (!env.success) {
    return { ok: false, problems: env.issues.map((i) => issueToProblem(i)) };
  }
  const ops: Op[] = [];
  const seen = new Set<string>();
  env.output.ops.forEach((raw, index) => {
    const parsed = parseOp(raw, ['ops', index], opts);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      return;
    }
    const op = parsed.op;
    if (seen.has(op.opId)) {
      problems.push({ opId: op.opId, path: formatPath(['ops', index, 'opId']), code: 'pb.opIdRepeated' });
      return;
    }
    seen.add(op.opId);
    ops.push(op);
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, batch: { deviceId: env.output.deviceId, batchId: env.output.batchId, ops } };
}

export type OpCheck = { ok: true; op: Op } | { ok: false; problems: Problem[] };


/**
 * One op, checked and parsed: the envelope, reserved names at any depth, the key, the stamp, and
 * the entity's field schema. On success `op` is built from the schemas' output only, so text is
 * NFC and nothing the schemas did not look at is kept. `at` prefixes paths (`['ops', 3]` → `ops[3].key`).
 */
// Problem builders of parseOp, at module level: it runs for every op of every batch, and closures
// made per call cost (the server runs under tsx, which names each one as it is made).
const withOpId = (opId: string | undefined, p: Omit<Problem, 'opId'>): Problem => (opId === undefined ? p : { opId, ...p });
const pathAt = (at: readonly (string | number)[], ...keys: (string | number)[]) => formatPath([...at, ...keys]);

export function parseOp(raw: unknown, at: readonly (string | number)[] = [], opts: CheckOptions = {}): OpCheck {
  const opId = typeof raw === 'object' && raw !== null && typeof (raw as { opId?: unknown }).opId === 'string' ? (raw as { opId: string }).opId : undefined;
  // valibot's record() skips __proto__/constructor/prototype without a word, so look first.
  const reserved = hasReservedKey(raw) ? reservedKeyPath(raw) : null;
  if (reserved) {
    return { ok: false, problems: [withOpId(opId, { path: pathAt(at, ...reserved), code: 'pb.reservedName', params: { name: String(reserved[reserved.length - 1]) } })] };
  }
  const fastEnv = fastOpEnvelope(raw);
  const env = fastEnv ? null : v.safeParse(OpSchema, raw);
  if (env && !env.success) return { ok: false, problems: env.issues.map((i) => withOpId(opId, issueToProblem(i, at))) };
  const op = fastEnv ?? env!.output!;
  const problems: Problem[] = [];
  const key = parseKey(op.entity, op.key);
  if (isKeyRefusal(key)) problems.push(withOpId(opId, { path: pathAt(at, 'key'), ...key }));
  // The stamp has passed HLC_RE: its first 15 characters are the wall time.
  if (opts.now !== undefined && Number(op.hlc.slice(0, 15)) > opts.now + MAX_DRIFT_MS) {
    problems.push(withOpId(opId, { path: pathAt(at, 'hlc'), code: 'pb.clockAhead' }));
  }
  if (Object.keys(op.fields).length === 0) {
    problems.push(withOpId(opId, { path: pathAt(at, 'fields'), code: 'pb.noFields' }));
  }
  for (const f of Object.keys(op.prev ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(op.fields, f)) {
      problems.push(withOpId(opId, { path: pathAt(at, 'prev', f), code: 'pb.prevField' }));
    }
  }
  if (!isJson(op.fields, 0)) {
    problems.push(withOpId(opId, { path: pathAt(at, 'fields'), code: 'pb.notPlainJson' }));
    return { ok: false, problems };
  }
  const fast = FAST_FIELDS.get(op.entity)?.(op.fields);
  const fields = fast ? { success: true as const, output: fast, issues: undefined } : v.safeParse(opFieldsSchema(op.entity), op.fields);
  if (!fields.success) problems.push(...toProblems(fields.issues, [...at, 'fields']).map((p) => withOpId(opId, p)));
  if (problems.length || !fields.success) return { ok: false, problems };
  // Field order made canonical: the entity schemas output their own order; the free maps (open
  // fields, prev) are sorted, so equal ops serialise to equal JSON.
  const parsedFields = fields.output as Record<string, JsonValue>;
  const out: Op = { opId: op.opId, entity: op.entity, key: op.key, fields: 'openFields' in ENTITY_DEFS[op.entity] ? sortedKeys(parsedFields) : parsedFields, hlc: op.hlc };
  if (op.prev) out.prev = sortedKeys(op.prev);
  return { ok: true, op: out };
}

/** Problems of one op (empty when valid); see parseOp. */
export function validateOp(raw: unknown, at: readonly (string | number)[] = [], opts: CheckOptions = {}): Problem[] {
  const r = parseOp(raw, at, opts);
  return r.ok ? [] : r.problems;
}

function sortedKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k]!;
  return out;
}

/**
 * How deep a field's value may nest. A dossier as sent (the submission's snapshot) holds the
 * engine's output, whose deepest value sits about ten levels down; nothing else comes near.
 */
const MAX_JSON_DEPTH = 16;

function isJson(x: unknown, depth: number): x is JsonValue {
  if (depth > MAX_JSON_DEPTH) return false;
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return true;
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every((y) => isJson(y, depth + 1));
  if (typeof x === 'object') return Object.values(x as object).every((y) => isJson(y, depth + 1));
  return false;
}

/** The code of an envelope issue by valibot's issue type (a missing value has its own). */
const ENVELOPE_CODES: Readonly<Record<string, string>> = {
  strict_object: 'pb.wire.object', object: 'pb.wire.object', string: 'pb.wire.string', number: 'pb.wire.number',
  boolean: 'pb.wire.boolean', array: 'pb.wire.array', integer: 'pb.wire.integer', min_value: 'pb.wire.min',
  max_value: 'pb.wire.max', min_length: 'pb.wire.minLength', max_length: 'pb.wire.maxLength', uuid: 'pb.wire.uuid',
  picklist: 'pb.wire.notAllowed', literal: 'pb.wire.notAllowed', union: 'pb.wire.notAllowed', variant: 'pb.wire.notAllowed',
  regex: 'pb.wire.format', iso_date: 'pb.wire.isoDate',
};

/** A valibot issue of the envelope as a Problem: a code by the issue's type, with its requirement. */
export function issueToProblem(issue: v.BaseIssue<unknown>, at: readonly (string | number)[] = []): Problem {
  const keys = (issue.path ?? []).map((p) => {
    const k = (p as { key?: unknown }).key;
    return typeof k === 'number' ? k : String(k);
  });
  const path = at.length + keys.length ? formatPath([...at, ...keys]) : '$';
  if (issue.type === 'strict_object' && issue.expected === 'never') return { path, code: 'pb.wire.unknownField' };
  if ((issue.type === 'object' || issue.type === 'string') && issue.input === undefined) return { path, code: 'pb.wire.required' };
  const code = Object.prototype.hasOwnProperty.call(ENVELOPE_CODES, issue.type) ? ENVELOPE_CODES[issue.type] : undefined;
  const req = issue.requirement;
  const reqText = typeof req === 'number' || typeof req === 'string' ? String(req) : '';
  // min, max, minLength, maxLength name their requirement.
  if (code) return code.startsWith('pb.wire.m') ? { path, code, params: { req: reqText } } : { path, code };
  // Schema messages of the domain carry their code; read them as the domain does.
  const [p] = toProblems([issue]);
  return { path, code: p!.code, ...(p!.params ? { params: p!.params } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Fields per entity: built from the registry (src/domain/schemas/fields.ts), the same the app
// validates with.

/** The fast paths of the entities that have one (all fields counts and flags). */
const FAST_FIELDS = new Map(ENTITY_NAMES.flatMap((e) => {
  const f = fastFieldsOf(e);
  return f ? [[e, f] as const] : [];
}));

/** The schema of an op's `fields` for one entity: only that entity's fields, each optional. */
export function entityFieldsSchema(entity: EntityName): v.GenericSchema<unknown> {
  return opFieldsSchema(entity);
}
