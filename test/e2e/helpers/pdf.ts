// Reading a PDF as a reviewer would, with poppler (pdfinfo, pdftotext, pdffonts) and a small reader
// of the page content streams for the font size of every glyph run (Tf size × text matrix × CTM),
// so a page shrunk to fit shows as 11,1 pt instead of 12 pt. Test helper; knows nothing of the app.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export const MM = 72 / 25.4;

export interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Page sizes (pt) of every page, from pdfinfo. */
export function pageSizes(pdf: string): { w: number; h: number }[] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ w: Number(m[1]), h: Number(m[2]) }));
}

const decodeEntities = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Every word with its box (origin top left), from pdftotext -bbox. */
export function words(pdf: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) out.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: decodeEntities(m[5]!).normalize('NFC') });
  }
  return out;
}

/** The text of each page (index 0 = page 1), spaces collapsed, NFC. */
export function pageTexts(pdf: string): string[] {
  const t = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).normalize('NFC');
  const pages = t.split('\f').map((s) => s.replace(/[ \t]+/g, ' '));
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** The whole text, lines joined with a space (so a phrase broken over two lines still reads whole). */
export function flatText(pdf: string): string {
  return pageTexts(pdf)
    .join('\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

/** The fonts of the PDF, from pdffonts. */
export function fonts(pdf: string): PdfFont[] {
  const out = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
  return out.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name, type (may be two words), encoding, emb, sub, uni, object ID (2 columns)
    const emb = cols.at(-5);
    return { name: cols[0]!, type: cols.slice(1, -6).join(' '), embedded: emb === 'yes' };
  });
}

/** One glyph run as painted: page, baseline position (pt, origin top left) and font size in pt. */
export interface GlyphRun {
  page: number;
  x: number;
  y: number;
  size: number;
}

type M = [number, number, number, number, number, number];
const mul = (a: M, b: M): M => [
  a[0] * b[0] + a[1] * b[2],
  a[0] * b[1] + a[1] * b[3],
  a[2] * b[0] + a[3] * b[2],
  a[2] * b[1] + a[3] * b[3],
  a[4] * b[0] + a[5] * b[2] + b[4],
  a[4] * b[1] + a[5] * b[3] + b[5],
];
const ID: M = [1, 0, 0, 1, 0, 0];

/** Every glyph run of every page, read from the content streams (Chromium's PDFs: Flate, one stream a page). */
export function glyphRuns(pdf: string): GlyphRun[] {
  const s = readFileSync(pdf).toString('latin1');
  const objects = new Map<number, { dict: string; start: number }>();
  for (const m of s.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = /stream\r?\n/.exec(body);
    const start = at ? m.index! + m[0].indexOf(body) + at.index + at[0].length : -1;
    objects.set(Number(m[1]), { dict: at ? body.slice(0, at.index) : body, start });
  }
  const streamOf = (id: number): string => {
    const o = objects.get(id);
    if (!o || o.start < 0) return '';
    const end = s.indexOf('endstream', o.start);
    const raw = Buffer.from(s.slice(o.start, end), 'latin1');
    return /FlateDecode/.test(o.dict) ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
  };
  // Pages in document order: the /Kids of the page tree, depth first.
  const pageIds: number[] = [];
  const walk = (id: number) => {
    const o = objects.get(id);
    if (!o) return;
    if (/\/Type\s*\/Pages\b/.test(o.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else if (/\/Type\s*\/Page\b/.test(o.dict)) pageIds.push(id);
  };
  const root = /\/Root (\d+) 0 R/.exec(s)?.[1];
  const catalog = root ? objects.get(Number(root)) : undefined;
  const pagesRoot = catalog ? /\/Pages (\d+) 0 R/.exec(catalog.dict)?.[1] : undefined;
  if (pagesRoot) walk(Number(pagesRoot));
  const runs: GlyphRun[] = [];
  pageIds.forEach((pid, i) => {
    const dict = objects.get(pid)!.dict;
    const height = Number(/\/MediaBox\s*\[\s*[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+)/.exec(dict)?.[1] ?? 841.89);
    const contents = /\/Contents\s*(?:(\d+) 0 R|\[([^\]]*)\])/.exec(dict);
    const ids = contents?.[1] ? [Number(contents[1])] : [...(contents?.[2] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
    const ops = ids.map(streamOf).join('\n');
    let ctm: M = ID;
    const stack: M[] = [];
    let tm: M = ID;
    let tlm: M = ID;
    let size = 0;
    const nums: number[] = [];
    // Tokens: numbers, operators, hex/literal strings and arrays (their contents are skipped).
    for (const m of ops.matchAll(/<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[[^\]]*\]|\/[^\s/<>[\]()]+|-?\d*\.?\d+|[A-Za-z*'"]+/g)) {
      const tok = m[0];
      if (/^-?\d*\.?\d+$/.test(tok)) {
        nums.push(Number(tok));
        continue;
      }
      const n = nums.splice(0);
      switch (tok) {
        case 'q':
          stack.push(ctm);
          break;
        case 'Q':
          ctm = stack.pop() ?? ID;
          break;
        case 'cm':
          ctm = mul(n.slice(-6) as M, ctm);
          break;
        case 'BT':
          tm = ID;
          tlm = ID;
          break;
        case 'Tf':
          size = n.at(-1) ?? size;
          break;
        case 'Tm':
          tm = n.slice(-6) as M;
          tlm = tm;
          break;
        case 'Td':
        case 'TD':
          tlm = mul([1, 0, 0, 1, n.at(-2) ?? 0, n.at(-1) ?? 0], tlm);
          tm = tlm;
          break;
        case 'Tj':
        case 'TJ':
        case "'":
        case '"': {
          const e = mul(tm, ctm);
          runs.push({ page: i + 1, x: e[4], y: height - e[5], size: size * Math.sqrt(Math.abs(e[0] * e[3] - e[1] * e[2])) });
          break;
        }
      }
    }
  });
  return runs;
}

/** Font sizes (pt, 2 decimals) of the glyph runs painted inside a word's box. */
export function sizesIn(runs: readonly GlyphRun[], w: Word): number[] {
  const inside = runs.filter((r) => r.page === w.page && r.x >= w.xMin - 0.5 && r.x <= w.xMax + 0.5 && r.y >= w.yMin - 0.5 && r.y <= w.yMax + 0.5);
  return [...new Set(inside.map((r) => Math.round(r.size * 100) / 100))];
}

/** The words of the first line (in reading order) that holds `phrase`, or [] when none does. */
export function lineWords(all: readonly Word[], phrase: string): Word[] {
  const target = phrase.split(/\s+/);
  for (let i = 0; i + target.length <= all.length; i++) {
    if (target.every((t, k) => all[i + k]!.text === t && all[i + k]!.page === all[i]!.page)) return all.slice(i, i + target.length);
  }
  return [];
}
