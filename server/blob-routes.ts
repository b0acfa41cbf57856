// Evidence files over HTTP (issue #15): PUT /api/v1/blobs/{sha256} stores the bytes once they hash
// to their name (400 otherwise), up to MAX_EVIDENCE_BYTES (413), JPEG or PDF only (415), within
// the commune's total (413 commune-full), and answers a repeat the same way; GET serves a file to
// the devices of a commune that holds it and to that commune's province reviewer, 404 to anyone
// else (a hash names no file of theirs). Both ask the one access policy (src/domain/access). Talks
// to the bytes only through the FileStore port; never keeps a byte that failed its check.
import type { Context, Hono } from 'hono';
import type { IncomingMessage } from 'node:http';
import { readRefusal, writeRefusal } from '../src/domain/access/index.ts';
import { ENTITY } from '../src/domain/entities/index.ts';
import { BLOB_PATH, MAX_EVIDENCE_BYTES, SNIFF_BYTES, isSha256Hex, sniffKind } from '../src/domain/evidence/index.ts';
import type { ErrorCode, Problem } from '../src/domain/sync/protocol.ts';
import type { Env } from './app.ts';
import { principalOf, refusalProblem } from './auth.ts';
import { FileStoreError, type FileBody, type FileStore } from './files/index.ts';
import type { Store } from './store/store.ts';

type Fail = (c: Context, status: 400 | 403 | 404 | 413 | 415, error: ErrorCode, problems?: Problem[], headers?: Record<string, string>) => Response;

export interface BlobRouteDeps {
  store: Store;
  files: FileStore;
  /** Most bytes of evidence one commune keeps. */
  communeBytes: number;
  fail: Fail;
  tooLarge: (c: Context) => Response;
  /** The API's answers (server/app.ts): its plain headers (security, CSP, CORS) and these. */
  answer: (status: number, body: ReadableStream<Uint8Array>, headers: Record<string, string>) => Response;
  answerJson: (status: number, value: unknown) => Response;
}

const TYPES = { jpeg: 'image/jpeg', pdf: 'application/pdf' } as const;

const MB = 1_000_000;

/** Mounts the two routes on the API (after its token check). */
export function blobRoutes(api: Hono<Env>, d: BlobRouteDeps): void {
  const { files, fail } = d;
  const badHash = (c: Context) => fail(c, 400, 'bad-request', [{ path: 'sha256', code: 'pb.blobHash' }]);

  api.put(`${BLOB_PATH}/:sha256`, async (c) => {
    const sha256 = c.req.param('sha256');
    if (!isSha256Hex(sha256)) return badHash(c);
    const grant = c.get('grant');
    const why = writeRefusal(principalOf(grant), { entity: ENTITY.attachment, commune: grant.commune, province: grant.province });
    if (why) return fail(c, 403, 'forbidden', [{ path: '(token)', ...refusalProblem(why) }]);
    Object.assign(c.get('logFields'), { blob: sha256.slice(0, 12) });

    const owners = await files.owners(sha256);
    const owned = owners.includes(grant.commune);
    const used = owned ? 0 : await files.usage(grant.commune);
    const declared = Number(c.req.header('content-length') ?? NaN);
    const full = () => fail(c, 413, 'commune-full', [{ path: '(body)', code: 'pb.communeEvidenceUsed', params: { used: Math.round(used / MB), cap: Math.round(d.communeBytes / MB) } }], { Connection: 'close' });
    if (!owned && Number.isFinite(declared) && used + declared > d.communeBytes) return full();

    let result: { created: boolean; size: number };
    try {
      result = await files.put(sha256, bodyOf(c), { maxBytes: MAX_EVIDENCE_BYTES, kinds: ['jpeg', 'pdf'] });
    } catch (e) {
      if (!(e instanceof FileStoreError)) throw e;
      c.get('logFields').refused = e.code;
      switch (e.code) {
        case 'too-large': return d.tooLarge(c);
        case 'wrong-kind': return fail(c, 415, 'wrong-kind', [{ path: '(body)', code: 'pb.blobKind' }], { Connection: 'close' });
        case 'hash-mismatch': return fail(c, 400, 'hash-mismatch', [{ path: 'sha256', code: 'pb.blobMismatch' }], { Connection: 'close' });
        case 'bad-hash': return badHash(c);
        default: return fail(c, 400, 'bad-request', [{ path: '(body)', code: 'pb.blobCutOff' }], { Connection: 'close' });
      }
    }
    if (!owned && used + result.size > d.communeBytes) {
      // Sent without a length and over the total: not kept for this commune (nor at all, if nobody else holds it).
      if (result.created && (await files.owners(sha256)).length === 0) await files.delete(sha256);
      return full();
    }
    if (!owned) await files.claim(sha256, grant.commune);
    c.get('logFields').bytes = result.size;
    // A repeat is answered exactly as the first time: the file is held, once.
    return d.answerJson(200, { sha256, size: result.size });
  });

  api.get(`${BLOB_PATH}/:sha256`, async (c) => {
    const sha256 = c.req.param('sha256');
    if (!isSha256Hex(sha256)) return badHash(c);
    const grant = c.get('grant');
    const principal = principalOf(grant);
    let allowed = false;
    for (const owner of await files.owners(sha256)) {
      const province = owner === grant.commune ? grant.province : (await d.store.getCommune(owner))?.province ?? null;
      if (!readRefusal(principal, { commune: owner, province })) {
        allowed = true;
        break;
      }
    }
    // Not held by any commune this device may read: as if it were not there at all.
    const file = allowed ? await files.get(sha256) : null;
    if (!file) return fail(c, 404, 'not-found');
    const { head, stream } = await peek(file.stream, SNIFF_BYTES);
    const kind = sniffKind(head);
    return d.answer(200, stream, {
      'Content-Type': kind === 'jpeg' || kind === 'pdf' ? TYPES[kind] : 'application/octet-stream',
      'Content-Length': String(file.size),
      // The bytes under a hash never change; only this device's user may see them.
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: `"${sha256}"`,
      'X-Content-Type-Options': 'nosniff',
    });
  });
}

/** The request body as it arrives: Node's request stream (no copy), or the web body (tests without Node). */
function bodyOf(c: Context): FileBody {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) return incoming as unknown as AsyncIterable<Uint8Array>;
  return c.req.raw.body ?? new Uint8Array(0);
}

/** The first `n` bytes of a stream (fewer if it is shorter) and the whole stream again. */
async function peek(stream: ReadableStream<Uint8Array>, n: number): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
  const reader = stream.getReader();
  const seen: Uint8Array[] = [];
  let got = 0;
  let done = false;
  while (got < n) {
    const r = await reader.read();
    if (r.done) { done = true; break; }
    seen.push(r.value);
    got += r.value.byteLength;
  }
  const head = new Uint8Array(Math.min(got, n));
  let at = 0;
  for (const s of seen) {
    if (at >= head.length) break;
    const take = s.subarray(0, head.length - at);
    head.set(take, at);
    at += take.length;
  }
  const again = new ReadableStream<Uint8Array>({
    start(ctl) {
      for (const s of seen) ctl.enqueue(s);
      if (done) ctl.close();
    },
    async pull(ctl) {
      const r = await reader.read();
      if (r.done) ctl.close();
      else ctl.enqueue(r.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { head, stream: again };
}
