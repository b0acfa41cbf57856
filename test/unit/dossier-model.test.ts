// The dossier's pure parts: warnings before sending, deadlines and days left, the official date
// line and number wording, the print HTML, and the editable texts read back from a stored row.
// Warnings updated for issue #11: the reference's samples (TC5.2 unknown where a village lacks
// `trained`, no "threshold not set" note: every threshold is the circular's).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AssessInput } from '../../src/domain/assess-types.ts';
import { tt25_2023 } from '../../src/domain/catalog/index.ts';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { assess } from '../../src/domain/readiness/assess.ts';
import { daysBetween, daysLeftText, deadlineIn, isValidMonthDay, previousYearDeadlines, yearDeadlines } from '../../src/dossier/deadlines.ts';
import { plainText, type Doc } from '../../src/dossier/doc.ts';
import { dateLine, formatInt, formatPercent, issuerLine, placeName } from '../../src/dossier/format.ts';
import { printHtml } from '../../src/dossier/html.ts';
import { buildDossier, type WarningCode } from '../../src/dossier/model.ts';
import { documentNumber, textsOfRow, type DossierTexts } from '../../src/dossier/texts.ts';

const SAMPLES = fileURLToPath(new URL('../../docs/domain/samples/', import.meta.url));
const sample = (name: string): AssessInput => JSON.parse(readFileSync(`${SAMPLES}${name}/input.json`, 'utf8')) as AssessInput;

function build(input: AssessInput, texts: DossierTexts = {}, recipient?: string) {
  return buildDossier({
    input,
    output: assess(input),
    catalog: tt25_2023,
    texts,
    commune: { code: input.commune.code, name: input.commune.name, recipient },
  });
}
const codes = (m: ReturnType<typeof build>): WarningCode[] => m.warnings.map((w) => w.code);

describe('warnings before the dossier is sent', () => {
  it('incomplete data: the unanswered indicator and the villages lacking figures are named', () => {
    const m = build(sample('missing-data'));
    expect(m.proposedLevel).toBe(0);
    const unknown = m.warnings.find((w) => w.code === 'unknown')!;
    expect(unknown.severity).toBe('block');
    expect(unknown.text).toContain('1.3, 4.4, 5.1, 5.2');
    expect(m.warnings.find((w) => w.code === 'missing-villages')!.text).toBe('Thôn chưa đủ số liệu: Nước Lầy, Ba Khâm.');
    expect(codes(m)).toContain('not-met');
  });

  it('no evidence: every yes/no indicator without a document is listed', () => {
    const input = sample('meets-level-1');
    for (const a of Object.values(input.answers!)) delete a.evidence;
    const m = build(input);
    expect(m.warnings.find((w) => w.code === 'no-evidence')!.text).toBe(
      'Chỉ tiêu chưa có minh chứng: 1.1, 1.2, 1.3, 2.1, 2.2, 2.3, 3.1, 3.2, 3.3.',
    );
    expect(codes(build(sample('meets-level-1')))).not.toContain('no-evidence');
    // The demo commune documents all but TC3.2.
    const demo = build(demoCommune.years[1]!);
    expect(demo.warnings.find((w) => w.code === 'no-evidence')!.text).toBe('Chỉ tiêu chưa có minh chứng: 3.2.');
  });

  it('a complete, documented, signed and locked year has no warnings', () => {
    const input = sample('meets-level-1');
    for (const a of Object.values(input.answers!)) a.evidence = [{ number: '1/KH-UBND', date: '2025-01-02', issuer: 'UBND xã', title: 'Kế hoạch' }];
    const m = build(input, { signerName: 'Lê Thị C', meetingDate: '2026-01-15', minutesRef: 'Biên bản số 01/BB-UBND', locked: true }, 'Sở GD&ĐT');
    expect(codes(m)).toEqual([]);
    expect(m.proposedLevel).toBe(1);
  });

  it('recipient, signer and meeting are asked for; an unlocked year after its meeting is noted', () => {
    expect(codes(build(sample('meets-level-1')))).toEqual(expect.arrayContaining(['no-recipient', 'no-signer', 'no-meeting']));
    const met = build(sample('meets-level-1'), { meetingDate: '2026-01-15', minutesRef: 'BB 01' });
    expect(codes(met)).toContain('not-locked');
    expect(codes(met)).not.toContain('no-meeting');
  });

  it('level 2 met under 12 months after level 1: the request is for level 1, with the date level 2 opens', () => {
    const m = build(sample('level-2-waiting'));
    expect(m.proposedLevel).toBe(1);
    expect(m.tableLevel).toBe(1);
    expect(m.warnings.find((w) => w.code === 'eligibility')!.text).toContain('từ ngày 20/03/2026');
  });

  it('an indicator failed: level 0, and the summary table still judges level 1', () => {
    const m = build(sample('one-indicator-short'));
    expect(m.proposedLevel).toBe(0);
    expect(m.tableLevel).toBe(1);
    expect(m.rows.find((r) => r.id === 'TC3.1')!.status).toBe('unmet');
    expect(m.rows.find((r) => r.id === 'TC3')!.status).toBe('unmet');
  });
});

describe('deadlines', () => {
  const cases: [string, string | undefined, string][] = [
    ['default dossier deadline', undefined, '2026-02-28'],
    ['a province date', '03-15', '2026-03-15'],
    ['29/02 in a common year falls back to 28/02', '02-29', '2026-02-28'],
    ['nonsense falls back to the default', '31-02', '2026-02-28'],
  ];
  for (const [name, md, want] of cases) {
    it(name, () => expect(deadlineIn(2026, md, '02-28')).toBe(want));
  }
  it('29/02 is kept in a leap year', () => expect(deadlineIn(2028, '02-29', '02-28')).toBe('2028-02-29'));
  it('accepts only real days of the year', () => {
    expect(['02-29', '12-31', '01-01'].map(isValidMonthDay)).toEqual([true, true, true]);
    expect(['02-30', '13-01', '00-10', '2-28', '', '04-31'].map(isValidMonthDay)).toEqual([false, false, false, false, false, false]);
  });
  it('days left for the previous year’s dossier, from the day before to after the deadline', () => {
    const d = yearDeadlines(2025, {}, '2026-01-29');
    expect(d.dossier).toEqual({ date: '2026-02-28', daysLeft: 30 });
    expect(d.decision).toEqual({ date: '2026-03-31', daysLeft: 61 });
    expect(yearDeadlines(2025, {}, '2026-02-27').dossier.daysLeft).toBe(1);
    expect(yearDeadlines(2025, {}, '2026-02-28').dossier.daysLeft).toBe(0);
    expect(yearDeadlines(2025, {}, '2026-03-03').dossier.daysLeft).toBe(-3);
    expect([30, 0, -3].map(daysLeftText)).toEqual(['còn 30 ngày', 'hạn chót là hôm nay', 'đã quá hạn 3 ngày']);
  });
  it('the previous year is the one whose dossier is due this year', () => {
    const p = previousYearDeadlines({ dossierDeadline: '03-10' }, '2026-02-20');
    expect(p.year).toBe(2025);
    expect(p.dossier).toEqual({ date: '2026-03-10', daysLeft: 18 });
  });
  it('counts days across a leap day and a year end', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(() => daysBetween('2025-02-30', '2025-03-01')).toThrow('Ngày không hợp lệ');
  });
});

describe('official wording', () => {
  it('the date line pads days under 10 and the months January and February', () => {
    expect(dateLine('Ba Tô', '2026-02-05', 2026)).toBe('Ba Tô, ngày 05 tháng 02 năm 2026');
    expect(dateLine('Ba Tô', '2026-03-15', 2026)).toBe('Ba Tô, ngày 15 tháng 3 năm 2026');
    expect(dateLine('Ba Tô', '2026-12-01', 2026)).toBe('Ba Tô, ngày 01 tháng 12 năm 2026');
    expect(dateLine('Ba Tô', undefined, 2026)).toBe('Ba Tô, ngày … tháng … năm 2026');
    expect(dateLine('Ba Tô', '2026-02-30', 2026)).toBe('Ba Tô, ngày … tháng … năm 2026');
  });
  it('the issuing body and the place come from the commune name', () => {
    expect(issuerLine('Xã Ba Tô')).toBe('XÃ BA TÔ');
    expect(issuerLine('Đặc khu Lý Sơn')).toBe('ĐẶC KHU LÝ SƠN');
    expect(issuerLine('Ba Tô')).toBe('XÃ BA TÔ');
    expect(placeName('Phường Ngọc Hà')).toBe('Ngọc Hà');
  });
  it('document numbers take the type suffix unless written out', () => {
    expect(documentNumber('12', 'TTr-UBND')).toBe('12/TTr-UBND');
    expect(documentNumber('12/TTr-UBND', 'TTr-UBND')).toBe('12/TTr-UBND');
    expect(documentNumber(' ', 'TTr-UBND')).toBe('\u00a0'.repeat(6) + '/TTr-UBND');
  });
  it('numbers and percents in the vi-VN way', () => {
    expect([0, 999, 1000, 1234567].map(formatInt)).toEqual(['0', '999', '1.000', '1.234.567']);
    expect([78.12, 70, 69.95, null].map(formatPercent)).toEqual(['78,1%', '70,0%', '70,0%', '—']);
  });
});

describe('the editable texts', () => {
  it('reads only string texts and the lock from a stored dossier row', () => {
    const t = textsOfRow({ commune: 'c', year: 2025, signerName: 'A', narrTC1: 'x', locked: true, reopenReasons: [], meetingDate: '2026-01-02', foo: 3, basis: 7 });
    expect(t).toEqual({ signerName: 'A', narrTC1: 'x', locked: true, meetingDate: '2026-01-02' });
  });
  it('each narrative lands in the report, the signer in all three papers, extra recipients in Nơi nhận', () => {
    const texts: DossierTexts = {
      narrTC1: 'Đảng ủy ban hành Nghị quyết chuyên đề.',
      narrStrengths: 'Phong trào lan rộng.\nNhiều gia đình tham gia.',
      narrProposals: 'Đề nghị tỉnh hỗ trợ kinh phí.',
      signerTitle: 'PHÓ CHỦ TỊCH',
      signerAuthority: 'KT. CHỦ TỊCH',
      signerName: 'Trần Văn Dũng',
      copyTo: 'Đảng ủy xã\n- HĐND xã;',
      basis: 'Căn cứ Kế hoạch số 5/KH-UBND của UBND tỉnh;',
    };
    const m = build(sample('meets-level-1'), texts, 'Sở Giáo dục và Đào tạo');
    const all = (d: Doc) =>
      d.blocks
        .map((b) => (b.kind === 'p' ? plainText([b]) : b.kind === 'columns' ? plainText([...b.left, ...b.right]) : b.body.flat().map((c) => plainText(c.paras)).join(' ')))
        .join('\n');
    const report = all(m.docs.report);
    for (const s of ['Đảng ủy ban hành Nghị quyết chuyên đề.', 'Phong trào lan rộng.', 'Nhiều gia đình tham gia.', 'Đề nghị tỉnh hỗ trợ kinh phí.']) {
      expect(report).toContain(s);
    }
    for (const d of Object.values(m.docs)) {
      expect(all(d)).toContain('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Dũng');
    }
    const sub = all(m.docs.submission);
    expect(sub).toContain('- Đảng ủy xã;\n- HĐND xã;\n- Lưu: VT.');
    expect(sub).toContain('Căn cứ Kế hoạch số 5/KH-UBND của UBND tỉnh;');
    expect(sub).not.toContain('Căn cứ Thông tư số 25/2023/TT-BGDĐT');
  });
  it('the meeting is cited once recorded', () => {
    const m = build(sample('meets-level-1'), { meetingDate: '2026-01-15', minutesRef: 'Biên bản số 03/BB-UBND' });
    const html = printHtml([m.docs.submission]);
    expect(html).toContain('đã được thống nhất tại Biên bản số 03/BB-UBND ngày 15/01/2026');
  });
});

describe('the print HTML', () => {
  it('is A4 with Nghị định 30/2020 margins, numbered from page 2 only when one paper is printed', () => {
    const m = build(sample('meets-level-1'));
    const one = printHtml([m.docs.summary]);
    expect(one).toContain('@page { size: A4; margin: 20mm 15mm 20mm 30mm;');
    expect(one).toContain('content: counter(page)');
    expect(one).toContain('@page :first { @top-center { content: none; } }');
    expect(printHtml(Object.values(m.docs))).not.toContain('counter(page)');
  });
  it('escapes what a person typed', () => {
    const m = build(sample('meets-level-1'), { signerName: '<script>alert(1)</script> & "B"' });
    const html = printHtml([m.docs.submission]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;B&quot;');
  });
});
