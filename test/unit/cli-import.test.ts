// The real `npm run import -- <file> --dry-run`, spawned as a process: one JSON document on stdout in
// the shape ({ rows, problems, unknownColumns }), exit 2 on any problem, 0 when clean,
// 1 when the file cannot be opened (nothing on stdout).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => join(root, 'test/fixtures/sheets', name);
const tmp = mkdtempSync(join(tmpdir(), 'xht-cli-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run import -- <file> --dry-run', () => {
  it('a clean sheet: exit 0, rows with the sheet row, the village and the glossary keys', () => {
    const file = join(tmp, 'sach.csv');
    writeFileSync(file, '\uFEFFMã thôn,Tên thôn,Tổng số hộ gia đình,Thôn được công nhận "Cộng đồng học tập" cấp thôn\r\nT01,Thôn Làng Mạ,312,Có\r\n,Thôn Gò Ra,188,Không\r\n');
    const r = run(file, '--dry-run');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      rows: [
        { row: 2, village: { code: 'T01', name: 'Thôn Làng Mạ' }, fields: { households: 312, villageRecognized: true } },
        { row: 3, village: { name: 'Thôn Gò Ra' }, fields: { households: 188, villageRecognized: false } },
      ],
      problems: [],
      unknownColumns: [],
    });
  });

  it('a sheet with problems: exit 2, each problem with row, column letter, field and both languages', () => {
    const r = run(fixture('lo-ba-to-2025.xlsx'), '--dry-run');
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['rows', 'problems', 'unknownColumns']);
    expect(doc.rows).toHaveLength(5);
    expect(doc.problems[0]).toEqual({
      row: 8, column: 'E', field: 'familiesRegistered',
      vi: 'Dòng 8, cột E: số hộ đăng ký "Gia đình học tập" (450) không được lớn hơn tổng số hộ gia đình (405)',
      en: 'Row 8, column E: households registered as Learning Family (450) must not exceed total households (405)',
    });
    expect(doc.unknownColumns).toEqual([{ column: 'L', header: 'Ghi chú' }, { column: 'M', header: 'Ngày cập nhật' }]);
  });

  it('a file refused whole: exit 2, no rows, one problem with row and column null', () => {
    const r = run(fixture('lo-password.xlsx'), '--dry-run');
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.rows).toEqual([]);
    expect(doc.problems).toEqual([{ row: null, column: null, field: null, vi: expect.stringContaining('mật khẩu'), en: expect.stringContaining('password') }]);
  });

  it('a missing file or a wrong command: exit 1, nothing on stdout', () => {
    const missing = run(join(tmp, 'khong-co.xlsx'), '--dry-run');
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('Không tìm thấy tệp');
    const noFlag = run(fixture('lo-ba-to-2025.xlsx'));
    expect(noFlag.status).toBe(1);
    expect(noFlag.stdout).toBe('');
    expect(noFlag.stderr).toContain('--dry-run');
  });
});
