// The print view of each paper rendered by Chromium to PDF (as "In / Lưu PDF" does): every page is
// A4, text stays inside the Nghị định 30/2020 margins, and the expected words and figures are in
// the PDF's text (pdftotext). The first page of each paper is kept as a PNG for review (pdftoppm).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { AssessInput } from '../../src/domain/assess-types.ts';
import { tt25_2023 } from '../../src/domain/catalog/index.ts';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { assess } from '../../src/domain/readiness/index.ts';
import { buildDossier } from '../../src/dossier/model.ts';
import { printHtml } from '../../src/dossier/html.ts';
import type { DocId } from '../../src/dossier/doc.ts';

const SAMPLES = fileURLToPath(new URL('../../docs/domain/samples/', import.meta.url));
const SHOTS = fileURLToPath(new URL('./__screenshots__/', import.meta.url));
const MM = 72 / 25.4;

interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Page sizes (pt) of every page, from pdfinfo. */
function pageSizes(pdf: string): { w: number; h: number }[] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' });
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ w: Number(m[1]), h: Number(m[2]) }));
}

/** Every word with its box, from pdftotext -bbox. */
function words(pdf: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const out: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) out.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
  }
  return out;
}

const pdfText = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/[ \t]+/g, ' ');

function model(input: AssessInput) {
  return buildDossier({
    input,
    output: assess(input),
    catalog: tt25_2023,
    texts: { signerName: 'Nguyễn Văn Bình', submissionNumber: '12', reportNumber: '15', docDate: '2026-02-05' },
    commune: { code: input.commune.code, name: input.commune.name, recipient: 'Ủy ban nhân dân tỉnh Quảng Ngãi' },
  });
}

const communes: { name: string; input: AssessInput }[] = [
  { name: 'demo', input: demoCommune.years.find((y) => y.year === 2025)! },
  { name: 'meets-level-1', input: JSON.parse(readFileSync(`${SAMPLES}meets-level-1/input.json`, 'utf8')) as AssessInput },
];

const EXPECT: Record<DocId, string[]> = {
  submission: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'TỜ TRÌNH', 'Số: 12/TTr-UBND', 'Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi.', 'Nơi nhận:', 'Nguyễn Văn Bình'],
  report: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', 'Số: 15/BC-UBND', 'PHỤ LỤC', 'Mức độ đề nghị công nhận:', 'Nguyễn Văn Bình'],
  summary: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ CÁC TIÊU CHÍ, CHỈ TIÊU', 'Tiêu chí, chỉ tiêu', 'Minh chứng'],
};

for (const c of communes) {
  for (const id of ['submission', 'report', 'summary'] as DocId[]) {
    test(`print view of the ${id} (${c.name}) is A4 PDF with its text inside the margins`, async ({ page }, info) => {
      const m = model(c.input);
      const doc = m.docs[id];
      await page.setContent(printHtml([doc], doc.title));
      const pdf = info.outputPath(`${c.name}-${id}.pdf`);
      writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));

      const sizes = pageSizes(pdf);
      expect(sizes.length).toBeGreaterThan(0);
      for (const s of sizes) {
        expect(Math.abs(s.w - 210 * MM)).toBeLessThan(1);
        expect(Math.abs(s.h - 297 * MM)).toBeLessThan(1);
      }

      const text = pdfText(pdf);
      for (const s of EXPECT[id]) expect(text).toContain(s);
      expect(text).toContain(`${c.input.commune.name.replace(/^Xã /, '')}, ngày 05 tháng 02 năm 2026`);
      if (id === 'summary') {
        for (const row of m.rows) {
          expect(text).toMatch(new RegExp(`(^|\\s)${row.no.replace('.', '\\.')}\\s`, 'm'));
        }
        const statuses = text.match(/Chưa đạt|Chưa có dữ liệu|Đạt/g) ?? [];
        expect(statuses.length).toBeGreaterThanOrEqual(m.rows.length);
      }

      // Body text stays within left 30 mm, right 15 mm, top and bottom 20 mm; only the page number
      // (from page 2, centred) sits in the top margin.
      const ws = words(pdf);
      expect(ws.length).toBeGreaterThan(50);
      for (const w of ws) {
        const pageNo = /^\d+$/.test(w.text) && w.page > 1 && w.yMax < 20 * MM;
        if (pageNo) {
          expect(w.text).toBe(String(w.page));
          continue;
        }
        expect(w.xMin, w.text).toBeGreaterThanOrEqual(30 * MM - 1);
        expect(w.xMax, w.text).toBeLessThanOrEqual((210 - 15) * MM + 1);
        expect(w.yMin, w.text).toBeGreaterThanOrEqual(20 * MM - 1);
        expect(w.yMax, w.text).toBeLessThanOrEqual((297 - 20) * MM + 1);
      }
      const firstPage = ws.filter((w) => w.page === 1);
      expect(firstPage.some((w) => /^\d+$/.test(w.text) && w.yMax < 20 * MM)).toBe(false);

      // First page kept for review (regenerate the committed copies with DOSSIER_SHOTS=1).
      const png = info.outputPath(`${c.name}-${id}`);
      execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '70', '-png', '-singlefile', pdf, png]);
      if (process.env.DOSSIER_SHOTS === '1' && c.name === 'demo') {
        mkdirSync(SHOTS, { recursive: true });
        copyFileSync(`${png}.png`, `${SHOTS}dossier-${id}.png`);
      }
    });
  }
}
