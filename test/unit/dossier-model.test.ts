// The dossier's pure parts: whether a request may be made, warnings before sending, deadlines and
// days left, the official date line and number wording, the print HTML, and the editable texts
// read back from a stored row.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AssessInput } from '../../src/domain/assess-types.ts';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { assess } from '../../src/domain/readiness/assess.ts';
import { daysBetween, daysLeftText, deadlineIn, isValidMonthDay, previousYearDeadlines, yearDeadlines } from '../../src/dossier/deadlines.ts';
import { docText } from '../../src/dossier/doc.ts';
import { requestPlan } from '../../src/domain/readiness/request.ts';
import { curlyQuotes, dateLine, formatInt, issuerLine, placeName } from '../../src/dossier/format.ts';
import { pageCss, printHtml } from '../../src/dossier/html.ts';
import { dossierDocs, officialName, type WarningCode } from '../../src/dossier/model.ts';
import { dossierOf } from './dossier-fixtures.ts';
import { documentNumber, LEGAL_BASIS, minutesNumberOf, signingLines, textsOfRow, type DossierTexts } from '../../src/dossier/texts.ts';

const SAMPLES = fileURLToPath(new URL('../../docs/domain/samples/', import.meta.url));
const sample = (name: string): AssessInput => JSON.parse(readFileSync(`${SAMPLES}${name}/input.json`, 'utf8')) as AssessInput;

/** The dossier as the screen builds it: the engine's output and the one request plan. */
const build = dossierOf;
const codes = (m: ReturnType<typeof build>): WarningCode[] => m.warnings.map((w) => w.code);

interface Expected {
  level: number;
  eligibleLevel: number;
  held: { level: number; decidedOn: string; validUntil: string } | null;
  levels: Record<string, { status: string; indicators: Record<string, { status: string; gap: unknown }> }>;
}
const expected = (name: string): Expected => JSON.parse(readFileSync(`${SAMPLES}${name}/expected.json`, 'utf8')) as Expected;

/** The dossier of a commune with these earlier recognition decisions. */
function holding(input: AssessInput, history: NonNullable<AssessInput['history']>) {
  return build({ ...input, history });
}

describe('warnings before the dossier is sent', () => {
  it('incomplete data: the indicators without data, by the circular’s names, and the villages lacking figures', () => {
    const m = build(sample('missing-data'));
    const unknown = m.warnings.find((w) => w.code === 'unknown')!;
    expect(unknown.severity).toBe('block');
    const want = Object.entries(expected('missing-data').levels['1']!.indicators).filter(([, r]) => r.status === 'unknown').map(([id]) => officialName(id));
    expect(want.length).toBeGreaterThan(0);
    expect(unknown.text).toBe(`Số liệu năm 2025 chưa đủ — chưa có dữ liệu: ${want.join(', ')}.`);
    expect(m.warnings.find((w) => w.code === 'missing-villages')!.text).toMatch(/^Thôn chưa đủ số liệu: .*Nước Lầy/);
    expect(m.draft).toBe(true);
  });

  it('"Đạt" without evidence is flagged, by name, and printed as "Chưa có minh chứng"', () => {
    const input = sample('meets-level-1');
    delete input.answers!['TC1.2']!.evidence;
    input.answers!['TC3.3'] = { met: false };
    const m = build(input);
    const w = m.warnings.find((x) => x.code === 'no-evidence')!;
    // TC1.2 answered Đạt with nothing; TC4's standards without the decision recognising them.
    expect(w.text).toContain('Chỉ tiêu 2 của Tiêu chí 1');
    expect(w.text).toContain('Chỉ tiêu 1 của Tiêu chí 4');
    expect(w.text).toContain('Giấy tờ in ra sẽ ghi "Chưa có minh chứng"');
    // An indicator answered không đạt asks for no evidence.
    expect(w.text).not.toContain('Chỉ tiêu 3 của Tiêu chí 3');
    expect(m.rows.find((r) => r.id === 'TC1.2')).toMatchObject({ evidence: 'Chưa có minh chứng', noEvidence: true });
    expect(m.draft).toBe(true);
    const withDecision = build(input, { pcgdEvidence: 'Quyết định số 120/QĐ-UBND ngày 15/12/2025 của Ủy ban nhân dân tỉnh' });
    expect(withDecision.warnings.find((x) => x.code === 'no-evidence')!.text).not.toContain('Tiêu chí 4');
    expect(withDecision.rows.find((r) => r.id === 'TC4.1')!.evidence).toBe('Quyết định số 120/QĐ-UBND ngày 15/12/2025 của Ủy ban nhân dân tỉnh');
  });

  it('a complete, documented, signed and locked year has no warnings and is no draft', () => {
    const texts: DossierTexts = {
      signerName: 'Lê Thị C',
      meetingDate: '2026-01-15',
      minutesRef: 'Biên bản số 01/BB-UBND',
      pcgdEvidence: 'Quyết định số 120/QĐ-UBND ngày 15/12/2025 của Ủy ban nhân dân tỉnh',
    };
    const m = build(sample('meets-level-1'), { ...texts, locked: true }, 'Sở GD&ĐT');
    expect(m.warnings).toEqual([]);
    expect(m.draft).toBe(false);
    expect(m.request).toEqual({ kind: 'first', level: 1 });
    for (const d of dossierDocs(m)) expect(d.draft).toBe(false);
    // The same year not yet locked: every paper is a draft.
    const open = build(sample('meets-level-1'), texts, 'Sở GD&ĐT');
    expect(codes(open)).toEqual(['not-locked']);
    for (const d of dossierDocs(open)) expect(d.draft).toBe(true);
  });

  it('recipient, signer and meeting are asked for; an unlocked year after its meeting is noted', () => {
    expect(codes(build(sample('meets-level-1')))).toEqual(expect.arrayContaining(['no-recipient', 'no-signer', 'no-meeting']));
    const met = build(sample('meets-level-1'), { meetingDate: '2026-01-15', minutesRef: 'BB 01' });
    expect(codes(met)).toContain('not-locked');
    expect(codes(met)).not.toContain('no-meeting');
  });

  it('a level not met: no request paper, and the screen says why', () => {
    const m = build(sample('one-indicator-short'));
    expect(m.request).toMatchObject({ kind: 'none', reason: 'not-met' });
    expect(m.docs.submission).toBeNull();
    expect(dossierDocs(m).map((d) => d.id)).toEqual(['report', 'summary', 'minutes']);
    expect(m.warnings.find((w) => w.code === 'no-request')).toMatchObject({
      severity: 'block',
      text: 'Xã chưa đạt mức độ nào: chưa đủ điều kiện đề nghị công nhận. Không lập tờ trình đề nghị công nhận.',
    });
    expect(m.noRequest).toBe(m.warnings.find((w) => w.code === 'no-request')!.text);
    expect(m.tableLevel).toBe(1);
    expect(m.rows.find((r) => r.id === 'TC3.1')!.status).toBe('unmet');
    expect(m.rows.find((r) => r.id === 'TC3')!.status).toBe('unmet');
  });

  it('a title in force and not in its last year: no request paper', () => {
    const m = holding(sample('meets-level-1'), [{ level: 1, decidedOn: '2024-03-20' }]);
    expect(m.request).toMatchObject({ kind: 'none', reason: 'in-force', held: { validUntil: '2027-12-31' } });
    expect(m.docs.submission).toBeNull();
    expect(m.noRequest).toBe(
      'Xã đang giữ danh hiệu Mức độ 1 (Khá) (quyết định ngày 20/03/2024, còn hiệu lực đến 31/12/2027): năm nay không cần đề nghị công nhận. Không lập tờ trình đề nghị công nhận.',
    );
    expect(m.warnings.find((w) => w.code === 'no-request')!.severity).toBe('info');
    expect(docText(m.docs.report)).toContain('còn hiệu lực đến 31/12/2027');
    expect(docText(m.docs.minutes)).toContain('; năm nay không cần đề nghị công nhận.');
  });

  it('a title in its last year, or one that ended in the assessment year, asks for re-recognition', () => {
    // Decided 2023: in force until 31/12/2026, and asOf (28/02/2026) falls in that last year.
    const last = holding(sample('meets-level-1'), [{ level: 1, decidedOn: '2023-03-20' }]);
    expect(last.request).toMatchObject({ kind: 'renewal', level: 1, inForce: true });
    const sub = docText(last.docs.submission!);
    expect(sub).toContain('Về việc đề nghị công nhận lại xã Đạt Mức Một đạt “Cộng đồng học tập” cấp xã Mức độ 1 (Khá) năm 2025');
    expect(sub).toContain('Xã đã được công nhận đạt “Cộng đồng học tập” cấp xã Mức độ 1 (Khá) (quyết định ngày 20/03/2023, còn hiệu lực đến ngày 31/12/2026).');
    expect(docText(last.docs.report)).toContain('Mức độ đề nghị công nhận: Mức độ 1 (Khá) (công nhận lại).');
    // Decided 2022: it ended on 31/12/2025, within the assessment year.
    const ended = holding(sample('meets-level-1'), [{ level: 1, decidedOn: '2022-04-01' }]);
    expect(ended.request).toMatchObject({ kind: 'renewal', level: 1, inForce: false });
    expect(docText(ended.docs.submission!)).toContain('(quyết định ngày 01/04/2022, đã hết hiệu lực ngày 31/12/2025)');
    // Decided 2021: it ended before the year; a first request.
    expect(holding(sample('meets-level-1'), [{ level: 1, decidedOn: '2021-04-01' }]).request).toEqual({ kind: 'first', level: 1 });
  });

  it('a higher level met 12 months after the level-1 decision asks for the upgrade', () => {
    const m = holding(sample('level-2-waiting'), [{ level: 1, decidedOn: '2024-01-10' }]);
    expect(m.request).toMatchObject({ kind: 'upgrade', level: 2, held: { level: 1 } });
    expect(m.tableLevel).toBe(2);
    const sub = docText(m.docs.submission!);
    expect(sub).toContain('Về việc đề nghị công nhận xã');
    expect(sub).toContain('Xã đã được công nhận đạt “Cộng đồng học tập” cấp xã Mức độ 1 (Khá) (quyết định ngày 10/01/2024, còn hiệu lực đến ngày 31/12/2027).');
  });

  it('the papers ask for what the plan says, for every kind of plan', () => {
    const kinds = new Set<string>();
    const histories: NonNullable<AssessInput['history']>[] = [[], [{ level: 1, decidedOn: '2024-03-20' }], [{ level: 1, decidedOn: '2023-03-20' }], [{ level: 1, decidedOn: '2022-04-01' }]];
    for (const name of ['meets-level-1', 'one-indicator-short', 'level-2-waiting']) {
      for (const history of histories) {
        const input = { ...sample(name), history };
        const output = assess(input);
        const plan = requestPlan(output, input);
        const m = build(input);
        kinds.add(plan.kind);
        expect(m.request).toEqual(plan);
        expect(m.docs.submission === null).toBe(plan.kind === 'none');
        expect(m.proposedLevel).toBe(plan.kind === 'none' ? 0 : plan.level);
      }
    }
    expect([...kinds].sort()).toEqual(['first', 'none', 'renewal', 'upgrade']);
  });

  it('level 2 met under 12 months after a level-1 decision still in force: no request, the date level 2 opens', () => {
    // The reference: eligible for level 1 only, and level 1 is held until 31/12/2028.
    const want = expected('level-2-waiting');
    const m = build(sample('level-2-waiting'));
    expect(want.held?.validUntil).toBe('2028-12-31');
    expect(m.request).toMatchObject({ kind: 'none', reason: 'in-force' });
    expect(m.tableLevel).toBe(1);
    expect(m.warnings.find((w) => w.code === 'eligibility')!.text).toContain('từ ngày 20/03/2026');
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
  it('the date line pads days and months under 10', () => {
    expect(dateLine('Ba Tô', '2026-02-05', 2026)).toBe('Ba Tô, ngày 05 tháng 02 năm 2026');
    // papers.md: day and month below 10 with a leading zero (every month, not only January and February).
    expect(dateLine('Ba Tô', '2026-03-15', 2026)).toBe('Ba Tô, ngày 15 tháng 03 năm 2026');
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
  it('document numbers take the type suffix unless written out, below 10 with a leading zero', () => {
    expect(documentNumber('12', 'TTr-UBND')).toBe('12/TTr-UBND');
    expect(documentNumber('12/TTr-UBND', 'TTr-UBND')).toBe('12/TTr-UBND');
    expect(documentNumber('5', 'TTr-UBND')).toBe('05/TTr-UBND');
    expect(documentNumber('5/TTr-UBND', 'TTr-UBND')).toBe('05/TTr-UBND');
    expect(documentNumber('05', 'TTr-UBND')).toBe('05/TTr-UBND');
    expect(documentNumber(' ', 'TTr-UBND')).toBe('\u00a0'.repeat(6) + '/TTr-UBND');
    expect(['Biên bản số 03/BB-UBND', 'Biên bản họp số 3', '03/BB-UBND', ' 3 '].map(minutesNumberOf)).toEqual(['03/BB-UBND', '3', '03/BB-UBND', '3']);
  });
  it('numbers in the vi-VN way', () => {
    expect([0, 999, 1000, 1234567].map(formatInt)).toEqual(['0', '999', '1.000', '1.234.567']);
  });
  it('a share beside a threshold never reads as met when it is not (the engine’s formatShare, in the papers)', () => {
    const input = sample('meets-level-1');
    // One village of 10.000 people: 5.999 "Công dân học tập" against 60 %, 5.000 trained against 50 %.
    input.villages = [{ ...input.villages[0]!, citizens: 10000, citizensRecognized: 5999, trained: 5000, university: 1199 }];
    const m = build(input);
    const tc51 = m.rows.find((r) => r.id === 'TC5.1')!;
    expect(tc51.status).toBe('unmet');
    expect(tc51.figure).toContain('5.999/10.000 người từ 15 tuổi trở lên (59,99 %)');
    expect(tc51.figure).toContain('Còn thiếu: 1 người đạt danh hiệu "Công dân học tập"');
    expect(tc51.requirement).toBe('Từ 60 % trở lên');
    const tc52 = m.rows.find((r) => r.id === 'TC5.2')!;
    expect(tc52.figure).toContain('Được đào tạo: 5.000/10.000 người từ 15 tuổi trở lên (50 %)');
    expect(tc52.figure).toContain('Đại học trở lên: 1.199/10.000 người từ 15 tuổi trở lên (11,99 %)');
    expect(tc52.figure).toContain('Còn thiếu: 1 người có trình độ đại học trở lên');
    expect(tc52.figure).not.toContain('Còn thiếu: 1 người được đào tạo');
    // On paper the percent keeps to its number (a no-break space): never "59,99" at a line end and "%" below.
    expect(docText(m.docs.report)).toContain('(59,99\u00a0%)');
    expect(docText(m.docs.report)).not.toMatch(/\d %/);
    expect(docText(m.docs.report)).not.toMatch(/\b60,0\s%/);
  });
  it('titles take curly quotes, as the seeds print them', () => {
    expect(curlyQuotes('đạt "Cộng đồng học tập" cấp xã, "Công dân học tập"')).toBe('đạt “Cộng đồng học tập” cấp xã, “Công dân học tập”');
  });
  it('the signing block: up to three lines, a deputy signs for the chair', () => {
    expect(signingLines({})).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    expect(signingLines({ signerTitle: 'PHÓ CHỦ TỊCH' })).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    expect(signingLines({ signerAuthority: 'KT. CHỦ TỊCH', signerTitle: 'PHÓ CHỦ TỊCH' })).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
  });
  it('the circular’s names of criteria and indicators', () => {
    expect(officialName('TC4.2')).toBe('Chỉ tiêu 2 của Tiêu chí 4');
    expect(officialName('TC5')).toBe('Tiêu chí 5');
  });
});

describe('the editable texts', () => {
  it('reads only string texts and the lock from a stored dossier row', () => {
    const t = textsOfRow({ commune: 'c', year: 2025, signerName: 'A', narrTC1: 'x', locked: true, reopenReasons: [], meetingDate: '2026-01-02', chairName: 'B', foo: 3, basis: 7 });
    expect(t).toEqual({ signerName: 'A', narrTC1: 'x', locked: true, meetingDate: '2026-01-02', chairName: 'B' });
  });
  it('each narrative lands in the report, the signer in every paper he signs, extra recipients in Nơi nhận', () => {
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
    const report = docText(m.docs.report);
    for (const s of ['Đảng ủy ban hành Nghị quyết chuyên đề.', 'Phong trào lan rộng.', 'Nhiều gia đình tham gia.', 'Đề nghị tỉnh hỗ trợ kinh phí.']) {
      expect(report).toContain(s);
    }
    for (const d of [m.docs.submission!, m.docs.report, m.docs.summary]) {
      expect(docText(d)).toContain('TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Dũng');
    }
    const sub = docText(m.docs.submission!);
    expect(sub).toContain('- Đảng ủy xã;\n- HĐND xã;\n- Lưu: VT, VHXH.');
    // The circular always comes first (papers.md); what the commune adds follows it.
    expect(sub.indexOf(LEGAL_BASIS)).toBeGreaterThan(0);
    expect(sub.indexOf('Căn cứ Kế hoạch số 5/KH-UBND của UBND tỉnh;')).toBeGreaterThan(sub.indexOf(LEGAL_BASIS));
    expect(docText(build(sample('meets-level-1'), { archiveOffice: 'GDĐT' }).docs.submission!)).toContain('- Lưu: VT, GDĐT.');
    const letter = build(sample('meets-level-1'), { guidanceLetter: 'Công văn số 3233/SGDĐT-CTTTCNTX ngày 26/12/2024 của Sở Giáo dục và Đào tạo về việc hướng dẫn' });
    expect(docText(letter.docs.report)).toContain(`${LEGAL_BASIS}\nCăn cứ Công văn số 3233/SGDĐT-CTTTCNTX ngày 26/12/2024 của Sở Giáo dục và Đào tạo về việc hướng dẫn;`);
  });
  it('the meeting is cited once recorded', () => {
    const m = build(sample('meets-level-1'), { meetingDate: '2026-01-15', minutesRef: 'Biên bản số 03/BB-UBND' });
    const html = printHtml([m.docs.submission!]);
    expect(html).toContain('đã được thống nhất tại Biên bản số <span class="xd-nobr">03/BB-UBND</span> ngày 15/01/2026');
  });
});

describe('the print HTML', () => {
  it('is A4 with Nghị định 30/2020 margins; a draft says DỰ THẢO on every page of each of its sections', () => {
    const m = build(sample('meets-level-1'));
    const css = pageCss(dossierDocs(m));
    expect(css).toContain('@page { size: A4; margin: 20mm 15mm 20mm 30mm;');
    for (const name of ['xd-submission-main', 'xd-report-main', 'xd-report-annex', 'xd-summary-main', 'xd-minutes-main']) {
      expect(css).toContain(`@page ${name} { @top-right { content: "DỰ THẢO";`);
    }
    const html = printHtml(dossierDocs(m));
    expect(html).toContain('<section class="xd-sec" data-page="xd-report-annex"');
    // Numbered once counted (paginate), never before.
    expect(html).not.toContain('counter(page)');
    const done = build(sample('meets-level-1'), { locked: true, signerName: 'A', meetingDate: '2026-01-15', minutesRef: '1', pcgdEvidence: 'QĐ 1' }, 'Sở');
    expect(done.draft).toBe(false);
    expect(pageCss(dossierDocs(done))).not.toContain('DỰ THẢO');
  });
  it('a criterion keeps with its first indicator, a table’s last row with its totals', () => {
    const m = build(sample('meets-level-1'));
    const tables = dossierDocs(m).flatMap((d) => d.sections.flatMap((sec) => sec.blocks)).filter((b) => b.kind === 'table');
    const summary = tables.find((t) => t.name === 'summary')!;
    expect(summary.kind === 'table' && summary.keepWithNext).toEqual(m.rows.flatMap((r, i) => (r.kind === 'criterion' ? [i] : [])));
    for (const name of ['annex-families', 'annex-citizens', 'annex-training', 'minutes-criteria']) {
      const t = tables.find((x) => x.name === name)!;
      if (t.kind !== 'table') throw new Error(name);
      expect(t.body.at(-1)![1]!.paras[0]!.runs[0]!.text, name).toBe('Cộng');
      expect(t.keepWithNext, name).toEqual([t.body.length - 2]);
    }
    const html = printHtml([m.docs.summary]);
    expect(html.match(/<tr class="xd-keepnext">/g)?.length).toBe(5);
    expect(pageCss([m.docs.summary]) + html).toContain('tr.xd-keepnext { break-after: avoid; }');
  });
  it('escapes what a person typed', () => {
    const m = build(sample('meets-level-1'), { signerName: '<script>alert(1)</script> & "B"' });
    const html = printHtml([m.docs.submission!]);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; “B”');
  });
});
