// `npm run admin -- import-villages`: a clean sheet reaches the server's store as ordinary ops (in
// the changes feed a device pulls, with only the changed fields), twice changes nothing, and a file
// with any problem writes nothing. Real SQLite store in a temp folder, the demo commune seeded.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin.ts';
import { IMPORT_NODE } from '../../server/import-villages.ts';
import { seedDemoIfEmpty } from '../../server/seed.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { valuesOf } from '../../src/domain/sync/merge.ts';
import { formatHlc, parseHlc, tick } from '../../src/domain/sync/hlc.ts';
import { newOpId } from '../../src/domain/sync/op-id.ts';
import type { ChangeOp } from '../../src/domain/sync/protocol.ts';

const C = '21085';
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/sheets/${name}`, import.meta.url));
let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xht-admin-import-'));
  store = openSqliteStore(join(dir, 'db.sqlite'));
  await seedDemoIfEmpty(store);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function admin(...args: string[]) {
  let out = '';
  let err = '';
  const status = await runAdmin(args, { out: (s) => (out += s), err: (s) => (err += s), store });
  return { status, out, err };
}
async function allOps(): Promise<ChangeOp[]> {
  return (await store.changes(C, 0, 1000)).json.map((t) => JSON.parse(t) as ChangeOp);
}
function sheet(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('admin import-villages', () => {
  it('applies a clean sheet as ordinary ops: only changed fields, a new village, stamped after what they replace', async () => {
    const file = sheet('sach.csv', 'Mã thôn,Tên thôn,Tổng số hộ gia đình,Số hộ đăng ký\nT01,Thôn Làng Mạ,320,216\nT02,Thôn Gò Ra,188,137\n,Thôn Mới Lập,50,40\n');
    const before = (await allOps()).length;
    const r = await admin('import-villages', '--commune', C, '--year', '2025', file);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toContain('1 thôn mới, 1 thôn thay đổi, 1 thôn không đổi');
    const ops = (await allOps()).slice(before);
    // Issue 13: the new village gets a fresh id (never the numbered code), its code a field.
    const id = ops[1]!.key.split('/')[1]!;
    expect(id).toMatch(/^[a-z][0-9a-z]{15}$/);
    expect(ops.map((o) => [o.entity, o.key, o.fields])).toEqual([
      ['villageCounts', `${C}/2025/T01`, { households: 320 }],
      ['village', `${C}/${id}`, { name: 'Thôn Mới Lập', order: 12, code: 'T13' }],
      ['villageCounts', `${C}/2025/${id}`, { households: 50, familiesRegistered: 40 }],
    ]);
    expect(parseHlc(ops[0]!.hlc).node).toBe(IMPORT_NODE);
    expect(Object.keys(ops[0]!.prev ?? {})).toEqual(['households']);
    expect(valuesOf((await store.entityState('villageCounts', `${C}/2025/T01`))!)).toMatchObject({ households: 320, familiesRegistered: 216 });
  });

  it('the same file twice: the second run changes nothing', async () => {
    const file = sheet('sach.csv', 'Tên thôn,Tổng số hộ gia đình\nLàng Mạ,330\n');
    expect((await admin('import-villages', '--commune', C, '--year', '2025', file)).status).toBe(0);
    const n = (await allOps()).length;
    const again = await admin('import-villages', '--commune', C, '--year', '2025', file);
    expect(again.status).toBe(0);
    expect(again.out).toContain('Không có gì thay đổi');
    expect((await allOps()).length).toBe(n);
  });

  it('a sheet with any problem, a refused file, an unknown commune: exit 2, each reason listed, nothing written', async () => {
    const n = (await allOps()).length;
    const bad = await admin('import-villages', '--commune', C, '--year', '2025', fixture('lo-ba-to-2025.xlsx'));
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('Dòng 8, cột E: số hộ đăng ký "Gia đình học tập" (450) không được lớn hơn tổng số hộ gia đình (405)');
    expect(bad.err).toContain('Dòng 9, cột F:');
    const locked = await admin('import-villages', '--commune', C, '--year', '2025', fixture('lo-password.xlsx'));
    expect(locked.status).toBe(2);
    expect(locked.err).toContain('mật khẩu');
    const nowhere = await admin('import-villages', '--commune', '99999', '--year', '2025', sheet('a.csv', 'Tên thôn,Tổng số hộ gia đình\nA,1\n'));
    expect(nowhere.status).toBe(2);
    expect(nowhere.err).toContain('Không có xã 99999');
    expect((await allOps()).length).toBe(n);
  });

  it('a sheet that breaks a rule against the server\'s own figures is refused too', async () => {
    // Demo T01 2025 has 216 households registered: 200 households would be fewer.
    const r = await admin('import-villages', '--commune', C, '--year', '2025', sheet('b.csv', 'Tên thôn,Tổng số hộ gia đình\nLàng Mạ,200\n'));
    expect(r.status).toBe(2);
    expect(r.err).toContain('(so với số đã lưu)');
  });

  it('a row whose code two active villages share is refused, naming both (the file writes nothing); a unique code still goes in', async () => {
    // A phone that was offline added its own "T02" (a fresh id): the server keeps both villages.
    const now = Date.now();
    const hlc = formatHlc(tick(null, now, 'phone-b'));
    const added = await store.applyBatch({
      commune: C, deviceId: 'phone-b', batchId: 'b-dup', tokenId: 'phone-b', now,
      ops: [{ opId: newOpId(now), entity: 'village', key: `${C}/v2bnew0000000000`, fields: { code: 'T02', name: 'Thôn Gò Ra Mới', order: 13 }, hlc }],
    });
    expect(added.kind).toBe('ok');
    const n = (await allOps()).length;
    const r = await admin('import-villages', '--commune', C, '--year', '2025', sheet('d.csv', 'Mã thôn,Tổng số hộ gia đình\nT01,321\nT02,190\n'));
    expect(r.status).toBe(2);
    expect(r.err).toContain('Dòng 3, cột A: mã thôn "T02" đang dùng cho 2 thôn của xã (Thôn Gò Ra, Thôn Gò Ra Mới)');
    expect(r.err).toContain('village code "T02" is used by 2 villages of the commune (Thôn Gò Ra, Thôn Gò Ra Mới)');
    expect((await allOps()).length).toBe(n);
    const ok = await admin('import-villages', '--commune', C, '--year', '2025', sheet('e.csv', 'Mã thôn,Tổng số hộ gia đình\nT01,321\n'));
    expect(ok.status).toBe(0);
    expect((await allOps()).slice(n).map((o) => [o.entity, o.key, o.fields])).toEqual([['villageCounts', `${C}/2025/T01`, { households: 321 }]]);
  });

  it('needs --commune, --year and one file', async () => {
    expect((await admin('import-villages', '--year', '2025', 'x.csv')).status).toBe(2);
    expect((await admin('import-villages', '--commune', C, '--year', '2025')).status).toBe(2);
  });
});
