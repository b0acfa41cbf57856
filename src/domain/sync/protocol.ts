// The wire protocol between the app and the server: valibot schemas of a sync batch and its ops,
// key and field validation per entity, and the request/response types of /api/v1/*.
// Pure data and validation: no fetch, no storage. The client and the server both import it.
import * as v from 'valibot';
import { ENTITIES, type EntityName, type JsonValue, type Op } from './op.ts';
import { DEFAULT_CATALOG_ID, catalogs, findIndicator } from '../catalog/index.ts';
import { OP_FIELDS_SCHEMAS } from '../schemas/entities.ts';
import { formatPath, msg, toProblems } from '../schemas/problems.ts';
import { CODE_RE, MAX_YEAR, MIN_YEAR } from './limits.ts';

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

/** Vai trò — what a device token may do. */
export type Role = 'collector' | 'officer' | 'chair' | 'reviewer';
export const ROLES: readonly Role[] = ['collector', 'officer', 'chair', 'reviewer'];
/** Roles whose tokens may send ops; chair and reviewer only read. */
export const WRITE_ROLES: readonly Role[] = ['collector', 'officer'];

// ---------------------------------------------------------------------------------------------
// Envelope schemas

const ENTITY_NAMES = Object.keys(ENTITIES) as [EntityName, ...EntityName[]];
/** A stamp made by formatHlc with a node of safe characters. */
export const HLC_RE = /^\d{15}-\d{6}-[A-Za-z0-9_.:-]{1,64}$/;
/** A field name: letters, digits and `_.@-`; never `__proto__`. */
const FIELD_RE = /^(?!__proto__$)[A-Za-z0-9_.@-]{1,64}$/;
/** Device and batch ids: what a UUID or a short random id looks like. */
const ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** One op as it travels; `fields` are checked per entity by validateBatch. */
export const OpSchema = v.strictObject({
  opId: v.pipe(v.string(), v.uuid()),
  entity: v.picklist(ENTITY_NAMES),
  key: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  fields: v.record(v.pipe(v.string(), v.regex(FIELD_RE)), v.unknown()),
  hlc: v.pipe(v.string(), v.regex(HLC_RE)),
  prev: v.optional(v.record(v.pipe(v.string(), v.regex(FIELD_RE)), v.pipe(v.string(), v.regex(HLC_RE)))),
});

/** POST /api/v1/sync body. */
export const SyncBatchSchema = v.strictObject({
  deviceId: v.pipe(v.string(), v.regex(ID_RE)),
  batchId: v.pipe(v.string(), v.regex(ID_RE)),
  ops: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(MAX_BATCH_OPS)),
});

/** POST /api/v1/enroll body. */
export const EnrollRequestSchema = v.strictObject({
  code: v.pipe(v.string(), v.minLength(4), v.maxLength(64)),
  deviceId: v.optional(v.pipe(v.string(), v.regex(ID_RE))),
  deviceName: v.optional(v.pipe(v.string(), v.maxLength(100))),
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

export interface EnrollRequest {
  code: string;
  deviceId?: string;
  deviceName?: string;
}

/** The commune a token belongs to. */
export interface CommuneInfo {
  code: string;
  name: string;
  province: string;
  villages: { code: string; name: string }[];
}

export interface EnrollResponse {
  /** Bearer token: send as `Authorization: Bearer <token>`. Shown once; the server keeps a hash. */
  token: string;
  commune: CommuneInfo;
  role: Role;
  /** The villages a collector is limited to; absent when not limited. */
  villages?: string[];
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

/** One reason a batch was refused; `path` is inside the op (`fields.households`) or the body. */
export interface Problem {
  opId?: string;
  path: string;
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
  | 'too-large'
  | 'rate-limited'
  | 'internal';

/** Every non-2xx answer of the API. */
export interface ErrorResponse {
  error: ErrorCode;
  message_vi: string;
  message_en: string;
  problems?: Problem[];
}

// ---------------------------------------------------------------------------------------------
// Keys

/** The parts of a key, by entity. */
export interface KeyParts {
  commune: string;
  village?: string;
  year?: number;
  indicatorId?: string;
  decisionId?: string;
}


const KEY_SHAPES: Record<EntityName, readonly ('commune' | 'village' | 'year' | 'indicatorId' | 'decisionId')[]> = {
  commune: ['commune'],
  village: ['commune', 'village'],
  villageCounts: ['commune', 'year', 'village'],
  communeFigures: ['commune', 'year'],
  answer: ['commune', 'year', 'indicatorId'],
  decision: ['commune', 'decisionId'],
  dossier: ['commune', 'year'],
};

/** Splits a key by its entity's format; a string is a Vietnamese + English reason. */
export function parseKey(entity: EntityName, key: string, isIndicator: (id: string) => boolean = isAnswerIndicator): KeyParts | { vi: string; en: string } {
  const shape = KEY_SHAPES[entity];
  const parts = key.split('/');
  const want = shape.map((s) => `{${s}}`).join('/');
  if (parts.length !== shape.length) {
    return { vi: `Khóa "${key}" sai dạng, cần ${want}`, en: `Key "${key}" is malformed, expected ${want}` };
  }
  const out: KeyParts = { commune: '' };
  for (let i = 0; i < shape.length; i++) {
    const name = shape[i]!;
    const seg = parts[i]!;
    if (name === 'year') {
      const y = /^\d{4}$/.test(seg) ? Number(seg) : NaN;
      if (!(y >= MIN_YEAR && y <= MAX_YEAR)) {
        return { vi: `Năm "${seg}" không hợp lệ (${MIN_YEAR}–${MAX_YEAR})`, en: `Year "${seg}" is not valid (${MIN_YEAR}–${MAX_YEAR})` };
      }
      out.year = y;
    } else if (name === 'indicatorId') {
      if (!isIndicator(seg)) {
        return { vi: `Chỉ tiêu "${seg}" không có trong bộ tiêu chí (hoặc không phải dạng có/không)`, en: `Indicator "${seg}" is not a yes/no indicator of the catalog` };
      }
      out.indicatorId = seg;
    } else {
      if (!CODE_RE.test(seg)) {
        return { vi: `Mã "${seg}" trong khóa không hợp lệ`, en: `Code "${seg}" in the key is not valid` };
      }
      out[name] = seg;
    }
  }
  return out;
}

/** Whether `id` is a yes/no indicator of the default catalog (answers are keyed by them). */
export function isAnswerIndicator(id: string): boolean {
  const catalog = catalogs[DEFAULT_CATALOG_ID];
  return !!catalog && findIndicator(catalog, id)?.kind === 'yes-no';
}

// ---------------------------------------------------------------------------------------------
// Batch validation

export type BatchCheck = { ok: true; batch: SyncBatch } | { ok: false; problems: Problem[] };

/**
 * Checks a parsed JSON body as a sync batch: the envelope, then every op's key and fields with the
 * entity schemas. Reports every problem found (one list, each with the opId when known), so a
 * refused batch can be fixed in one go. Authorization is the server's business, not this.
 */
export function validateBatch(body: unknown): BatchCheck {
  const problems: Problem[] = [];
  const env = v.safeParse(SyncBatchSchema, body);
  if (!env.success) {
    return { ok: false, problems: env.issues.map((i) => issueToProblem(i)) };
  }
  const ops: Op[] = [];
  const seen = new Set<string>();
  env.output.ops.forEach((raw, index) => {
    const opProblems = validateOp(raw, ['ops', index]);
    if (opProblems.length) {
      problems.push(...opProblems);
      return;
    }
    const op = raw as Op;
    if (seen.has(op.opId)) {
      problems.push({ opId: op.opId, path: formatPath(['ops', index, 'opId']), vi: 'opId bị lặp trong cùng một lô', en: 'opId repeated within the batch' });
      return;
    }
    seen.add(op.opId);
    ops.push(op);
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, batch: { deviceId: env.output.deviceId, batchId: env.output.batchId, ops } };
}

/** Problems of one op (empty when valid). `at` prefixes paths, e.g. `['ops', 3]` → `ops[3].key`. */
export function validateOp(raw: unknown, at: readonly (string | number)[] = []): Problem[] {
  const opId = typeof raw === 'object' && raw !== null && typeof (raw as { opId?: unknown }).opId === 'string' ? (raw as { opId: string }).opId : undefined;
  const withId = (p: Omit<Problem, 'opId'>): Problem => (opId === undefined ? p : { opId, ...p });
  const path = (...keys: (string | number)[]) => formatPath([...at, ...keys]);
  const env = v.safeParse(OpSchema, raw);
  if (!env.success) return env.issues.map((i) => withId(issueToProblem(i, at)));
  const op = env.output;
  const problems: Problem[] = [];
  const key = parseKey(op.entity, op.key);
  if ('vi' in key) problems.push(withId({ path: path('key'), vi: key.vi, en: key.en }));
  if (Object.keys(op.fields).length === 0) {
    problems.push(withId({ path: path('fields'), vi: 'Thao tác không có trường nào', en: 'The op changes no field' }));
  }
  for (const f of Object.keys(op.prev ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(op.fields, f)) {
      problems.push(withId({ path: path('prev', f), vi: 'prev nêu một trường mà thao tác không sửa', en: 'prev names a field the op does not change' }));
    }
  }
  if (!isJson(op.fields, 0)) {
    problems.push(withId({ path: path('fields'), vi: 'Giá trị các trường phải là JSON thuần', en: 'Field values must be plain JSON' }));
    return problems;
  }
  const fields = v.safeParse(entityFieldsSchema(op.entity), op.fields);
  if (!fields.success) problems.push(...toProblems(fields.issues, [...at, 'fields']).map(withId));
  return problems;
}

function isJson(x: unknown, depth: number): x is JsonValue {
  if (depth > 8) return false;
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return true;
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every((y) => isJson(y, depth + 1));
  if (typeof x === 'object') return Object.values(x as object).every((y) => isJson(y, depth + 1));
  return false;
}

/** A valibot issue of the envelope as a Problem with a Vietnamese and an English sentence. */
export function issueToProblem(issue: v.BaseIssue<unknown>, at: readonly (string | number)[] = []): Problem {
  const keys = (issue.path ?? []).map((p) => {
    const k = (p as { key?: unknown }).key;
    return typeof k === 'number' ? k : String(k);
  });
  const path = at.length + keys.length ? formatPath([...at, ...keys]) : '$';
  const req = issue.requirement;
  const reqText = typeof req === 'number' || typeof req === 'string' ? String(req) : '';
  switch (issue.type) {
    case 'strict_object':
      if (issue.expected === 'never') return { path, vi: 'Trường không được phép', en: 'Unknown field' };
      return { path, vi: 'Cần một đối tượng', en: 'Expected an object' };
    case 'object':
      return { path, vi: issue.input === undefined ? 'Thiếu trường bắt buộc' : 'Cần một đối tượng', en: issue.input === undefined ? 'Required field missing' : 'Expected an object' };
    case 'string':
      return { path, vi: issue.input === undefined ? 'Thiếu trường bắt buộc' : 'Cần một chuỗi ký tự', en: issue.input === undefined ? 'Required field missing' : 'Expected a string' };
    case 'number':
      return { path, vi: 'Cần một số', en: 'Expected a number' };
    case 'boolean':
      return { path, vi: 'Cần giá trị có/không', en: 'Expected true or false' };
    case 'array':
      return { path, vi: 'Cần một danh sách', en: 'Expected a list' };
    case 'integer':
      return { path, vi: 'Phải là số nguyên', en: 'Must be a whole number' };
    case 'min_value':
      return { path, vi: `Phải lớn hơn hoặc bằng ${reqText}`, en: `Must be at least ${reqText}` };
    case 'max_value':
      return { path, vi: `Phải nhỏ hơn hoặc bằng ${reqText}`, en: `Must be at most ${reqText}` };
    case 'min_length':
      return { path, vi: `Quá ngắn hoặc rỗng (tối thiểu ${reqText})`, en: `Too short or empty (at least ${reqText})` };
    case 'max_length':
      return { path, vi: `Quá dài (tối đa ${reqText})`, en: `Too long (at most ${reqText})` };
    case 'uuid':
      return { path, vi: 'Phải là UUID', en: 'Must be a UUID' };
    case 'picklist':
    case 'literal':
    case 'union':
    case 'variant':
      return { path, vi: 'Giá trị không được chấp nhận', en: 'Value not allowed' };
    case 'regex':
      return { path, vi: 'Sai định dạng', en: 'Wrong format' };
    case 'iso_date':
      return { path, vi: 'Ngày phải có dạng YYYY-MM-DD', en: 'Date must be YYYY-MM-DD' };
    default: {
      // Schema messages of the domain carry both languages; split them as the domain does.
      const [p] = toProblems([issue]);
      return { path, vi: p!.vi, en: p!.en };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Fields per entity: the domain's op-field schemas (the same the app validates with), plus the
// dossier's narrative fields, which the dossier module owns and names.

const dossierFields = v.record(
  v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, msg('Tên trường của hồ sơ không hợp lệ', 'Not a valid dossier field name'))),
  v.union(
    [v.pipe(v.string(), v.maxLength(50_000)), v.boolean(), v.null(), v.pipe(v.number(), v.safeInteger())],
    msg('Trường của hồ sơ phải là chữ, có/không, số nguyên hoặc null', 'A dossier field must be text, true/false, a whole number or null'),
  ),
);

const FIELD_SCHEMAS: Record<EntityName, v.GenericSchema<unknown>> = { ...OP_FIELDS_SCHEMAS, dossier: dossierFields };

/** The schema of an op's `fields` for one entity: only that entity's fields, each optional. */
export function entityFieldsSchema(entity: EntityName): v.GenericSchema<unknown> {
  return FIELD_SCHEMAS[entity];
}
