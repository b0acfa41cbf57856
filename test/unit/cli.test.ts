// The real `assess` CLI, spawned as a process: every sample in docs/domain/samples against its
// expected.json (as the samples' README says: level, eligibleLevel, eligibility, held, each level's
// status, each criterion's, each indicator's status and gap), and bad input (exit 2, the field's
// path on stderr, empty stdout), one case per refusal of assess-format.md.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const samplesDir = resolve(repoRoot, 'docs/domain/samples');
const CLI = 'src/cli/assess.ts';

function runCli(args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: repoRoot, input: stdin ?? '', encoding: 'utf8', timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Expected {
  level: number; eligibleLevel: number; eligibility: unknown; held: unknown;
  levels: Record<string, {
    status: string;
    criteria: Record<string, string>;
    indicators: Record<string, { status: string; gap: number | { trained: number; university: number } | null }>;
  }>;
}

const samples = readdirSync(samplesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('CLI on the shared samples', () => {
  it('finds the samples beside the repository', () => {
    expect(samples).toEqual(['difficult-area', 'level-2-waiting', 'meets-level-1', 'missing-data', 'one-indicator-short']);
  });

  for (const name of samples) {
    it(`${name}: output matches expected.json`, () => {
      const dir = join(samplesDir, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      const r = runCli([join(dir, 'input.json')]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.level).toBe(expected.level);
      expect(out.eligibleLevel).toBe(expected.eligibleLevel);
      expect(out.eligibility).toEqual(expected.eligibility);
      expect(out.held).toEqual(expected.held);
      expect(Object.keys(expected.levels).sort()).toEqual(['1', '2']);
      for (const [levelNo, exp] of Object.entries(expected.levels)) {
        const level = out.levels.find((l: { level: number }) => String(l.level) === levelNo);
        expect(level.status, `level ${levelNo}`).toBe(exp.status);
        expect(Object.fromEntries(level.criteria.map((c: { id: string; status: string }) => [c.id, c.status])), `level ${levelNo} criteria`).toEqual(exp.criteria);
        expect(Object.keys(exp.indicators)).toHaveLength(15);
        const byId = new Map(level.criteria.flatMap((c: { indicators: { id: string }[] }) => c.indicators).map((i: { id: string }) => [i.id, i]));
        for (const [id, e] of Object.entries(exp.indicators)) {
          const got = byId.get(id) as { status: string; gap: unknown };
          expect(got.status, `level ${levelNo} ${id}`).toBe(e.status);
          if (e.gap !== null) expect(got.gap, `level ${levelNo} ${id} gap`).toEqual(e.gap);
        }
      }
    });
  }

  it('reads stdin with "-"', () => {
    const input = readFileSync(join(samplesDir, 'one-indicator-short', 'input.json'), 'utf8');
    const r = runCli(['-'], input);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).level).toBe(0);
  });
});

describe('CLI on bad input', () => {
  let tmp = '';
  beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'xht-cli-')); });
  afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

  function write(name: string, content: string): string {
    const p = join(tmp, name);
    writeFileSync(p, content);
    return p;
  }

  const base = () => JSON.parse(readFileSync(join(samplesDir, 'meets-level-1', 'input.json'), 'utf8'));

  it('refuses a bad commune with one "path: vi / en" line per problem, exit 2, nothing on stdout', () => {
    const input = base();
    input.villages[3].familiesRecognized = 9999;
    input.villages[5].code = 'T01';
    input.asOf = '2026-02-30';
    input.answers['TC9.1'] = { met: true };
    input.thresholds = { 'TC5.1': { 2: 70 } };
    const r = runCli([write('bad.json', JSON.stringify(input))]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf(':'))).sort()).toEqual([
      'answers["TC9.1"]', 'asOf', 'thresholds', 'villages[3].familiesRecognized', 'villages[5].code',
    ]);
    for (const l of lines) expect(l).toMatch(/^\S+: .+ \/ .+$/);
    expect(r.stderr).toContain(`villages[3].familiesRecognized: Số hộ được công nhận "Gia đình học tập" (9999) không được lớn hơn số hộ đăng ký "Gia đình học tập" (${input.villages[3].familiesRegistered})`);
  });

  // Every refusal of assess-format.md, alone: the path named on stderr, nothing on stdout.
  const refusals: { name: string; edit: (i: Record<string, any>) => void; path: string; says: RegExp }[] = [
    { name: 'a year before 2024', edit: (i) => { i.year = 2023; }, path: 'year', says: /từ 2024 trở đi/ },
    { name: 'asOf inside the assessment year', edit: (i) => { i.asOf = '2025-12-31'; }, path: 'asOf', says: /phải sau năm đánh giá 2025/ },
    { name: 'asOf before the assessment year', edit: (i) => { i.asOf = '2024-06-01'; }, path: 'asOf', says: /phải sau năm đánh giá/ },
    { name: 'a decision after asOf', edit: (i) => { i.asOf = '2026-02-20'; i.history = [{ level: 1, decidedOn: '2026-03-01' }]; }, path: 'history[0].decidedOn', says: /sau ngày gửi hồ sơ/ },
    { name: 'a decision after the default asOf (28/02)', edit: (i) => { i.history = [{ level: 1, decidedOn: '2026-03-01' }]; }, path: 'history[0].decidedOn', says: /2026-02-28/ },
    { name: 'a thresholds key', edit: (i) => { i.thresholds = {}; }, path: 'thresholds', says: /ngưỡng là của Thông tư 25\/2023\/TT-BGDĐT/ },
    { name: 'an answer for a standard indicator', edit: (i) => { i.answers['TC4.2'] = { met: true }; }, path: 'answers["TC4.2"]', says: /không phải dạng có\/không/ },
    { name: 'an answer for a ratio indicator', edit: (i) => { i.answers['TC5.1'] = { met: true }; }, path: 'answers["TC5.1"]', says: /không phải dạng có\/không/ },
    { name: 'an unknown indicator', edit: (i) => { i.answers['TC5.3'] = { met: true }; }, path: 'answers["TC5.3"]', says: /Không có chỉ tiêu "TC5.3"/ },
    { name: 'university above trained', edit: (i) => { i.villages[2].university = i.villages[2].trained + 1; }, path: 'villages[2].university', says: /không được lớn hơn số người được đào tạo/ },
    { name: 'trained above citizens', edit: (i) => { i.villages[1].trained = i.villages[1].citizens + 1; i.villages[1].university = 0; }, path: 'villages[1].trained', says: /không được lớn hơn số người từ 15 tuổi trở lên/ },
    { name: 'university above citizens when trained is absent', edit: (i) => { delete i.villages[0].trained; i.villages[0].university = i.villages[0].citizens + 1; }, path: 'villages[0].university', says: /số người từ 15 tuổi trở lên/ },
    { name: 'a negative trained count', edit: (i) => { i.villages[0].trained = -1; }, path: 'villages[0].trained', says: /không được là số âm/ },
    { name: 'difficultArea that is not yes/no', edit: (i) => { i.figures.difficultArea = 'có'; }, path: 'figures.difficultArea', says: /Xã thuộc vùng khó khăn phải là có hoặc không/ },
    { name: 'primary education level 4', edit: (i) => { i.figures.pcgdPrimary = 4; }, path: 'figures.pcgdPrimary', says: /từ 0 đến 3/ },
    { name: 'a note inside an evidence entry', edit: (i) => { i.answers['TC1.1'].evidence[0].note = 'x'; }, path: 'answers["TC1.1"].evidence[0].note', says: /"note"/ },
    { name: 'an evidence date that is not a real date', edit: (i) => { i.answers['TC1.1'].evidence[0].date = '2025-02-29'; }, path: 'answers["TC1.1"].evidence[0].date', says: /ngày có thật/ },
    { name: 'a duplicate village code', edit: (i) => { i.villages[1].code = i.villages[0].code; }, path: 'villages[1].code', says: /bị trùng/ },
    { name: 'an unknown catalog', edit: (i) => { i.catalog = 'tt25-2024'; }, path: 'catalog', says: /tt25-2023/ },
  ];
  for (const c of refusals) {
    it(`refuses ${c.name}: exit 2, ${c.path} on stderr`, () => {
      const input = base();
      c.edit(input);
      const r = runCli([write(`${c.path.replace(/\W/g, '_')}.json`, JSON.stringify(input))]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines.map((l) => l.slice(0, l.indexOf(': ')))).toEqual([c.path]);
      expect(lines[0]).toMatch(c.says);
      expect(lines[0]).toMatch(/^\S+: .+ \/ .+$/);
    });
  }

  it('accepts an issuer on evidence, an asOf on 1 January after the year, a decision on asOf itself', () => {
    const input = base();
    input.answers['TC1.1'].evidence[0].issuer = 'UBND xã Đạt Mức Một';
    input.asOf = '2026-01-01';
    input.history = [{ level: 1, decidedOn: '2026-01-01' }];
    const r = runCli([write('good.json', JSON.stringify(input))]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).held).toEqual({ level: 1, decidedOn: '2026-01-01', validUntil: '2029-12-31' });
  });

  it('refuses text that is not JSON with exit 2', () => {
    const r = runCli([write('not.json', '{"catalog": "tt25-2023", ')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\$: Nội dung không phải JSON hợp lệ .* \/ The content is not valid JSON/);
  });

  it('refuses an empty stdin with exit 2', () => {
    const r = runCli(['-'], '');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('exits 1 with a clear message for a missing file', () => {
    const missing = join(tmp, 'khong-co.json');
    expect(existsSync(missing)).toBe(false);
    const r = runCli([missing]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Không tìm thấy tệp "${missing}"`);
  });

  it('exits 1 with the usage when no file is given', () => {
    const r = runCli([]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/npm run assess -- <tệp\.json \| ->/);
  });
});
