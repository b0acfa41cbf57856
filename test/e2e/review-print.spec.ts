// The receiver's papers printed by Chromium as the print view prints them, read back with poppler
// as a reviewer would: A4 at full size in the embedded print font, inside the margins, numbered
// from page 2 of each paper and annex, DỰ THẢO on every page of a draft and none of a finished
// paper, the signature on the page of the last lines, no software words and no district; the
// yearly report's charts drawn as text and lines (no picture) at the tables' 11 pt, its annex of a
// 168-commune province numbered on its own. First pages kept as PNG (REVIEW_SHOTS=1 refreshes the
// committed copies).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Doc } from '../../src/dossier/doc.ts';
import { buildAnswer, buildAppraisal, buildDecision, buildProposal, buildYearReport, type ReviewYear } from '../../src/review/papers/index.ts';
import { catalog, communeReview, mixedProvince, reviewYear } from '../unit/review-fixtures.ts';
import { expectPrintedPaper, lineSizes, printPapers } from './helpers/print.ts';
import { flatText, pageTexts, words } from './helpers/pdf.ts';

const SHOTS = fileURLToPath(new URL('./__screenshots__/', import.meta.url));
const FORBIDDEN = /tạm tính|dự án|cấu hình|production/iu;
/** The circular's title says "cấp xã, huyện, tỉnh"; nothing else names a district. */
const DISTRICT = /huyện|quận|Phòng Giáo dục và Đào tạo/iu;

const y = reviewYear();
const review = (name: string) => y.communes.find((c) => c.commune.name === name)!;
const concluded: ReviewYear = { ...y, communes: y.communes.filter((c) => !c.dossier || c.conclusion) };
const args = (name: string) => ({ year: y.year, settings: y.settings, council: y.council, review: review(name), catalog });

/** A province of 168 communes (the largest since 2025), every dossier concluded. */
function bigProvince(): ReviewYear {
  const base = mixedProvince().filter((s) => s.state !== 'submitted');
  const specs = Array.from({ length: 168 }, (_, i) => ({ ...base[i % base.length]!, no: i + 1, code: String(40000 + i), name: `Xã Thử ${i + 1}` }));
  return { ...y, communes: specs.map(communeReview) };
}

interface Case {
  name: string;
  doc: () => Doc<string>;
  draft: boolean;
  /** A body line, to read its size. */
  body: string;
  /** The last lines, on the signer's page. */
  closing: RegExp;
  signer: string;
  sections: string[];
}

const cases: Case[] = [
  {
    name: 'appraisal',
    doc: () => buildAppraisal(args('Xã Tư Nghĩa')).doc!,
    draft: false,
    body: 'Căn cứ Thông tư số',
    closing: /Biên bản kết thúc vào lúc 11 giờ 30 cùng ngày/,
    signer: 'Ông Trần Văn Minh',
    sections: ['xd-appraisal-main'],
  },
  {
    name: 'appraisal-draft',
    doc: () => buildAppraisal({ ...args('Xã Ba Tô'), review: { ...review('Xã Ba Tô'), conclusion: null } }).doc!,
    draft: true,
    body: 'Căn cứ Thông tư số',
    closing: /Biên bản kết thúc vào lúc/,
    signer: 'CHỦ TỊCH HỘI ĐỒNG',
    sections: ['xd-appraisal-main'],
  },
  {
    name: 'answer',
    doc: () => buildAnswer(args('Xã Mộ Đức')).doc!,
    draft: false,
    body: 'nhận được Tờ trình số',
    closing: /trả lời để Ủy ban nhân dân xã Mộ Đức được biết\.\/\./,
    signer: 'Trần Văn Minh',
    sections: ['xd-answer-main'],
  },
  {
    name: 'proposal',
    doc: () => buildProposal(concluded).doc!,
    draft: false,
    body: 'Căn cứ Thông tư số',
    closing: /Kính trình Ủy ban nhân dân tỉnh Quảng Ngãi xem xét, quyết định\.\/\./,
    signer: 'Trần Văn Minh',
    sections: ['xd-proposal-main'],
  },
  {
    name: 'decision',
    doc: () => buildDecision({ ...concluded, decision: {} }).doc!,
    draft: true,
    body: 'Căn cứ Thông tư số',
    closing: /chịu trách nhiệm thi hành Quyết định này\.\/\./,
    signer: 'PHÓ CHỦ TỊCH',
    sections: ['xd-decision-main', 'xd-decision-annex'],
  },
  {
    name: 'year-report',
    doc: () => buildYearReport(y, catalog).doc!,
    draft: true,
    body: 'Căn cứ Thông tư số',
    closing: /Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi kính báo cáo\.\/\./,
    signer: 'Trần Văn Minh',
    sections: ['xd-year-report-main', 'xd-year-report-annex'],
  },
];

for (const c of cases) {
  test(`${c.name} prints at full size on A4, numbered per section, as the receiving office expects`, async ({ page }, info) => {
    const doc = c.doc();
    expect(doc.draft).toBe(c.draft);
    const printed = await printPapers(page, [doc], info.outputPath(`${c.name}.pdf`));
    expect(printed.sections.map((s) => s.name)).toEqual(c.sections);
    expectPrintedPaper(printed, { draft: c.draft, bodyLine: c.body, label: c.name });

    const text = flatText(printed.pdf);
    expect(text).not.toMatch(FORBIDDEN);
    expect(text.split('cấp xã, huyện, tỉnh').join('')).not.toMatch(DISTRICT);
    expect(text).toContain('Căn cứ Thông tư số 25/2023/TT-BGDĐT ngày 27/12/2023');
    const pages = pageTexts(printed.pdf);
    if (c.sections.length > 1) {
      // The annex opens its own page and numbering, and says what it is attached to with number and date.
      const first = printed.sections[0]!.pages;
      expect(pages[first]).toMatch(/DANH SÁCH|PHỤ LỤC/);
      expect(pages[first]!.replace(/\s+/g, ' ')).toMatch(/\(Kèm theo (Quyết định|Báo cáo) số .*(\d{2}|…) tháng (\d{2}|…) năm 2026 của/);
    }
    // The signature never stands alone: the signer's page holds the last lines.
    const signPage = pages.map((t) => t.includes(c.signer)).lastIndexOf(true);
    expect(signPage, `${c.name}: signer`).toBeGreaterThanOrEqual(0);
    expect(pages[signPage]!.replace(/\s+/g, ' ')).toMatch(c.closing);

    const png = info.outputPath(c.name);
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '70', '-png', '-singlefile', printed.pdf, png]);
    if (process.env.REVIEW_SHOTS === '1' && !c.draft) {
      mkdirSync(SHOTS, { recursive: true });
      copyFileSync(`${png}.png`, `${SHOTS}review-${c.name}.png`);
    }
  });
}

test('the yearly report’s charts print as text and lines at 11 pt, with the counts of the report', async ({ page }, info) => {
  const { doc, summary } = buildYearReport(y, catalog);
  const printed = await printPapers(page, [doc!], info.outputPath('charts.pdf'));
  const text = flatText(printed.pdf).replace(/\u00a0/g, ' ');
  expect(text).toContain('Biểu đồ 1. Kết quả đánh giá, công nhận “Cộng đồng học tập” cấp xã năm 2025');
  expect(text).toContain('Biểu đồ 2. Số xã không đạt theo tiêu chí năm 2025');
  // Each bar's label and its count with its share, as drawn.
  expect(text).toContain(`Đạt Mức độ 1 (Khá) ${summary.counts['level-1']} (35 %)`);
  expect(text).toContain(`Chưa gửi hồ sơ ${summary.counts['not-sent']} (20 %)`);
  for (const c of summary.failingCriteria) expect(text).toContain(`${c.name} ${c.count}`);
  // Drawn from the figures, not pasted as a picture: no image in the PDF.
  const images = execFileSync('pdfimages', ['-list', printed.pdf], { encoding: 'utf8' }).trim().split('\n');
  expect(images.length, images.join('\n')).toBe(2);
  // The chart's words at the tables' size, not shrunk to fit.
  for (const s of lineSizes(printed.pdf, words(printed.pdf), 'Trả lại để bổ sung')) {
    expect(s).toBeGreaterThanOrEqual(10.95);
    expect(s).toBeLessThanOrEqual(11.05);
  }
  const png = info.outputPath('charts-page');
  const chartPage = pageTexts(printed.pdf).findIndex((t) => t.includes('Biểu đồ 1.')) + 1;
  execFileSync('pdftoppm', ['-f', String(chartPage), '-l', String(chartPage + 1), '-r', '70', '-png', printed.pdf, png]);
  if (process.env.REVIEW_SHOTS === '1') {
    mkdirSync(SHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-f', String(chartPage), '-l', String(chartPage), '-r', '70', '-png', '-singlefile', printed.pdf, `${SHOTS}review-year-report-charts`]);
  }
});

test('a province of 168 communes: the report’s annex runs over several pages, numbered on its own, its header on each', async ({ page }, info) => {
  const big = bigProvince();
  const { doc, summary } = buildYearReport(big, catalog);
  expect(summary.total).toBe(168);
  expect(doc!.draft).toBe(false);
  const printed = await printPapers(page, [doc!], info.outputPath('big.pdf'));
  expectPrintedPaper(printed, { draft: false, bodyLine: 'Căn cứ Thông tư số', label: 'big report' });
  const [main, annex] = printed.sections;
  expect(annex!.pages).toBeGreaterThan(2);
  const pages = pageTexts(printed.pdf);
  for (let k = 0; k < annex!.pages; k++) {
    const t = pages[main!.pages + k]!;
    expect(t, `annex page ${k + 1}: header row`).toMatch(/TT\s+Xã\s+Kết quả\s+Ghi chú/);
  }
  const all = flatText(printed.pdf);
  for (const n of [1, 84, 168]) expect(all).toContain(`Xã Thử ${n} `);
  expect(all).toContain('Toàn tỉnh có 168 xã.');
});
