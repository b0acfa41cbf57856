// The print view of each paper rendered by Chromium to PDF (as "In / Lưu PDF" does), read back as a
// reviewer would: every page A4 with the text inside the Nghị định 30/2020 margins, nothing scaled
// (font sizes read from the PDF's own text matrices), the print font embedded, the legal basis with
// its date and scope, the circular's wording of TC3.1, none of the words a paper must not carry,
// "DỰ THẢO" on every page of a draft and on none of a finished dossier, page numbers from page 2 of
// each paper and annex, and the signature on the page of the paper's last lines. The first page of
// each paper is kept as a PNG for review (pdftoppm).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import type { AssessInput } from '../../src/domain/assess-types.ts';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import type { Doc, DocId } from '../../src/dossier/doc.ts';
import { dossierDocs, type DossierModel } from '../../src/dossier/model.ts';
import { dossierOf } from '../unit/dossier-fixtures.ts';
import type { DossierTexts } from '../../src/dossier/texts.ts';
import { expectPrintedPaper, printPapers } from './helpers/print.ts';
import { flatText, MM, pageTexts, words, type Word } from './helpers/pdf.ts';

// The project's own copy of the reference (docs/domain), never ../shared.
const REFERENCE = fileURLToPath(new URL('../../docs/domain/', import.meta.url));
const SAMPLES = `${REFERENCE}samples/`;
const SHOTS = fileURLToPath(new URL('./__screenshots__/', import.meta.url));

/** The circular's wording of one indicator, read from the reference (not from the app's catalog). */
function officialWording(id: string): string {
  const md = readFileSync(`${REFERENCE}criteria-tt25-commune.md`, 'utf8');
  const row = md.split('\n').find((l) => l.startsWith(`| ${id} |`));
  if (!row) throw new Error(`${id} not in the reference`);
  return row.split('|')[2]!.trim().replace(/"([^"]*)"/g, '“$1”');
}

const LEGAL_BASIS =
  'Căn cứ Thông tư số 25/2023/TT-BGDĐT ngày 27/12/2023 của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về đánh giá, công nhận “Cộng đồng học tập” cấp xã, huyện, tỉnh;';
const FORBIDDEN = /tạm tính|dự án|cấu hình|production/iu;

/** Index of the last item matching, or -1 (ES2022 has no findLastIndex). */
function lastIndex<T>(list: readonly T[], ok: (x: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (ok(list[i]!)) return i;
  return -1;
}

const sample = (name: string) => JSON.parse(readFileSync(`${SAMPLES}${name}/input.json`, 'utf8')) as AssessInput;

const SIGNED: DossierTexts = {
  signerName: 'Nguyễn Văn Bình',
  signerTitle: 'PHÓ CHỦ TỊCH',
  submissionNumber: '5',
  reportNumber: '15',
  docDate: '2026-02-05',
  meetingDate: '2026-01-20',
  minutesRef: '3',
  chairName: 'Ông Nguyễn Văn Bình',
  chairTitle: 'Phó Chủ tịch Ủy ban nhân dân xã',
  secretaryName: 'Bà Trần Thị Hạnh',
  secretaryTitle: 'Công chức Văn hóa - Xã hội',
  memberKhuyenHoc: 'Ông Lê Văn An, Chủ tịch Hội Khuyến học xã',
  memberMttq: 'Bà Phạm Thị Lan, Phó Chủ tịch Ủy ban MTTQ Việt Nam xã',
  memberOrgs: 'Hội Liên hiệp Phụ nữ xã: Bà Lê Thị Cúc, Chủ tịch Hội\nHội Nông dân xã: Ông Đinh Văn Tư, Chủ tịch Hội',
  guidanceLetter: 'Công văn số 3233/SGDĐT-CTTTCNTX ngày 26/12/2024 của Sở Giáo dục và Đào tạo về việc hướng dẫn đánh giá, công nhận “Cộng đồng học tập” cấp xã năm 2025',
  pcgdEvidence: 'Quyết định số 120/QĐ-UBND ngày 15/12/2025 của Ủy ban nhân dân tỉnh',
};

function model(input: AssessInput, texts: DossierTexts): DossierModel {
  return dossierOf(input, texts, 'Ủy ban nhân dân tỉnh Quảng Ngãi');
}

/** meets-level-1 with every indicator documented, the meeting recorded and the year locked: not a draft. */
function finished(): DossierModel {
  const m = model(sample('meets-level-1'), { ...SIGNED, locked: true });
  expect(m.draft, m.warnings.map((w) => w.text).join('\n')).toBe(false);
  return m;
}

const cases: { name: string; build: () => DossierModel; draft: boolean }[] = [
  { name: 'meets-level-1 finished', build: finished, draft: false },
  { name: 'demo draft', build: () => model(structuredClone(demoCommune.years.find((y) => y.year === 2025)!), {}), draft: true },
];

/** Prints the papers as the print view does and returns the PDF's path and the pages per section. */
function print(page: Page, docs: Doc[], file: string): Promise<{ pdf: string; sections: { name: string; pages: number }[] }> {
  return printPapers(page, docs, file);
}

/** The words of one column of the summary table, in reading order (page, line, left to right). */
function columnText(doc: Doc, all: readonly Word[], column: number): string {
  const table = doc.sections[0]!.blocks.find((b) => b.kind === 'table' && b.name === 'summary');
  if (!table || table.kind !== 'table') throw new Error('no summary table');
  const total = table.widths.reduce((a, b) => a + b, 0);
  const at = (i: number) => (30 + (165 * table.widths.slice(0, i).reduce((a, b) => a + b, 0)) / total) * MM;
  const [left, right] = [at(column), at(column + 1)];
  return all
    .filter((w) => w.yMin > 20 * MM && w.xMin >= left - 0.5 && w.xMax <= right + 0.5)
    .sort((a, b) => a.page - b.page || Math.round(a.yMin) - Math.round(b.yMin) || a.xMin - b.xMin)
    .map((w) => w.text)
    .join(' ')
    .normalize('NFC');
}

const BODY_LINE: Record<DocId, string> = {
  submission: 'Căn cứ Thông tư số',
  report: 'Căn cứ Thông tư số',
  summary: 'Tổng hợp: đạt',
  minutes: 'Thời gian bắt đầu:',
};
const CLOSING: Record<DocId, RegExp> = {
  submission: /Kính trình .* xem xét, quyết định\.\/\./,
  report: /kính báo cáo\.\/\./,
  summary: /Tổng hợp: đạt/,
  minutes: /Cuộc họp kết thúc vào lúc/,
};

for (const c of cases) {
  test(`each paper of ${c.name} prints at full size on A4, numbered per paper, as a reviewer expects`, async ({ page }, info) => {
    const m = c.build();
    const docs = dossierDocs(m);
    expect(docs.map((d) => d.id)).toEqual(m.docs.submission ? ['submission', 'report', 'summary', 'minutes'] : ['report', 'summary', 'minutes']);
    for (const doc of docs) {
      const { pdf, sections } = await print(page, [doc], info.outputPath(`${c.name}-${doc.id}.pdf`));
      // A4 at full size, the print font, inside the margins, numbered per section, DỰ THẢO on a draft's pages.
      expectPrintedPaper({ pdf, sections }, { draft: c.draft, bodyLine: BODY_LINE[doc.id], label: doc.id });

      const pages = pageTexts(pdf);
      const text = flatText(pdf);
      expect(text, doc.id).not.toMatch(FORBIDDEN);
      if (doc.id === 'submission' || doc.id === 'report') {
        expect(text).toContain(LEGAL_BASIS);
        if (!c.draft) expect(text).toContain('Căn cứ Công văn số 3233/SGDĐT-CTTTCNTX ngày 26/12/2024');
      }
      if (doc.id === 'report' || doc.id === 'summary') {
        // The report as text; the summary's criteria column read on its own (its cells wrap their
        // own lines beside the other columns), line by line down every page.
        const raw = doc.id === 'report' ? execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ') : columnText(doc, words(pdf), 1);
        expect(raw, 'TC3.1 in the words of the circular').toContain(officialWording('TC3.1'));
      }

      if (doc.id === 'report') {
        // The annex starts its own numbering on the page that opens with "PHỤ LỤC".
        expect(sections.map((s) => s.name)).toEqual(['xd-report-main', 'xd-report-annex']);
        const annexFirst = sections[0]!.pages + 1;
        expect(pages[annexFirst - 1]).toContain('PHỤ LỤC');
        const annexPage = pages[annexFirst - 1]!.replace(/\s+/g, ' ');
        expect(annexPage).toContain(
          c.draft ? '(Kèm theo Báo cáo số /BC-UBND ngày … tháng … năm 2026 của Ủy ban nhân dân xã Ba Tô)' : '(Kèm theo Báo cáo số 15/BC-UBND ngày 05 tháng 02 năm 2026 của Ủy ban nhân dân xã Đạt Mức Một)',
        );
      }

      // The signature is never alone: the signer's page holds the paper's last lines.
      const signer = doc.id === 'minutes' ? (c.draft ? 'CHỦ TRÌ' : 'Nguyễn Văn Bình') : c.draft ? 'CHỦ TỊCH' : 'Nguyễn Văn Bình';
      const signPage = lastIndex(pages, (t) => t.includes(signer));
      expect(signPage, `${doc.id}: signer`).toBeGreaterThanOrEqual(0);
      expect(pages[signPage], `${doc.id}: last lines with the signature`).toMatch(CLOSING[doc.id]);

      // First page kept for review (regenerate the committed copies with DOSSIER_SHOTS=1).
      const png = info.outputPath(`${c.name}-${doc.id}`);
      execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '70', '-png', '-singlefile', pdf, png]);
      if (process.env.DOSSIER_SHOTS === '1' && c.name === 'meets-level-1 finished') {
        mkdirSync(SHOTS, { recursive: true });
        copyFileSync(`${png}.png`, `${SHOTS}dossier-${doc.id}.png`);
      }
    }
  });
}

test('the finished papers: signing block, closing formulas, numbers, recipients and the Biên bản họp', async ({ page }, info) => {
  const m = finished();
  const texts: Partial<Record<DocId, string>> = {};
  const layout: Partial<Record<DocId, string>> = {};
  for (const doc of dossierDocs(m)) {
    const { pdf } = await print(page, [doc], info.outputPath(`${doc.id}.pdf`));
    texts[doc.id] = flatText(pdf);
    layout[doc.id] = pageTexts(pdf).join('\n');
  }
  const sub = texts.submission!;
  expect(sub).toContain('Số: 05/TTr-UBND');
  expect(sub).toContain('Đạt Mức Một, ngày 05 tháng 02 năm 2026');
  // The signing block on three lines of the right column, the name below it.
  const lines = layout.submission!.split('\n');
  const at = ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn Bình'].map((s) => lastIndex(lines, (l) => l.includes(s)));
  expect(at.every((n, i) => n >= 0 && (i === 0 || n > at[i - 1]!)), `signing lines in order: ${at}`).toBe(true);
  expect(at[2]! - at[0]!, 'three lines together').toBeLessThanOrEqual(3);
  expect(sub).toContain('Kính trình Ủy ban nhân dân tỉnh Quảng Ngãi xem xét, quyết định./.');
  expect(sub).toContain('- Lưu: VT, VHXH.');
  expect(sub).toContain('Căn cứ Công văn số 3233/SGDĐT-CTTTCNTX ngày 26/12/2024 của Sở Giáo dục và Đào tạo');
  expect(texts.report).toContain('Ủy ban nhân dân xã Đạt Mức Một kính báo cáo./.');
  expect(texts.summary).toContain('(Kèm theo Báo cáo số 15/BC-UBND ngày 05 tháng 02 năm 2026 của Ủy ban nhân dân xã Đạt Mức Một)');
  const bb = texts.minutes!;
  for (const s of [
    'BIÊN BẢN',
    'Số: 03/BB-UBND',
    'Họp thống nhất kết quả tự đánh giá “Cộng đồng học tập” cấp xã năm 2025',
    'Chủ trì: Ông Nguyễn Văn Bình, Phó Chủ tịch Ủy ban nhân dân xã.',
    'Thư ký: Bà Trần Thị Hạnh, Công chức Văn hóa - Xã hội.',
    'Đại diện Hội Khuyến học xã: Ông Lê Văn An, Chủ tịch Hội Khuyến học xã;',
    'Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam xã: Bà Phạm Thị Lan',
    '+ Hội Liên hiệp Phụ nữ xã: Bà Lê Thị Cúc, Chủ tịch Hội;',
    'THƯ KÝ',
    'CHỦ TRÌ',
  ]) {
    expect(bb).toContain(s);
  }
  // The result agreed per criterion: each of the five named, each with its result (all met here).
  for (const crit of m.rows.filter((r) => r.kind === 'criterion')) expect(bb).toContain(`Tiêu chí ${crit.no}: ${crit.text.split(' ').slice(0, 3).join(' ')}`);
  expect(bb).toContain('5/5 tiêu chí đạt');
  expect(bb.match(/(^|\s)Đạt(?=[\s.,;]|$)/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
});

test('"In cả bộ hồ sơ": one print job, every paper and annex numbered on its own', async ({ page }, info) => {
  const m = finished();
  const docs = dossierDocs(m);
  const { pdf, sections } = await print(page, docs, info.outputPath('all.pdf'));
  expect(sections.map((s) => s.name)).toEqual(['xd-submission-main', 'xd-report-main', 'xd-report-annex', 'xd-summary-main', 'xd-minutes-main']);
  const pages = pageTexts(pdf);
  expect(pages.length).toBe(sections.reduce((n, s) => n + s.pages, 0));
  const ws = words(pdf);
  let at = 0;
  for (const s of sections) {
    for (let k = 1; k <= s.pages; k++) {
      at++;
      const top = ws.filter((w) => w.page === at && w.yMax < 20 * MM && /^\d+$/.test(w.text)).map((w) => Number(w.text));
      expect(top, `${s.name} page ${k} (sheet ${at})`).toEqual(k === 1 ? [] : [k]);
    }
  }
});
