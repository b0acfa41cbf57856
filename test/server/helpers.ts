// Test helpers: a real server on a random loopback port over a real SQLite file in a temp folder,
// communes and enrolled devices, and a tiny JSON client. Every server is stopped by its handle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startServer, type RunningServer, type StartOptions } from '../../server/server.ts';
import { issueCode } from '../../server/codes.ts';
import { runAdmin } from '../../server/admin.ts';
import { formatHlc } from '../../src/domain/sync/hlc.ts';
import type { Op } from '../../src/domain/sync/op.ts';
import type { EnrollResponse, Role } from '../../src/domain/sync/protocol.ts';

export interface TestServer extends RunningServer {
  dir: string;
  dbPath: string;
  lines: string[];
  stop(): Promise<void>;
}

/** Starts a server with two communes in one province and one in another. */
export async function startTestServer(opts: Partial<StartOptions> = {}, withCommunes = true): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'xht-server-'));
  const dbPath = join(dir, 'test.sqlite');
  const lines: string[] = [];
  const server = await startServer({
    port: 0,
    dbPath,
    rate: { capacity: 100_000, perSecond: 100_000 },
    enrollRate: { capacity: 100_000, perSecond: 100_000 },
    log: (level, msg, fields) => lines.push(JSON.stringify({ level, msg, ...fields })),
    ...opts,
  });
  if (withCommunes) await createTestCommunes(server);
  return {
    ...server,
    dir,
    dbPath,
    lines,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createTestCommunes(server: RunningServer): Promise<void> {
  await server.store.createCommune({ code: '21085', name: 'Xã Ba Tô', province: 'Quảng Ngãi', villages: [{ code: 'T01', name: 'Thôn Một' }, { code: 'T02', name: 'Thôn Hai' }] });
  await server.store.createCommune({ code: '21086', name: 'Xã Ba Vì', province: 'Quảng Ngãi', villages: [{ code: 'T01', name: 'Thôn Một' }] });
  await server.store.createCommune({ code: '00001', name: 'Phường Phúc Xá', province: 'Hà Nội', villages: [] });
}

export interface Device {
  token: string;
  deviceId: string;
  enroll: EnrollResponse;
}

/** Issues a code through the store and redeems it over HTTP. */
export async function enrolDevice(s: TestServer, commune: string, role: Role, villages: string[] | null = null, deviceId = `dev-${randomUUID().slice(0, 8)}`): Promise<Device> {
  const { code } = await issueCode(s.store, { commune, role, villages, person: `Người ${role}` });
  const res = await call(s, 'POST', '/api/v1/enroll', { body: { code, deviceId, deviceName: 'Điện thoại thử' } });
  if (res.status !== 200) throw new Error(`enrol failed ${res.status} ${JSON.stringify(res.json)}`);
  const enroll = res.json as EnrollResponse;
  return { token: enroll.token, deviceId, enroll };
}

/** A province-wide reviewer's one-time code, issued as a person does: `npm run admin -- issue-code --province …`. */
export async function provinceReviewerCode(s: TestServer, province: string, name = 'Trần Thị Thẩm Định'): Promise<string> {
  let out = '';
  const status = await runAdmin(['issue-code', '--province', province, '--role', 'reviewer', '--name', name], { out: (t) => (out += t), err: () => {}, store: s.store });
  const m = /enrolment code: (\S+)/.exec(out);
  if (status !== 0 || !m) throw new Error(`issue-code --province failed (${status}): ${out}`);
  return m[1]!;
}

/** A province-wide reviewer's device, enrolled over HTTP with such a code. */
export async function enrolProvinceReviewer(s: TestServer, province: string, name?: string, deviceId = `rv-${randomUUID().slice(0, 8)}`): Promise<Device> {
  const code = await provinceReviewerCode(s, province, name);
  const res = await call(s, 'POST', '/api/v1/enroll', { body: { code, deviceId } });
  if (res.status !== 200) throw new Error(`enrol failed ${res.status} ${JSON.stringify(res.json)}`);
  const enroll = res.json as EnrollResponse;
  return { token: enroll.token, deviceId, enroll };
}

export interface CallResult {
  status: number;
  json: unknown;
  headers: Headers;
}

/** One HTTP request; `body` is JSON-encoded unless `raw` is given. */
export async function call(s: { url: string }, method: string, path: string, o: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body: string | undefined;
  if (o.raw !== undefined) body = o.raw;
  else if (o.body !== undefined) body = JSON.stringify(o.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${s.url}${path}`, { method, headers, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

let wall = 1_760_000_000_000;
/** A valid op; each call gets a fresh opId and a later stamp. */
export function makeOp(key: string, fields: Op['fields'], entity: Op['entity'] = 'villageCounts', node = 'dev-a'): Op {
  wall += 1;
  return { opId: randomUUID(), entity, key, fields, hlc: formatHlc({ wall, counter: 0, node }) };
}

/** The op as device `node` would send it: its stamp carries that device's node. */
export function stampedBy(op: Op, node: string): Op {
  return { ...op, hlc: op.hlc.replace(/^(\d{15}-\d{6})-.*$/, `$1-${node}`) };
}

/**
 * A batch body around ops, as device `deviceId` sends it: every op stamped with that device's node
 * (the server refuses any other; tests of that build their bodies by hand).
 */
export function batch(deviceId: string, ops: Op[], batchId: string = randomUUID()) {
  return { deviceId, batchId, ops: ops.map((op) => stampedBy(op, deviceId)) };
}
