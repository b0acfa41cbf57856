// Issue #13 item 7, one way to choose words: no Vietnamese sentence is written outside the one
// catalog (src/i18n) but in the few places that hold domain data or documents, and every code of
// the catalog has its Vietnamese and its English. The English of each part is typed Mirror<typeof
// vi> (src/i18n/words.ts), so the compiler refuses a missing or an extra code; this reads the parts
// themselves so that a part left untyped, or a sentence written in a module, fails too.
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (p: string) => readFileSync(`${root}${p}`, 'utf8');

/** A letter only Vietnamese writes (a, e, o… with its marks, đ). */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/**
 * Where Vietnamese may be written outside src/i18n, and why. Anything else that a person reads is
 * a code of the catalog. Comments do not count (they may quote the circular's terms).
 */
const ALLOWED: Record<string, string> = {
  'src/domain/catalog/': "the circular's criteria and indicators, as written in Thông tư 25/2023/TT-BGDĐT",
  'src/domain/schemas/labels.ts': "the glossary's labels (docs/domain/glossary.md), said exactly as written",
  'src/domain/entities/': "each entity's glossary label",
  'src/domain/demo-commune.ts': "the demo commune's names (Xã Ba Tô, its villages, its officer)",
  'src/dossier/': "the commune's papers: documents in Vietnamese only, by papers.md",
  'src/review/papers/': "the receiver's papers, likewise",
  'src/export/': 'the spreadsheets the app writes: documents with Vietnamese headings and titles',
  'src/import/columns.ts': 'the headings a person may have typed in a sheet, matched as written',
  'src/domain/fold.ts': 'folding Vietnamese letters to compare names and make ids (đ → d)',
};

/** The source text with its comments blanked, strings, templates and regular expressions kept. */
function withoutComments(src: string): string {
  let out = '';
  let i = 0;
  const n = src.length;
  const braces: number[] = [];
  let depth = 0;
  let prev = '';
  const copy = (k = 1) => {
    out += src.slice(i, i + k);
    i += k;
  };
  const quoted = (q: string) => {
    copy();
    while (i < n && src[i] !== q && src[i] !== '\n') copy(src[i] === '\\' ? 2 : 1);
    if (i < n) copy();
  };
  const template = () => {
    while (i < n) {
      if (src[i] === '\\') copy(2);
      else if (src[i] === '`') return copy();
      else if (src[i] === '$' && src[i + 1] === '{') {
        copy(2);
        braces.push(depth++);
        return;
      } else copy();
    }
  };
  while (i < n) {
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      for (i += 2; i < n && !(src[i] === '*' && src[i + 1] === '/'); i++) if (src[i] === '\n') out += '\n';
      i += 2;
    } else if (c === '"' || c === "'") {
      quoted(c);
      prev = 'a';
    } else if (c === '`') {
      copy();
      template();
      prev = 'a';
    } else if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev))) {
      // A regular expression.
      copy();
      let inClass = false;
      while (i < n && src[i] !== '\n' && (inClass || src[i] !== '/')) {
        if (src[i] === '[') inClass = true;
        else if (src[i] === ']') inClass = false;
        copy(src[i] === '\\' ? 2 : 1);
      }
      if (i < n) copy();
      prev = 'a';
    } else {
      if (c === '{') depth++;
      if (c === '}' && --depth === braces[braces.length - 1]) {
        braces.pop();
        copy();
        template();
        prev = 'a';
        continue;
      }
      copy();
      if (!/\s/.test(c)) prev = c;
    }
  }
  return out;
}

/** The app's, the server's and the CLI's modules (tests beside them excepted), tracked or new. */
const modules = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'server'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));

describe('one catalog of words', () => {
  it('the comment stripper keeps strings and drops comments', () => {
    const src = "const a = 'Xã // không' ; // Thôn\n/* Ấp */ const b = `x${'{'}Đ` + /[đ]\\//.source;\n";
    expect(withoutComments(src)).toBe("const a = 'Xã // không' ; \n const b = `x${'{'}Đ` + /[đ]\\//.source;\n");
  });

  it('no Vietnamese outside src/i18n but domain data and documents', () => {
    const found: string[] = [];
    const used = new Set<string>();
    for (const f of modules) {
      if (f.startsWith('src/i18n/')) continue;
      const lines = withoutComments(read(f)).split('\n');
      const hits = lines.flatMap((l, i) => (VIETNAMESE.test(l) ? [`${f}:${i + 1}: ${l.trim().slice(0, 100)}`] : []));
      if (!hits.length) continue;
      const allowed = Object.keys(ALLOWED).find((a) => (a.endsWith('/') ? f.startsWith(a) : f === a));
      if (allowed) used.add(allowed);
      else found.push(...hits);
    }
    expect(found).toEqual([]);
    // The list stays honest: every place it allows still needs it.
    expect(Object.keys(ALLOWED).filter((a) => !used.has(a))).toEqual([]);
    expect(modules.length).toBeGreaterThan(100);
  });

  const parts = readdirSync(`${root}src/i18n/vi`).filter((f) => f.endsWith('.ts')).sort();

  it('every part has its English, typed as the mirror of its Vietnamese', () => {
    expect(readdirSync(`${root}src/i18n/en`).filter((f) => f.endsWith('.ts')).sort()).toEqual(parts);
    for (const p of parts) expect(read(`src/i18n/en/${p}`), p).toMatch(/export const words: Mirror<typeof vi> = \{/);
  });

  it('every code has a Vietnamese and an English entry, and no two parts share a code', async () => {
    const owner = new Map<string, string>();
    for (const p of parts) {
      const vi = (await import(`../../src/i18n/vi/${p}`)).words as Record<string, unknown>;
      const en = (await import(`../../src/i18n/en/${p}`)).words as Record<string, unknown>;
      expect(Object.keys(en).sort(), p).toEqual(Object.keys(vi).sort());
      for (const [code, entry] of Object.entries(vi)) {
        expect(owner.get(code), `${code} in ${p} and ${owner.get(code)}`).toBeUndefined();
        owner.set(code, p);
        for (const e of [entry, en[code]]) {
          expect(typeof e === 'function' || (typeof e === 'string' && e.trim() !== ''), `${p} ${code}`).toBe(true);
        }
      }
    }
    expect(owner.size).toBeGreaterThan(300);
  });
});
