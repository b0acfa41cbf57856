// The receiver's papers as Word files, read back from the .docx itself (word/document.xml and the
// headers): A4 with the margins of Nghị định 30/2020 and Times New Roman, a section per paper and
// annex numbering its own pages, "DỰ THẢO" in every header of a draft and none of a finished
// paper, the header lines with their bold, the verdict table, the annex, and the charts as tables
// of the same figures.
import { describe, expect, it } from 'vitest';
import { buildDocx } from '../../src/dossier/docx.ts';
import type { Doc } from '../../src/dossier/doc.ts';
import { buildAnswer, buildAppraisal, buildDecision, buildProposal, buildYearReport, type ReviewYear } from '../../src/review/papers/index.ts';
import { catalog, reviewYear } from './review-fixtures.ts';
import { expectPaperLayout, readDocx, type DocxText } from './dossier-xml.ts';

const y = reviewYear();
const byName = (n: string) => y.communes.find((c) => c.commune.name === n)!;
/** Every commune concluded: the request and decision are then finished papers. */
const concluded: ReviewYear = { ...y, communes: y.communes.filter((c) => !c.dossier || c.conclusion) };

const papers: { name: string; doc: Doc<string>; sections: number; draft: boolean }[] = [
  { name: 'Biên bản thẩm định', doc: buildAppraisal({ year: 2025, settings: y.settings, council: y.council, review: byName('Xã Tư Nghĩa'), catalog }).doc!, sections: 1, draft: false },
  { name: 'Văn bản trả lời', doc: buildAnswer({ year: 2025, settings: y.settings, council: y.council, review: byName('Xã Nghĩa Hành'), catalog }).doc!, sections: 1, draft: false },
  { name: 'Tờ trình', doc: buildProposal(concluded).doc!, sections: 1, draft: false },
  { name: 'dự thảo Quyết định', doc: buildDecision({ ...concluded, decision: { number: '120', date: '2026-03-20' } }).doc!, sections: 2, draft: true },
  { name: 'Báo cáo', doc: buildYearReport(y, catalog).doc!, sections: 2, draft: true },
];

const headers = (d: DocxText) =>
  Object.entries(d.files)
    .filter(([k]) => /^word\/header\d+\.xml$/.test(k))
    .map(([, v]) => new TextDecoder().decode(v));

describe('the receiver’s papers as .docx', () => {
  for (const c of papers) {
    it(`${c.name}: A4, Nghị định 30/2020 margins, Times New Roman 14 pt, ${c.sections} section(s) numbered on their own, ${c.draft ? 'DỰ THẢO' : 'no DỰ THẢO'}`, async () => {
      expect(c.doc.draft).toBe(c.draft);
      const d = readDocx(await buildDocx(c.doc));
      expectPaperLayout(d, c.sections);
      const hs = headers(d);
      expect(hs.length).toBe(2 * c.sections);
      for (const h of hs) expect(h.includes('DỰ THẢO')).toBe(c.draft);
      expect(d.text).not.toMatch(/tạm tính|dự án|cấu hình|production/iu);
      expect(d.tables[0]![0]![1]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc');
    });
  }

  it('the issuer block: the parent body regular, the issuing body bold', async () => {
    const d = readDocx(await buildDocx(papers[1]!.doc));
    const issuer = /<w:tbl>[\s\S]*?<w:tc>([\s\S]*?)<\/w:tc>/.exec(d.xml)![1]!;
    const run = (t: string) => issuer.match(/<w:r>[\s\S]*?<\/w:r>/g)!.find((r) => r.includes(t))!;
    expect(run('ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI')).not.toContain('<w:b/>');
    expect(run('SỞ GIÁO DỤC VÀ ĐÀO TẠO')).toContain('<w:b/>');
    expect(d.tables[0]![0]![0]).toContain('Số: 113/SGDĐT-GDTX\nV/v kết quả thẩm định hồ sơ');
  });

  it('the Biên bản’s verdict table: 5 criteria and 15 indicators with the council’s verdict and comment', async () => {
    const d = readDocx(await buildDocx(papers[0]!.doc));
    const t = d.tables.find((rows) => rows[0]?.includes('Kết quả thẩm định'))!;
    expect(t[0]).toEqual(['TT', 'Tiêu chí, chỉ tiêu', 'Hồ sơ của xã', 'Kết quả thẩm định', 'Ý kiến của Hội đồng']);
    expect(t.length).toBe(1 + 20);
    const tc32 = t.find((r) => r[0] === '3.2')!;
    expect(tc32[3]).toBe('Không đạt');
    expect(tc32[4]).toContain('Thư viện xã chưa ứng dụng công nghệ thông tin');
    expect(t.filter((r) => /^\d\.\d$/.test(r[0]!) && r[3] === 'Đạt').length).toBe(14);
    const signers = d.tables.at(-1)!;
    expect(signers[0]![0]).toContain('THƯ KÝ HỘI ĐỒNG');
    expect(signers[0]![1]).toContain('CHỦ TỊCH HỘI ĐỒNG');
  });

  it('the decision’s annex: its own section, attached by number and date, one row per commune with its level', async () => {
    const d = readDocx(await buildDocx(papers[3]!.doc));
    expect(d.text).toContain('(Kèm theo Quyết định số 120/QĐ-UBND ngày 20 tháng 03 năm 2026 của Ủy ban nhân dân tỉnh Quảng Ngãi)');
    const annex = d.tables.find((rows) => rows[0]?.includes('Mức độ công nhận'))!;
    const recognised = concluded.communes.filter((c) => c.conclusion?.outcome === 'recognised');
    expect(annex.length).toBe(1 + recognised.length + 1);
    for (const c of recognised) {
      const row = annex.find((r) => r[1] === c.commune.name)!;
      expect(row[2]).toBe(c.conclusion!.outcome === 'recognised' && c.conclusion!.level === 2 ? 'Mức độ 2 (Tốt)' : 'Mức độ 1 (Khá)');
      expect(row[4]).toBe('31/12/2029');
    }
    // The annex is the second Word section: it starts after the first section's break.
    const split = d.xml.indexOf('<w:sectPr>');
    expect(d.xml.indexOf('DANH SÁCH')).toBeGreaterThan(split);
  });

  it('the report’s charts in Word are tables of the same figures', async () => {
    const { doc, summary } = buildYearReport(y, catalog);
    const d = readDocx(await buildDocx(doc!));
    expect(d.text).toContain('Biểu đồ 1. Kết quả đánh giá, công nhận “Cộng đồng học tập” cấp xã năm 2025');
    const outcomes = d.tables.find((rows) => rows[0]?.includes('Số xã') && rows[0]?.includes('Tỷ lệ'))!;
    expect(outcomes.find((r) => r[1] === 'Đạt Mức độ 2 (Tốt)')!.slice(2)).toEqual([String(summary.counts['level-2']), '15\u00a0%']);
    expect(outcomes.find((r) => r[1] === 'Chưa gửi hồ sơ')!.slice(2)).toEqual([String(summary.counts['not-sent']), '20\u00a0%']);
    expect(d.text).toContain('Biểu đồ 2. Số xã không đạt theo tiêu chí năm 2025');
    const criteria = d.tables.find((rows) => rows[0]?.includes('Số xã không đạt'))!;
    expect(criteria.slice(1).map((r) => [r[1], Number(r[2])])).toEqual(summary.failingCriteria.map((c) => [c.name, c.count]));
    // A paragraph stands between the chart's table and the next one (Word would join them into one table).
    expect(d.xml).not.toMatch(/<\/w:tbl>\s*<w:tbl>/);
  });
});
