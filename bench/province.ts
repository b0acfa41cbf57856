// Bench part "province" (issue #14): a province of 168 communes × 24 villages (the largest since
// 2025) on the real server in-process on loopback, each commune's figures and answers pushed by
// its officer. Measures the server's assessment of every commune (GET /communes/{code}/assessment,
// against the same engine run in-process: the ratio is the server's own cost), the register's
// response (GET /register), the reviewer's first pull in Chromium with the built app (enrolled
// with the province code through the sync screen, until every commune is pulled: time, bytes,
// requests), and opening the province's list offline at 4× CPU slowdown (reload until its 168
// rows show). Reports timings, asserts none; stops what it started.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import { runAdmin } from '../server/admin.ts';
import { issueCode } from '../server/codes.ts';
import { startServer } from '../server/server.ts';
import type { AssessInput } from '../src/domain/assess-types.ts';
import { assess } from '../src/domain/readiness/assess.ts';
import type { Op } from '../src/domain/sync/op.ts';
import { batch, makeOp } from '../test/server/helpers.ts';
import { sampleInput } from '../test/unit/review-fixtures.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PROVINCE = 'Tỉnh Bench';
const YEAR = 2025;
const CPU_SLOWDOWN = 4;

export interface ProvinceBenchContext {
  distDir?: string;
  deadline?: number;
  communes?: number;
  villages?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** The ops an officer's phone sends for one commune's year: every village's counts, the figures, the answers. */
function opsOf(code: string, input: AssessInput, node: string): Op[] {
  const ops: Op[] = [];
  for (const v of input.villages) {
    const { code: vc, name: _n, ...counts } = v;
    ops.push(makeOp(`${code}/${YEAR}/${vc}`, counts as Op['fields'], 'villageCounts', node));
  }
  if (input.figures) ops.push(makeOp(`${code}/${YEAR}`, input.figures as Op['fields'], 'communeFigures', node));
  for (const [id, a] of Object.entries(input.answers ?? {})) ops.push(makeOp(`${code}/${YEAR}/${id}`, { met: a.met, ...(a.evidence ? { evidence: a.evidence } : {}), ...(a.amount !== undefined ? { amount: a.amount } : {}) } as unknown as Op['fields'], 'answer', node));
  return ops;
}

async function json(url: string, token: string | null, body?: unknown): Promise<{ status: number; bytes: number; value: unknown }> {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, bytes: Buffer.byteLength(text), value: text ? JSON.parse(text) : null };
}

export async function benchProvince(ctx: ProvinceBenchContext = {}) {
  if (process.env.BENCH_PROVINCE_COMMUNES) ctx = { ...ctx, communes: Number(process.env.BENCH_PROVINCE_COMMUNES) };
  const n = ctx.communes ?? 168;
  const villagesPer = ctx.villages ?? 24;
  const distDir = ctx.distDir ?? join(ROOT, 'dist');
  const dir = mkdtempSync(join(tmpdir(), 'xht-bench-province-'));
  const server = await startServer({
    port: 0, dbPath: join(dir, 'bench.sqlite'), staticDir: distDir,
    rate: { capacity: 1e6, perSecond: 1e6 }, enrollRate: { capacity: 1e6, perSecond: 1e6 }, log: () => undefined,
  });
  const base = sampleInput('meets-level-1');
  const per = base.villages[0]!;
  const villages = Array.from({ length: villagesPer }, (_, j) => ({ code: `T${String(j + 1).padStart(2, '0')}`, name: `Thôn ${j + 1}` }));
  const inputs: AssessInput[] = [];
  let browser: import('@playwright/test').Browser | null = null;
  try {
    // 1. The province on the server, each commune's year pushed by its officer.
    const seedStart = performance.now();
    for (let i = 0; i < n; i++) {
      const code = String(60000 + i);
      await server.store.createCommune({ code, name: `Xã Thử ${i + 1}`, province: PROVINCE, villages });
      const input: AssessInput = { ...structuredClone(base), year: YEAR, commune: { code, name: `Xã Thử ${i + 1}`, province: PROVINCE }, villages: villages.map((v) => ({ ...per, ...v })) };
      delete input.asOf;
      delete input.history;
      inputs.push(input);
      const { code: enrol } = await issueCode(server.store, { commune: code, role: 'officer', villages: null, person: `Cán bộ ${i + 1}` });
      const deviceId = `off-${randomUUID().slice(0, 8)}`;
      const e = await json(`${server.url}/api/v1/enroll`, null, { code: enrol, deviceId });
      const token = (e.value as { token: string }).token;
      const r = await json(`${server.url}/api/v1/sync`, token, batch(deviceId, opsOf(code, input, deviceId)));
      if (r.status !== 200) throw new Error(`seed sync ${r.status} ${JSON.stringify(r.value).slice(0, 300)}`);
    }
    const seedMs = performance.now() - seedStart;

    let out = '';
    if ((await runAdmin(['issue-code', '--province', PROVINCE, '--role', 'reviewer', '--name', 'Cán bộ thẩm định'], { out: (t) => (out += t), err: () => undefined, store: server.store })) !== 0) throw new Error('issue-code');
    const reviewerCode = /enrolment code: (\S+)/.exec(out)![1]!;
    // A second code for the HTTP reads (the browser redeems the first).
    let out2 = '';
    await runAdmin(['issue-code', '--province', PROVINCE, '--role', 'reviewer', '--name', 'Cán bộ đọc'], { out: (t) => (out2 += t), err: () => undefined, store: server.store });
    const readCode = /enrolment code: (\S+)/.exec(out2)![1]!;
    const token = ((await json(`${server.url}/api/v1/enroll`, null, { code: readCode, deviceId: 'bench-reader' })).value as { token: string }).token;

    // 2. The server's assessment of every commune, against the engine alone on the same inputs.
    const assessStart = performance.now();
    const each: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const r = await json(`${server.url}/api/v1/communes/${60000 + i}/assessment?year=${YEAR}`, token);
      if (r.status !== 200) throw new Error(`assessment ${r.status}`);
      each.push(performance.now() - t0);
    }
    const serverAssessAllMs = performance.now() - assessStart;
    const engineStart = performance.now();
    for (const input of inputs) assess({ ...input, asOf: `${YEAR + 1}-02-28` });
    const engineAllMs = performance.now() - engineStart;

    // 3. The register of the province's year.
    const reg: number[] = [];
    let registerBytes = 0;
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      const r = await json(`${server.url}/api/v1/register?year=${YEAR}`, token);
      reg.push(performance.now() - t0);
      registerBytes = r.bytes;
      if ((r.value as { communes: unknown[] }).communes.length !== n) throw new Error('register size');
    }

    // 4. The reviewer's first pull in Chromium with the built app, then the list offline.
    const { chromium } = await import('@playwright/test');
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    let pullBytes = 0;
    let pullRequests = 0;
    page.on('response', (res) => {
      const u = res.url();
      if (u.includes('/api/v1/changes') || u.includes('/api/v1/province/heads')) {
        pullRequests++;
        void res.body().then((b) => (pullBytes += b.length), () => undefined);
      }
    });
    await page.goto(`${server.url}/#/dong-bo`);
    await page.getByLabel('Mã đăng ký', { exact: true }).fill(reviewerCode);
    const pullStart = performance.now();
    await page.getByRole('button', { name: 'Kết nối', exact: true }).click();
    // page.evaluate awaits the promise (waitForFunction would take a pending promise as truthy).
    const pulledCount = () => page.evaluate(() => new Promise<number>((ok) => {
      const open = indexedDB.open('xa-hoc-tap');
      open.onsuccess = () => {
        const db = open.result;
        const req = db.transaction('meta', 'readonly').objectStore('meta').getAllKeys();
        req.onsuccess = () => { db.close(); ok((req.result as string[]).filter((k) => String(k).startsWith('pulledAt:') && !String(k).startsWith('pulledAt:p:')).length); };
        req.onerror = () => { db.close(); ok(0); };
      };
      open.onerror = () => ok(0);
    }));
    const pullDeadline = Date.now() + 240_000;
    while ((await pulledCount()) < n) {
      if (Date.now() > pullDeadline) throw new Error('the first pull did not finish in 240 s');
      await new Promise((ok) => setTimeout(ok, 200));
    }
    const firstPullMs = performance.now() - pullStart;


    // 5. The province's list offline, at 4× CPU slowdown, reloaded until its rows show.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await context.setOffline(true);
    await page.goto(`${server.url}/#/tinh`);
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="rv-row"]').length === count, n, { timeout: 120_000 }).catch(async (e: unknown) => {
      throw new Error(`the list did not show ${n} rows: ${(await page.evaluate(() => document.body.innerText)).slice(0, 300)} ${await page.evaluate(() => new Promise<string>((ok) => { const o = indexedDB.open('xa-hoc-tap'); o.onsuccess = () => { const r = o.result.transaction('communes').objectStore('communes').getAll(); r.onsuccess = () => ok(JSON.stringify(r.result).slice(0, 800)); }; }))} (${String(e)})`);
    });
    const opens: number[] = [];
    const shells: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      await page.reload();
      await page.waitForSelector('#main');
      shells.push(performance.now() - t0);
      await page.waitForFunction((count) => document.querySelectorAll('[data-testid="rv-row"]').length === count, n, { timeout: 120_000 });
      opens.push(performance.now() - t0);
    }
    await context.setOffline(false);
    const userAgent = await page.evaluate(() => navigator.userAgent);
    return {
      available: true,
      communes: n,
      villagesPerCommune: villagesPer,
      seedMs: Math.round(seedMs),
      serverAssessAllMs: Math.round(serverAssessAllMs),
      serverAssessP50Ms: round(median(each)),
      engineAllMs: round(engineAllMs),
      serverOverEngine: round(serverAssessAllMs / engineAllMs, 2),
      registerP50Ms: round(median(reg)),
      registerBytes,
      firstPullMs: Math.round(firstPullMs),
      firstPullBytes: pullBytes,
      firstPullRequests: pullRequests,
      openListOfflineP50Ms: Math.round(median(opens)),
      openListOfflineRuns: opens.map((x) => Math.round(x)),
      shellOfflineP50Ms: Math.round(median(shells)),
      listOverShell: round(median(opens) / median(shells), 2),
      cpuSlowdown: CPU_SLOWDOWN,
      method: `Real server (server/server.ts startServer, SQLite in a temp folder) in-process on loopback serving the built app; ${n} communes × ${villagesPer} villages of province "${PROVINCE}", each pushed by its officer as one batch (counts, figures, answers of the sample meets-level-1). Assessment: GET /communes/{code}/assessment for each commune in turn, against assess() of the same inputs in-process (serverOverEngine = server total / engine total). Register: GET /register, median of 5. First pull: Chromium (${userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? '?'}) at 360×740 enrolled through the sync screen with a province code, timed from "Kết nối" until meta pulledAt:<commune> exists for every commune; bytes = bodies of /changes and /province/heads. List offline: network off, 4× CPU slowdown (DevTools), reload of #/tinh until ${n} rows show, median of 3, beside the shell's own boot (#main present).`,
    };
  } finally {
    await browser?.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/province.ts` prints the part alone (needs a built app in dist/).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchProvince();
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
