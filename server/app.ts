// The Hono app: /api/v1 routes (enroll, me, sync, changes), token auth, limits, request logs,
// and the built app's files. Talks to storage only through the Store interface; never writes
// part of a batch, never logs a token or a code.
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import * as v from 'valibot';
import {
  API_PREFIX,
  DEFAULT_CHANGES_LIMIT,
  EnrollRequestSchema,
  MAX_BODY_BYTES,
  MAX_CHANGES_LIMIT,
  issueToProblem,
  validateBatch,
  type EnrollResponse,
  type ErrorCode,
  type ErrorResponse,
  type MeResponse,
  type ProvinceHeadsResponse,
  type Problem,
  type WireProblem,
  type SyncResponse,
} from '../src/domain/sync/protocol.ts';
import { apiWords, withWords } from '../src/i18n/refusals.ts';
import { codeHash, hashSecret, identityRefusals, newToken, principalOf, writeRefusal } from './auth.ts';
import { readRefusal, readsProvince, writesAnything } from '../src/domain/access/index.ts';
import { communeOfKey, isProvinceKey, provinceId } from '../src/domain/keys.ts';
import { MAX_YEAR, MIN_YEAR } from '../src/domain/sync/limits.ts';
import { ensureProvinceStream, provinceRegister, serverAssessment } from './province.ts';
import { BLOB_PATH, MAX_COMMUNE_EVIDENCE_BYTES, MAX_EVIDENCE_BYTES } from '../src/domain/evidence/index.ts';
import { silentLogger, type Logger } from './log.ts';
import { createLimiter, type RateLimit } from './rate-limit.ts';
import { API_CSP, COMMON_SECURITY_HEADERS, appCsp } from './security-headers.ts';
import { staticHandler } from './static.ts';
import type { Store, TokenGrant } from './store/store.ts';
import type { FileStore } from './files/index.ts';
import { blobRoutes } from './blob-routes.ts';

export interface AppOptions {
  store: Store;
  /** Evidence bytes (PUT/GET /blobs/{sha256}); the routes answer 404 without it. */
  files?: FileStore;
  /** Most bytes of evidence one commune keeps (413 commune-full above). */
  communeEvidenceBytes?: number;
  log?: Logger;
  /** Folder of the built app; no static serving when absent. */
  staticDir?: string;
  /** Largest request body in bytes (413 above). */
  maxBodyBytes?: number;
  /** Requests per token. */
  rate?: RateLimit;
  /** Enrolment attempts per client address (guessing codes must be slow). */
  enrollRate?: RateLimit;
  /** Reverse proxies in front that append to X-Forwarded-For (0: the socket address is the client). */
  trustProxy?: number;
  /** Origins besides its own the app may sync with (CSP connect-src). */
  syncOrigins?: string[];
  now?: () => number;
}

export type Env = { Variables: { grant: TokenGrant; logFields: Record<string, string | number> } };

/**
 * Headers of every API answer: the security headers, the API's deny-all CSP and CORS (any origin:
 * auth is a bearer token, never a cookie, so there is nothing ambient to abuse).
 */
const API_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_SECURITY_HEADERS,
  'Content-Security-Policy': API_CSP,
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After,Date',
};
/** The answer to a CORS preflight (the app may be served from elsewhere: vite dev, another host). */
const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  ...API_HEADERS,
  'Access-Control-Max-Age': '86400',
  'Access-Control-Allow-Methods': 'GET,POST,PUT,OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization,Content-Type',
};
const JSON_TYPE = { 'Content-Type': 'application/json' } as const;

/**
 * An API answer built in one go, its headers a plain object: the Node adapter then writes it
 * straight to the socket. (Setting headers on Hono's `c.res` before or after the handler makes
 * it build web Headers, a web Response and a stream of the body for every request, which cost
 * the event loop more than checking a 50-op batch.)
 */
function answer(status: number, body: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | null, headers?: Record<string, string>): Response {
  return new Response(body, { status, headers: headers ? { ...API_HEADERS, ...headers } : API_HEADERS });
}
const answerJson = (status: number, value: unknown, headers?: Record<string, string>): Response => answer(status, JSON.stringify(value), headers ? { ...JSON_TYPE, ...headers } : JSON_TYPE);

/** A request header, from Node's own parsed headers when served by Node (no web Headers built). */
function header(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const v = incoming.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** A JSON error answer in the shape every client expects. */
export function fail(_c: Context, status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503, error: ErrorCode, problems?: Problem[], headers?: Record<string, string>): Response {
  // The words of the code and of each problem, from the one catalog (src/i18n).
  const { vi, en } = apiWords(error);
  const body: ErrorResponse = { error, message_vi: vi, message_en: en };
  if (problems?.length) body.problems = problems.map((p): WireProblem => withWords(p));
  return answerJson(status, body, headers);
}

export function createApp(opts: AppOptions): Hono<Env> {
  const { store } = opts;
  const log = opts.log ?? silentLogger;
  const now = opts.now ?? Date.now;
  const limitToken = createLimiter(opts.rate ?? { capacity: 120, perSecond: 10 });
  const limitEnroll = createLimiter(opts.enrollRate ?? { capacity: 10, perSecond: 0.2 });
  const maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const app = new Hono<Env>();

  // One log line per request: what was asked, by whom (token id, never the token), how it ended.
  app.use('*', async (c, next) => {
    const start = performance.now();
    c.set('logFields', {});
    let status = 500;
    try {
      await next();
      status = c.res.status;
    } finally {
      const extra = c.get('logFields');
      log(status >= 500 ? 'error' : 'info', 'request', { method: c.req.method, path: c.req.path, status, ms: Math.round((performance.now() - start) * 10) / 10, ...extra });
    }
  });

  // Security headers on every answer; the app's pages get the full CSP here, the API's answers
  // carry theirs and a deny-all CSP from the start (API_HEADERS).
  const csp = appCsp(opts.syncOrigins);
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/api/')) return;
    for (const [k, v] of Object.entries(COMMON_SECURITY_HEADERS)) c.res.headers.set(k, v);
    c.res.headers.set('Content-Security-Policy', csp);
  });

  // gzip where it pays: the app's files here, pages of changes in their route (tens of KB of
  // repetitive JSON, which phones pay for byte by byte). Not the small answers of /sync, /me,
  // /enroll: a receipt and a list of opIds shrink by a few hundred bytes for a compressor's CPU.
  const gzip = compress();
  app.use('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : gzip(c, next)));

  app.onError((err, c) => {
    c.get('logFields').error = err instanceof Error ? err.message : String(err);
    return fail(c, 500, 'internal');
  });

  const api = new Hono<Env>();
  // The app may be served from elsewhere (vite dev, a settings screen pointing at this server):
  // a preflight is answered here; every other answer carries the CORS headers (API_HEADERS).
  api.use('*', async (c, next) => (c.req.method === 'OPTIONS' ? answer(204, null, PREFLIGHT_HEADERS) : next()));
  // The unread rest of a refused body would poison a kept-alive connection: close it after the 413.
  const tooLarge = (c: Context) => fail(c, 413, 'too-large', undefined, { Connection: 'close' });
  // A body declared over the cap is refused before a byte of it is read; one sent without a
  // length (chunked) as soon as it passes the cap, in readBody.
  api.use('*', async (c, next) => {
    const length = header(c, 'content-length');
    // An evidence file has its own cap (MAX_EVIDENCE_BYTES), checked by its route.
    const cap = c.req.path.startsWith(`${API_PREFIX}${BLOB_PATH}/`) ? MAX_EVIDENCE_BYTES : maxBody;
    if (length !== undefined && !(Number(length) <= cap)) return tooLarge(c);
    await next();
  });

  /**
   * The request body as text, at most maxBody bytes. Read straight from Node's request stream
   * (the node-server adapter hands it over as `incoming`): no web Request and ReadableStream are
   * built per batch, which cost the event loop more than parsing the batch did.
   */
  const readBody = async (c: Context): Promise<string | 'too-large'> => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming) {
      const text = await c.req.text(); // app.fetch without a Node server (tests)
      return Buffer.byteLength(text) > maxBody ? 'too-large' : text;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of incoming as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBody) return 'too-large';
      chunks.push(chunk);
    }
    return UTF8.decode(Buffer.concat(chunks, size));
  };
  const readJson = async (c: Context): Promise<{ ok: true; body: unknown } | { ok: false; tooLarge?: true }> => {
    const text = await readBody(c);
    if (text === 'too-large') return { ok: false, tooLarge: true };
    try {
      return { ok: true, body: JSON.parse(text) as unknown };
    } catch {
      return { ok: false };
    }
  };

  api.post('/enroll', async (c) => {
    const addr = clientAddress(c, opts.trustProxy ?? 0);
    const wait = limitEnroll(`enroll:${addr}`, now());
    if (wait) return fail(c, 429, 'rate-limited', undefined, { 'Retry-After': String(wait) });
    const parsed = await readJson(c);
    if (!parsed.ok) return parsed.tooLarge ? tooLarge(c) : fail(c, 400, 'bad-request', [{ path: '(body)', code: 'pb.bodyNotJson' }]);
    const req = v.safeParse(EnrollRequestSchema, parsed.body);
    if (!req.success) return fail(c, 400, 'bad-request', req.issues.map((i) => issueToProblem(i)));
    const token = newToken();
    // A phone enrolling again proves it is the device it names with the token it already holds.
    const proof = /^Bearer\s+([A-Za-z0-9_-]{20,100})$/.exec(header(c, 'authorization') ?? '');
    const redeemed = await store.redeemCode(
      codeHash(req.output.code),
      hashSecret(token),
      { deviceId: req.output.deviceId ?? null, deviceName: req.output.deviceName ?? null, proofTokenHash: proof ? hashSecret(proof[1]!) : null },
      now(),
    );
    if (redeemed.kind === 'bad-code') return fail(c, 401, 'bad-code');
    if (redeemed.kind === 'device-taken') return fail(c, 409, 'device-taken', [{ path: 'deviceId', code: 'pb.deviceTaken' }]);
    const { grant } = redeemed;
    const commune = await store.getCommune(grant.commune);
    if (!commune) return fail(c, 500, 'internal');
    Object.assign(c.get('logFields'), { tid: grant.id, role: grant.role, commune: grant.commune });
    const res: EnrollResponse = { token, commune, role: grant.role, person: grant.person };
    if (grant.villages) res.villages = grant.villages;
    return answerJson(200, res);
  });

  // Everything below needs a live token.
  api.use('*', async (c, next) => {
    const m = /^Bearer\s+([A-Za-z0-9_-]{20,100})$/.exec(header(c, 'authorization') ?? '');
    const grant = m ? await store.tokenGrant(hashSecret(m[1]!)) : null;
    if (!grant) return fail(c, 401, 'unauthorized', undefined, { 'WWW-Authenticate': 'Bearer' });
    c.set('grant', grant);
    Object.assign(c.get('logFields'), { tid: grant.id, role: grant.role, commune: grant.commune });
    const wait = limitToken(grant.id, now());
    if (wait) return fail(c, 429, 'rate-limited', undefined, { 'Retry-After': String(wait) });
    await next();
  });

  api.get('/me', async (c) => {
    const grant = c.get('grant');
    const commune = await store.getCommune(grant.commune);
    if (!commune) return fail(c, 500, 'internal');
    const res: MeResponse = { commune, role: grant.role, person: grant.person, deviceId: grant.deviceId, deviceName: grant.deviceName };
    if (grant.villages) res.villages = grant.villages;
    if (readsProvince(grant.role)) res.communes = await store.communesInProvince(grant.province);
    return answerJson(200, res);
  });

  api.post('/sync', async (c) => {
    const grant = c.get('grant');
    if (!writesAnything(grant.role)) {
      return fail(c, 403, 'forbidden', [{ path: '(token)', code: 'pb.sendReadOnly' }]);
    }
    const parsed = await readJson(c);
    if (!parsed.ok) return parsed.tooLarge ? tooLarge(c) : fail(c, 400, 'bad-request', [{ path: '(body)', code: 'pb.bodyNotJson' }]);
    const checked = validateBatch(parsed.body, { now: now() });
    if (!checked.ok) {
      c.get('logFields').problems = checked.problems.length;
      return fail(c, 400, 'invalid-batch', checked.problems);
    }
    const { batch } = checked;
    // Who may write what first (403, each op named), with each op's commune's province.
    const provinces = new Map<string, string | null>();
    for (const op of batch.ops) {
      const c = communeOfKey(op.key);
      if (!provinces.has(c)) provinces.set(c, c === grant.commune ? grant.province : (await store.getCommune(c))?.province ?? null);
    }
    const refused = identityRefusals(grant, batch);
    batch.ops.forEach((op, i) => {
      const why = writeRefusal(grant, op, (c) => provinces.get(c) ?? null);
      if (why) refused.push({ opId: op.opId, path: `ops[${i}].key`, ...why });
    });
    if (refused.length) return fail(c, 403, 'forbidden', refused);
    // A batch goes to one stream: the first part of its keys (a commune, or a province's own records).
    // A commune's phone writes its commune's; a reviewer's device one commune's review, or its province's.
    const stream = communeOfKey(batch.ops[0]!.key);
    const mixed = batch.ops.flatMap((op, i) => (communeOfKey(op.key) === stream ? [] : [{
      opId: op.opId, path: `ops[${i}].key`, code: 'pb.mixedBatch', params: { op: communeOfKey(op.key), batch: stream },
    }]));
    if (mixed.length) return fail(c, 400, 'invalid-batch', mixed);
    // The province's own stream is made on its first write (the policy has allowed it by now).
    if (isProvinceKey(stream) && grant.province) await ensureProvinceStream(store, grant.province);
    const result = await store.applyBatch({
      commune: stream, deviceId: batch.deviceId, batchId: batch.batchId, tokenId: grant.id, ops: batch.ops, now: now(),
      who: { role: grant.role, person: grant.person, province: grant.province },
    });
    if (result.kind === 'conflict') {
      const index = new Map(batch.ops.map((op, i) => [op.opId, i]));
      return fail(
        c,
        409,
        'op-conflict',
        result.opIds.map((opId) => ({ opId, path: `ops[${index.get(opId) ?? 0}]`, code: 'pb.opIdConflict' })),
      );
    }
    if (result.kind === 'invalid') {
      c.get('logFields').problems = result.problems.length;
      return fail(c, 400, 'invalid-batch', result.problems);
    }
    if (result.kind === 'locked') return fail(c, 409, 'year-locked', result.problems);
    Object.assign(c.get('logFields'), { ops: batch.ops.length, applied: result.applied.length, known: result.known.length, receipt: result.receipt });
    const res: SyncResponse = { applied: result.applied, known: result.known, receipt: result.receipt, cursor: result.cursor };
    return answerJson(200, res);
  });

  api.get('/changes', async (c) => {
    const grant = c.get('grant');
    const since = intParam(c.req.query('since'), 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = intParam(c.req.query('limit'), DEFAULT_CHANGES_LIMIT, 1, MAX_CHANGES_LIMIT);
    if (since === null || limit === null) {
      return fail(c, 400, 'bad-request', [{ path: '(query)', code: 'pb.changesQuery', params: { max: MAX_CHANGES_LIMIT } }]);
    }
    const commune = c.req.query('commune') ?? grant.commune;
    // The access policy's read side: one's own commune, or (a province reviewer) any commune of the province.
    const province = commune === grant.commune ? grant.province : (await store.getCommune(commune))?.province ?? null;
    if (readRefusal(principalOf(grant), { commune, province })) {
      return fail(c, 403, 'forbidden', [{ path: 'commune', code: 'pb.readOtherCommune' }]);
    }
    const page = await store.changes(commune, since, limit);
    c.get('logFields').ops = page.json.length;
    // A ChangesResponse, written out from the ops' stored JSON (see Store.changes).
    const body = `{"ops":[${page.json.join(',')}],"nextCursor":${page.lastSeq ?? since},"hasMore":${page.hasMore}}`;
    const type = { 'Content-Type': 'application/json; charset=UTF-8', Vary: 'Accept-Encoding' };
    if (body.length >= GZIP_MIN_CHARS && acceptsGzip(header(c, 'accept-encoding'))) {
      // Level 1 in the zlib thread pool: most of level 6's saving on JSON, a fraction of its CPU,
      // and none of it on the event loop that serves every other phone.
      return answer(200, new Uint8Array(await gzipAsync(body, { level: 1 })), { ...type, 'Content-Encoding': 'gzip' });
    }
    return answer(200, body, type);
  });

  /** The year of `?year=`, or a 400 answer naming the field. */
  const yearOf = (c: Context): number | Response => {
    const y = intParam(c.req.query('year'), NaN, MIN_YEAR, MAX_YEAR);
    return y === null || Number.isNaN(y)
      ? fail(c, 400, 'bad-request', [{ path: 'year', code: 'pb.yearQuery', params: { min: MIN_YEAR, max: MAX_YEAR } }])
      : y;
  };

  // The server's own assessment of a commune (assess-format.md's output) from the synced data, with
  // the same engine: to the commune's own roles and its province's reviewers.
  api.get('/communes/:code/assessment', async (c) => {
    const grant = c.get('grant');
    const code = c.req.param('code');
    const year = yearOf(c);
    if (typeof year !== 'number') return year;
    const commune = isProvinceKey(code) ? null : await store.getCommune(code);
    if (readRefusal(principalOf(grant), { commune: code, province: commune?.province ?? null }) || (!commune && !readsProvince(grant.role))) {
      return fail(c, 403, 'forbidden', [{ path: 'code', code: 'pb.readOtherCommune' }]);
    }
    if (!commune) return fail(c, 404, 'not-found', [{ path: 'code', code: 'pb.noCommune', params: { code } }]);
    return c.json(await serverAssessment(store, code, year));
  });

  // The register of the province's year, for its reviewers: every commune with its dossier's state,
  // the level the server computes and its titles.
  api.get('/register', async (c) => {
    const grant = c.get('grant');
    if (!readsProvince(grant.role)) return fail(c, 403, 'forbidden', [{ path: '(token)', code: 'pb.registerReviewersOnly' }]);
    const year = yearOf(c);
    if (typeof year !== 'number') return year;
    return c.json({ province: grant.province, year, communes: await provinceRegister(store, grant.province, year) });
  });

  // For a reviewer's pull: each commune of its province with the last seq of its feed (and the
  // province's own stream), so a device pulls only what moved since its cursors (resumable).
  api.get('/province/heads', async (c) => {
    const grant = c.get('grant');
    if (!readsProvince(grant.role)) return fail(c, 403, 'forbidden', [{ path: '(token)', code: 'pb.reviewersOnly' }]);
    const heads = await store.communeHeads(grant.province);
    const stream = provinceId(grant.province);
    const res: ProvinceHeadsResponse = {
      province: grant.province,
      stream: { id: stream, seq: heads.find((h) => h.id === stream)?.seq ?? 0 },
      communes: await Promise.all(heads.filter((h) => !isProvinceKey(h.id)).map(async (h) => ({ ...h, villages: (await store.getCommune(h.id))?.villages ?? [] }))),
    };
    return c.json(res);
  });

  if (opts.files) blobRoutes(api, { store, files: opts.files, communeBytes: opts.communeEvidenceBytes ?? MAX_COMMUNE_EVIDENCE_BYTES, fail, tooLarge, answer, answerJson });

  api.all('*', (c) => fail(c, 404, 'not-found'));
  app.route(API_PREFIX, api);
  app.all(`${API_PREFIX}/*`, (c) => fail(c, 404, 'not-found'));
  app.all('/api/*', (c) => fail(c, 404, 'not-found'));

  if (opts.staticDir) {
    const serve = staticHandler(opts.staticDir);
    app.on(['GET', 'HEAD'], '*', serve);
  }
  return app;
}

/** UTF-8 as the web's Request.text() reads it (a leading BOM dropped, bad bytes replaced). */
const UTF8 = new TextDecoder();

/** Pages of changes shorter than this go as they are (a few ops: the header costs as much). */
const GZIP_MIN_CHARS = 2048;
const gzipAsync = promisify(gzipCallback);

/** Whether an Accept-Encoding header takes gzip (named, and not with q=0). */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [name, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    if (name !== 'gzip') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function intParam(raw: string | undefined, dflt: number, min: number, max: number): number | null {
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d{1,16}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

/**
 * The client's address: the socket's, or behind `trustProxy` proxies, the address the outermost
 * trusted one saw (each proxy appends its peer to X-Forwarded-For, so count from the right; what
 * lies further left was written by the client and proves nothing).
 */
export function clientAddress(c: Context, trustProxy: number): string {
  let socket = 'unknown';
  try {
    socket = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // not a Node request (tests calling app.fetch directly)
  }
  if (trustProxy <= 0) return socket;
  const hops = (header(c, 'x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  return hops[hops.length - trustProxy] ?? hops[0] ?? socket;
}
