// The Vietnamese words of every screen (issue #11, item 8): one spelling of khóa/xóa, "mức độ"
// never "Mức 1/2/3", nothing "tạm tính", no software words a cadre would not use ("cấu hình",
// "tệp JSON", "production", ".docx", "bộ nhớ bền vững"), "đã khóa" and not "đã chốt". Read from the
// string tables themselves, so a new string is checked the day it is written.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tt25_2023 } from '../../src/domain/catalog/tt25-2023.ts';
import { EVIDENCE_ERROR_CODES, evidenceErrorMessage, STAGE_LABELS } from '../../src/evidence/messages.ts';
import { VILLAGE_COUNT_HINTS, VILLAGE_COUNT_LABELS, COMMUNE_FIGURE_LABELS, OTHER_LABELS } from '../../src/domain/schemas/labels.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (p: string) => readFileSync(`${root}${p}`, 'utf8');
const FORBIDDEN: [RegExp, string][] = [
  [/khoá|xoá|Khoá|Xoá/, 'khóa/xóa, one spelling'],
  [/Mức [0-9{]/, '"mức độ", not "Mức 1/2/3"'],
  [/tạm tính/, 'nothing is provisional'],
  [/cấu hình/, 'no "cấu hình"'],
  [/JSON/, 'no "tệp JSON"'],
  [/production/i, 'no "production"'],
  [/\.docx/, '"tệp Word", not ".docx"'],
  [/bền vững/, 'say what it does, not "bộ nhớ bền vững"'],
  [/đã chốt|Đã chốt/, '"đã khóa", not "đã chốt"'],
];

/**
 * Parts whose messages are about what a program or a file sent (the problems of an input, the
 * server's answers): they name its format, JSON, by its name. Every other rule holds for them.
 */
const FORMAT_PARTS = new Set(['src/i18n/vi/problems.ts', 'src/i18n/vi/wire.ts', 'src/i18n/vi/refusals.ts', 'src/i18n/vi/api.ts']);

/** The Vietnamese of the one catalog (src/i18n/vi/, every part), comments left out. */
const catalogParts = readdirSync(`${root}src/i18n/vi`).filter((f) => f.endsWith('.ts')).sort();

const sources: [string, string][] = [
  ...catalogParts.map((f): [string, string] => [`src/i18n/vi/${f}`, read(`src/i18n/vi/${f}`).replace(/^\s*\/\/.*$/gm, '')]),
  ['catalog tt25-2023 (vi)', JSON.stringify(tt25_2023.criteria.map((c) => [c.text.vi, c.indicators.map((i) => [i.text.vi, i.level2Text?.vi])]))],
  ['src/evidence/messages.ts (vi)', JSON.stringify([
    ...EVIDENCE_ERROR_CODES.map((c) => evidenceErrorMessage(c, { name: 'a.jpg', sizeMb: 7.2, maxMb: 5, megapixels: 60, maxMegapixels: 50 })),
    STAGE_LABELS.vi,
  ])],
  ['glossary labels (vi)', JSON.stringify([VILLAGE_COUNT_LABELS, COMMUNE_FIGURE_LABELS, OTHER_LABELS, VILLAGE_COUNT_HINTS].map((t) => Object.values(t).map((x) => x?.vi)))],
];

describe('the Vietnamese words of the screens', () => {
  it('the catalog has its parts', () => {
    expect(catalogParts).toEqual(expect.arrayContaining(['shell.ts', 'screens.ts', 'dashboard.ts', 'dossier.ts', 'excel.ts']));
  });

  for (const [name, text] of sources) {
    it(`${name}: ${FORBIDDEN.map(([, why]) => why).join('; ')}`, () => {
      expect(text.length).toBeGreaterThan(200);
      for (const [re, why] of FORBIDDEN) {
        if (FORMAT_PARTS.has(name) && why === 'no "tệp JSON"') continue;
        const m = re.exec(text);
        expect(m ? `${why}: …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…` : null).toBeNull();
      }
    });
  }
});
