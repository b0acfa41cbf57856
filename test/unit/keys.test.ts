// The keys module (src/domain/keys.ts): every key built and read there, its branded types, and no
// hand-built or hand-split key anywhere else in the code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  answerKey, buildKey, checkKey, communeKey, communeOfKey, countsKey, decisionKey, isKeyProblem, readKey, villageKey,
  yearKey, yearKeyOf, yearOfKey, type CommuneKey, type CountsKey, type VillageKey, type YearKey,
} from '../../src/domain/keys.ts';

const RULES = { isCode: (s: string) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/.test(s), isIndicator: (s: string) => s === 'TC1.1', minYear: 2023, maxYear: 2100 };

describe('building and reading', () => {
  it('builds each shape and reads it back', () => {
    expect(communeKey('21085')).toBe('21085');
    expect(villageKey('21085', 'T01')).toBe('21085/T01');
    expect(countsKey('21085', 2025, 'T01')).toBe('21085/2025/T01');
    expect(yearKey('21085', 2025)).toBe('21085/2025');
    expect(answerKey('21085', 2025, 'TC1.1')).toBe('21085/2025/TC1.1');
    expect(decisionKey('21085', '2024-03-20_1')).toBe('21085/2024-03-20_1');
    expect(readKey('counts', '21085/2025/T01')).toEqual({ commune: '21085', year: 2025, village: 'T01' });
    expect(readKey('answer', '21085/2025/TC1.1')).toEqual({ commune: '21085', year: 2025, indicator: 'TC1.1' });
    expect(readKey('decision', '21085/x')).toEqual({ commune: '21085', decision: 'x' });
    expect(buildKey('counts', { commune: '21085', year: 2025, village: 'T01' })).toBe('21085/2025/T01');
  });

  it.each([
    ['counts', '21085/2025'],
    ['counts', '21085//T01'],
    ['counts', '21085/25/T01'],
    ['year', '21085/2025/x'],
    ['commune', ''],
  ] as const)('readKey(%s, %s) is null', (shape, key) => {
    expect(readKey(shape, key)).toBeNull();
  });

  it('finds the commune, the year key and the year without splitting', () => {
    expect(communeOfKey('21085/2025/T01')).toBe('21085');
    expect(communeOfKey('21085')).toBe('21085');
    expect(yearKeyOf('21085/2025/T01')).toBe('21085/2025');
    expect(yearKeyOf('21085/2025')).toBe('21085/2025');
    expect(yearKeyOf('21085')).toBeNull();
    expect(yearKeyOf('/2025/T01')).toBeNull();
    expect(yearKeyOf('21085//T01')).toBeNull();
    expect(yearOfKey('21085/2025/T01')).toBe(2025);
    expect(yearOfKey('21085/T01')).toBeNull();
  });

  it('checks what may be written, naming the problem by code', () => {
    expect(checkKey('counts', '21085/2025/T01', RULES)).toEqual({ commune: '21085', year: 2025, village: 'T01' });
    expect(checkKey('counts', '21085/2025', RULES)).toEqual({ code: 'keyShape', key: '21085/2025', want: '{commune}/{year}/{village}' });
    expect(checkKey('counts', '21085/1999/T01', RULES)).toEqual({ code: 'keyYear', segment: '1999', min: 2023, max: 2100 });
    expect(checkKey('answer', '21085/2025/TC9', RULES)).toEqual({ code: 'keyIndicator', segment: 'TC9' });
    expect(checkKey('village', '21085/T 01', RULES)).toEqual({ code: 'keyCode', segment: 'T 01' });
    expect(isKeyProblem(checkKey('village', '21085/T01', RULES))).toBe(false);
  });
});

describe('branded types', () => {
  it('a village key cannot stand where a commune key is expected', () => {
    const takesCommune = (k: CommuneKey) => k;
    const takesYear = (k: YearKey) => k;
    const v: VillageKey = villageKey('21085', 'T01');
    const c: CountsKey = countsKey('21085', 2025, 'T01');
    // @ts-expect-error a village key is not a commune key
    takesCommune(v);
    // @ts-expect-error a counts key is not a year key
    takesYear(c);
    // @ts-expect-error a plain string is not a key: keys come from keys.ts
    takesCommune('21085');
    expect(takesCommune(communeKey('21085'))).toBe('21085');
    // Every key is still a string where a string is asked (the wire, Dexie, SQL).
    const s: string = v;
    expect(s).toBe('21085/T01');
  });
});

describe('no key is built or split outside keys.ts', () => {
  const ROOT = join(import.meta.dirname, '../..');
  function* files(dir: string): Generator<string> {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) yield* files(p);
      else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts')) yield p;
    }
  }
  it('finds no `${a}/${b}` template and no split("/") on a key in src/ and server/', () => {
    const offenders: string[] = [];
    for (const dir of ['src', 'server']) {
      for (const f of files(join(ROOT, dir))) {
        const rel = relative(ROOT, f);
        if (rel === 'src/domain/keys.ts') continue;
        readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
          // Keys are built of ids/years: a template joining two interpolations with a slash.
          const built = /`\$\{[\w.?!]+\}\/\$\{[\w.?!]+\}/.test(line) && !/key=\{`/.test(line) && !/\/\$\{(?:total|suffix|t\.villages\.length|ctx\.\w+)\}/.test(line) && !/\$\{d\}\/\$\{m\}/.test(line) && !line.trimStart().startsWith('/**') && !line.trimStart().startsWith('*');
          const split = /\bkey\.split\('\/'\)|\.split\('\/'\)\[\d\]/.test(line);
          if (built || split) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
      }
    }
    expect(offenders).toEqual([]);
  });
});
