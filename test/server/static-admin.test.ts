import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdmin } from '../../server/admin.ts';
import { seedDemoIfEmpty, demoOps } from '../../server/seed.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import { valuesOf } from '../../src/domain/sync/merge.ts';
import type { ChangesResponse, EnrollResponse } from '../../src/domain/sync/protocol.ts';
import { call, startTestServer, type TestServer } from './helpers.ts';

describe('serving the built app', () => {
  let s: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'xht-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Xã Học Tập</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install",()=>{});');
    writeFileSync(join(dist, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
    s = await startTestServer({ staticDir: dist });
  });
  afterAll(async () => {
    await s.stop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html for app routes, never cached without revalidation', async () => {
    for (const path of ['/', '/thon/T01', '/cai-dat']) {
      const res = await fetch(`${s.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('Xã Học Tập');
    }
  });

  it('revalidates sw.js and keeps hashed assets forever', async () => {
    const sw = await fetch(`${s.url}/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toContain('javascript');
    const etag = sw.headers.get('etag')!;
    const again = await fetch(`${s.url}/sw.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const asset = await fetch(`${s.url}/assets/index-AbCd1234.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log(1)');
    expect((await fetch(`${s.url}/manifest.webmanifest`)).headers.get('content-type')).toContain('manifest+json');
  });

  it('answers 404 for a missing asset instead of the HTML shell, and JSON 404 under /api', async () => {
    expect((await fetch(`${s.url}/assets/gone-12345678.js`)).status).toBe(404);
    const api = await call(s, 'GET', '/api/v2/anything');
    expect(api.status).toBe(404);
    expect(api.json).toMatchObject({ error: 'not-found' });
  });

  it('never serves a file outside the folder', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${s.url}/..%2f..%2f..%2fetc%2fpasswd`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(404);
  });
});

describe('admin CLI', () => {
  it('creates a commune, issues codes, lists and revokes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xht-admin-'));
    const db = join(dir, 'nested', 'admin.sqlite');
    const out: string[] = [];
    const io = { out: (x: string) => out.push(x), err: (x: string) => out.push(x) };
    try {
      expect(await runAdmin(['create-commune', '--db', db, '--code', '30101', '--name', 'Xã Tân Lập', '--province', 'Phú Thọ', '--village', 'T1=Thôn Một', '--village', 'T2=Thôn Hai'], io)).toBe(0);
      expect(await runAdmin(['create-commune', '--db', db, '--code', '30101', '--name', 'X', '--province', 'Y'], io)).toBe(1);
      expect(await runAdmin(['issue-code', '--db', db, '--commune', '30101', '--role', 'collector', '--villages', 'T1', '--name', 'Chị Lan'], io)).toBe(0);
      const code = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(out.join(''))![1]!;
      expect(await runAdmin(['issue-code', '--db', db, '--commune', '30101', '--role', 'collector', '--villages', 'T9', '--name', 'X'], io)).toBe(1);
      expect(await runAdmin(['issue-code', '--db', db, '--commune', '30101', '--role', 'mayor', '--name', 'X'], io)).toBe(2);
      expect(await runAdmin(['frobnicate', '--db', db], io)).toBe(2);

      // The server, on the same file, accepts the code the CLI printed.
      const s = await startTestServer({ dbPath: db });
      let id: string;
      try {
        const res = await call(s, 'POST', '/api/v1/enroll', { body: { code } });
        expect(res.status).toBe(200);
        // Issue 13: the CLI gave the commune and its villages fresh ids; the codes typed are fields.
        const made = (await s.store.listCommunes()).find((c) => c.code === '30101')!;
        expect(made.id).not.toBe('30101');
        const t1 = made.villages.find((v) => v.code === 'T1')!;
        expect(t1.id).not.toBe('T1');
        expect(res.json as EnrollResponse).toMatchObject({ role: 'collector', villages: [t1.id], commune: { id: made.id, code: '30101', name: 'Xã Tân Lập' } });
        id = (await s.store.listCodes(made.id))[0]!.id;
      } finally {
        await s.stop();
      }
      out.length = 0;
      expect(await runAdmin(['list-codes', '--db', db, '--commune', '30101'], io)).toBe(0);
      expect(out.join('')).toContain(id);
      expect(out.join('')).toContain('Chị Lan');
      expect(out.join('')).toContain('used');
      expect(out.join('')).not.toContain(code);
      expect(await runAdmin(['revoke-token', '--db', db, '--id', id], io)).toBe(0);
      expect(await runAdmin(['revoke-token', '--db', db, '--id', 'nope'], io)).toBe(1);
      const store = openSqliteStore(db);
      try {
        expect((await store.listCodes())[0]!.revokedAt).not.toBeNull();
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('first start', () => {
  it('seeds the demo commune into an empty store once, with an officer code that works', async () => {
    const s = await startTestServer();
    const dir = mkdtempSync(join(tmpdir(), 'xht-seed-'));
    const store = openSqliteStore(join(dir, 'seed.sqlite'));
    try {
      const seeded = await seedDemoIfEmpty(store);
      expect(seeded?.commune).toBe('21085');
      expect(await seedDemoIfEmpty(store)).toBeNull();
      expect((await store.stats()).ops).toBe(demoOps().length);
      const counts = await store.entityState('villageCounts', '21085/2025/T01');
      expect(valuesOf(counts!)).toMatchObject({ households: 312, familiesRecognized: 210, villageRecognized: true });
      // The test server's store already has communes: nothing is seeded there.
      expect(await seedDemoIfEmpty(s.store)).toBeNull();
    } finally {
      await store.close();
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets a device enrol with the printed code and pull the demo data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xht-seed2-'));
    const dbPath = join(dir, 'demo.sqlite');
    const store = openSqliteStore(dbPath);
    const seeded = (await seedDemoIfEmpty(store))!;
    await store.close();
    const s = await startTestServer({ dbPath }, false);
    try {
      const e = (await call(s, 'POST', '/api/v1/enroll', { body: { code: seeded.code } })).json as EnrollResponse;
      expect(e.role).toBe('officer');
      expect(e.commune.name).toBe('Xã Ba Tô');
      const page = (await call(s, 'GET', '/api/v1/changes?limit=1000', { token: e.token })).json as ChangesResponse;
      expect(page.ops.length).toBe(demoOps().length);
    } finally {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
