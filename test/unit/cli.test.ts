// The real `assess` CLI, spawned as a process: every sample in shared/domain/samples against its
// expected.json (as the samples' README says), and bad input (exit 2, paths on stderr, empty stdout).
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
  level: number; eligibleLevel: number; eligibility: unknown;
  levels: Record<string, { status: string; indicators: Record<string, { status: string; gap: number | null }> }>;
}

const samples = readdirSync(samplesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('CLI on the shared samples', () => {
  it('finds the samples beside the repository', () => {
    expect(samples).toEqual(expect.arrayContaining(['level-2-waiting', 'meets-level-1', 'missing-data', 'one-indicator-short']));
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
      for (const [levelNo, exp] of Object.entries(expected.levels)) {
        const level = out.levels.find((l: { level: number }) => String(l.level) === levelNo);
        expect(level.status, `level ${levelNo}`).toBe(exp.status);
        const byId = new Map(level.criteria.flatMap((c: { indicators: { id: string }[] }) => c.indicators).map((i: { id: string }) => [i.id, i]));
        for (const [id, e] of Object.entries(exp.indicators)) {
          const got = byId.get(id) as { status: string; gap: number | null };
          expect(got.status, `level ${levelNo} ${id}`).toBe(e.status);
          if (e.gap !== null) expect(got.gap, `level ${levelNo} ${id} gap`).toBe(e.gap);
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

  it('refuses a bad commune with one "path: vi / en" line per problem, exit 2, nothing on stdout', () => {
    const input = JSON.parse(readFileSync(join(samplesDir, 'meets-level-1', 'input.json'), 'utf8'));
    input.villages[3].familiesRecognized = 9999;
    input.villages[5].code = 'T01';
    input.asOf = '2025-02-30';
    input.answers['TC9.1'] = { met: true };
    input.thresholds = { 'TC5.1': { 2: 70.25 } };
    const r = runCli([write('bad.json', JSON.stringify(input))]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf(':')))).toEqual(expect.arrayContaining([
      'villages[3].familiesRecognized', 'villages[5].code', 'asOf', 'answers["TC9.1"]', 'thresholds["TC5.1"]["2"]',
    ]));
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l).toMatch(/^\S+: .+ \/ .+$/);
    expect(r.stderr).toContain('villages[3].familiesRecognized: Số hộ được công nhận "Gia đình học tập" (9999) không được lớn hơn số hộ đăng ký "Gia đình học tập" (366)');
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
