// The receiver's papers as document models (issue #14, item 6), from a province built with the
// engine (test/unit/review-fixtures.ts): the council the circular allows and the ones it does not,
// a commune not met with its reasons said in people, the request and draft decision with their
// annex, and the yearly report of a mixed province, its counts recomputed here from the fixture's
// own states and the engine's output, never from the papers' code.
import { describe, expect, it } from 'vitest';
import { indicatorText } from '../../src/domain/catalog/index.ts';
import { blocksOf, docText, type Chart, type Doc, type Table } from '../../src/dossier/doc.ts';
import { buildAnswer, buildAppraisal, buildDecision, buildProposal, buildYearReport, type CommuneReview, type ReviewYear } from '../../src/review/papers/index.ts';
import { catalog, communeReview, council, L1, MEMBERS, mixedProvince, reviewYear, SETTINGS, short51 } from './review-fixtures.ts';

const int = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const FORBIDDEN = /tạm tính|dự án|cấu hình|production|phần mềm|ứng dụng Xã Học Tập/iu;
/** The circular's own title names "cấp xã, huyện, tỉnh"; nothing else may name a district. */
const DISTRICT = /huyện|quận|Phòng Giáo dục và Đào tạo/iu;
const CIRCULAR_TITLE = 'cấp xã, huyện, tỉnh';

function clean(doc: Doc<string>): string {
  return docText(doc).normalize('NFC');
}

function expectOfficial(doc: Doc<string>) {
  const text = clean(doc);
  expect(text).not.toMatch(FORBIDDEN);
  expect(text.split(CIRCULAR_TITLE).join('')).not.toMatch(DISTRICT);
  // Straight quotes become curly ones, as the seeds print titles.
  expect(text).not.toContain('"');
}

const table = (doc: Doc<string>, name: string): Table => {
  const t = blocksOf(doc).find((b): b is Table => b.kind === 'table' && b.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
};
const chart = (doc: Doc<string>, name: string): Chart => {
  const c = blocksOf(doc).find((b): b is Chart => b.kind === 'chart' && b.name === name);
  if (!c) throw new Error(`no chart ${name}`);
  return c;
};
const cellText = (t: Table, row: number, col: number) => t.body[row]![col]!.paras.map((p) => p.runs.map((r) => r.text).join('')).join('\n');

/** The review of the commune named, from the fixture's province. */
function find(y: ReviewYear, name: string): CommuneReview {
  const r = y.communes.find((c) => c.commune.name === name);
  if (!r) throw new Error(name);
  return r;
}

const appraise = (y: ReviewYear, review: CommuneReview, c = y.council) => buildAppraisal({ year: y.year, settings: y.settings, council: c, review, catalog });
const answer = (y: ReviewYear, review: CommuneReview, c = y.council) => buildAnswer({ year: y.year, settings: y.settings, council: c, review, catalog });

describe('Biên bản thẩm định: a council the circular allows (odd, at least five)', () => {
  const y = reviewYear();
  const review = find(y, 'Xã Ba Tô');
  const cases: { members: number; ok: boolean }[] = [
    { members: 3, ok: false },
    { members: 4, ok: false },
    { members: 5, ok: true },
    { members: 6, ok: false },
    { members: 7, ok: true },
  ];
  for (const c of cases) {
    it(`${c.members} members: ${c.ok ? 'the paper is made' : 'refused, saying why'}`, () => {
      const r = appraise(y, review, council(c.members));
      const size = r.problems.find((x) => x.code === 'council-size');
      if (c.ok) {
        expect(size).toBeUndefined();
        expect(r.doc).not.toBeNull();
        expect(clean(r.doc!)).toContain(`I. THÀNH PHẦN HỘI ĐỒNG (${c.members} thành viên)`);
      } else {
        expect(r.doc).toBeNull();
        expect(size).toMatchObject({ severity: 'block' });
        expect(size!.text).toContain(`Hội đồng có ${c.members} thành viên`);
        expect(size!.text).toContain('số lẻ, ít nhất 05');
      }
    });
  }

  it('refuses two chairs or no secretary; asks for the Hội Khuyến học and the Ủy ban MTTQ', () => {
    const twoChairs = { ...council(5), members: council(5).members.map((m, i) => (i === 1 ? { ...m, role: 'chair' as const } : m)) };
    const r = appraise(y, review, twoChairs);
    expect(r.doc).toBeNull();
    expect(r.problems.map((x) => x.code)).toEqual(expect.arrayContaining(['council-chair', 'council-secretary']));
    const noFront = { ...council(5), members: council(5).members.map((m) => (/Mặt trận/.test(m.organisation) ? { ...m, organisation: 'Tỉnh đoàn' } : m)) };
    const w = appraise(y, review, noFront);
    expect(w.doc).not.toBeNull();
    expect(w.problems.find((x) => x.code === 'council-mttq')).toMatchObject({ severity: 'warn' });
  });

  it('lists the members by the body they represent, each with the role, the chair and secretary signing', () => {
    const doc = appraise(y, review).doc!;
    const text = clean(doc);
    expectOfficial(doc);
    const orgs = [...new Set(MEMBERS.map((m) => m.organisation))];
    const at = orgs.map((o) => text.indexOf(`. ${o}:`));
    expect(at.every((n) => n > 0)).toBe(true);
    for (const m of MEMBERS) expect(text).toContain(`- ${m.name}, ${m.position}: ${m.role === 'chair' ? 'Chủ tịch Hội đồng' : m.role === 'secretary' ? 'Thư ký Hội đồng' : 'Ủy viên'};`);
    // Grouped: the three members of the Sở stand under its heading, before the next body's.
    const so = text.indexOf('1. Sở Giáo dục và Đào tạo:');
    const next = text.indexOf('2. ');
    for (const m of MEMBERS.filter((x) => x.organisation === 'Sở Giáo dục và Đào tạo')) {
      const i = text.indexOf(m.name);
      expect(i > so && i < next, m.name).toBe(true);
    }
    expect(text).toContain('THƯ KÝ HỘI ĐỒNG\nBà Nguyễn Thị Hoa\nCHỦ TỊCH HỘI ĐỒNG\nÔng Trần Văn Minh');
    expect(text).toContain('Hôm nay, vào lúc 8 giờ 00, ngày 10 tháng 03 năm 2026, tại Hội trường Sở Giáo dục và Đào tạo');
    expect(text).toContain('Căn cứ Quyết định số 45/QĐ-SGDĐT ngày 15/01/2026 của Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi về việc thành lập Hội đồng');
  });

  it('says so when the council appraised by written opinions', () => {
    const written = appraise(y, review, council(5, { kind: 'written', date: '2026-03-11' })).doc!;
    const text = clean(written);
    expect(text).toContain('bằng hình thức lấy ý kiến bằng văn bản của các thành viên Hội đồng; ý kiến được tổng hợp ngày 11 tháng 03 năm 2026');
    expect(text).not.toContain('Hôm nay, vào lúc');
  });

  it('each indicator in the circular’s wording at the level asked for, with its verdict; the criterion follows its indicators', () => {
    for (const name of ['Xã Ba Tô', 'Xã Ba Vì', 'Xã Tư Nghĩa']) {
      const r = find(y, name);
      const level = r.dossier!.request.level;
      const t = table(appraise(y, r).doc!, 'appraisal');
      expect(t.body.length).toBe(5 + 15);
      for (const def of catalog.criteria.flatMap((c) => c.indicators)) {
        const row = t.body.findIndex((cells) => cells[0]!.paras[0]!.runs[0]!.text === def.id.slice(2));
        expect(row, def.id).toBeGreaterThanOrEqual(0);
        expect(cellText(t, row, 1)).toBe(`Chỉ tiêu ${def.id.split('.')[1]} của Tiêu chí ${def.id.slice(2, 3)}: ${indicatorText(def, level).vi.replace(/"([^"]*)"/g, '“$1”')}`);
        const v = r.verdicts![def.id]!.verdict;
        expect(cellText(t, row, 3)).toBe(v === 'met' ? 'Đạt' : v === 'unmet' ? 'Không đạt' : 'Cần bổ sung');
      }
    }
    const t = table(appraise(y, find(y, 'Xã Tư Nghĩa')).doc!, 'appraisal');
    const crit3 = t.body.findIndex((cells) => cells[0]!.paras[0]!.runs[0]!.text === '3');
    expect(cellText(t, crit3, 3)).toBe('Không đạt');
    expect(cellText(t, crit3, 2)).toBe('Đạt 2/3 chỉ tiêu');
    const tc32 = t.body.findIndex((cells) => cells[0]!.paras[0]!.runs[0]!.text === '3.2');
    // The commune said Đạt; the council did not, and says why.
    expect(cellText(t, tc32, 2)).toContain('Xã tự đánh giá: Đạt');
    expect(cellText(t, tc32, 4)).toContain('Thư viện xã chưa ứng dụng công nghệ thông tin');
  });

  it('the conclusion: recognised asks the deciding office; not met asks for a written answer; returned names what to add', () => {
    const rec = clean(appraise(y, find(y, 'Xã Ba Vì')).doc!);
    expect(rec).toContain('Hồ sơ của xã Ba Vì đạt 5/5 tiêu chí, 15/15 chỉ tiêu Mức độ 2 (Tốt). Hội đồng thống nhất đề nghị Ủy ban nhân dân tỉnh Quảng Ngãi công nhận xã Ba Vì đạt “Cộng đồng học tập” cấp xã Mức độ 2 (Tốt) năm 2025.');
    const no = clean(appraise(y, find(y, 'Xã Tư Nghĩa')).doc!);
    expect(no).toContain('không đạt: Chỉ tiêu 2 của Tiêu chí 3. Hội đồng thống nhất: xã Tư Nghĩa chưa đạt “Cộng đồng học tập” cấp xã Mức độ 1 (Khá) năm 2025; đề nghị Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi có văn bản trả lời');
    const back = clean(appraise(y, find(y, 'Phường Đức Phổ')).doc!);
    expect(back).toContain('Hội đồng đề nghị Ủy ban nhân dân phường Đức Phổ bổ sung hồ sơ: Chỉ tiêu 2 của Tiêu chí 1');
    expect(back).toContain('Bổ sung kế hoạch năm 2025 có chữ ký, đóng dấu');
  });

  it('refuses a conclusion the verdicts do not bear, and is a draft while verdicts are missing', () => {
    const r = find(y, 'Xã Tư Nghĩa');
    const wrong = appraise(y, { ...r, conclusion: { outcome: 'recognised', level: 1 } });
    expect(wrong.doc).toBeNull();
    expect(wrong.problems.find((x) => x.code === 'conclusion')!.text).toBe('Hội đồng kết luận đề nghị công nhận nhưng mới đánh giá Đạt 14/15 chỉ tiêu.');
    const ok = appraise(y, find(y, 'Xã Ba Tô'));
    expect(ok.doc!.draft).toBe(false);
    const partial = { ...find(y, 'Xã Ba Tô'), verdicts: { ...find(y, 'Xã Ba Tô').verdicts!, 'TC2.1': { verdict: null } }, conclusion: null };
    const p = appraise(y, partial);
    expect(p.doc!.draft).toBe(true);
    expect(p.problems.find((x) => x.code === 'no-verdict')!.text).toBe('Chưa có kết quả thẩm định: Chỉ tiêu 1 của Tiêu chí 2.');
  });
});

describe('Văn bản trả lời: a commune not recognised, with the reasons (Điều 9.2)', () => {
  const y = reviewYear();

  it('the engine’s gap said in people: how many more "Công dân học tập" it needs', () => {
    const r = find(y, 'Xã Nghĩa Hành');
    const input = r.dossier!.input;
    const citizens = input.villages.reduce((n, v) => n + v.citizens!, 0);
    const recognised = input.villages.reduce((n, v) => n + v.citizensRecognized!, 0);
    const gap = Math.ceil((citizens * 60) / 100) - recognised;
    expect(gap).toBe(37);
    const doc = answer(y, r).doc!;
    const text = clean(doc);
    expectOfficial(doc);
    expect(text).toContain('Kính gửi: Ủy ban nhân dân xã Nghĩa Hành.');
    expect(text).toContain('Số: 113/SGDĐT-GDTX');
    expect(text).toContain('V/v kết quả thẩm định hồ sơ đề nghị công nhận “Cộng đồng học tập” cấp xã năm 2025 của xã Nghĩa Hành');
    expect(text).toContain('nhận được Tờ trình số 05/TTr-UBND ngày 05/02/2026 của Ủy ban nhân dân xã Nghĩa Hành');
    expect(text).toContain('(Biên bản thẩm định số 13/BB-HĐ ngày 10/03/2026)');
    expect(text).toContain('Hồ sơ của xã Nghĩa Hành chưa đạt “Cộng đồng học tập” cấp xã Mức độ 1 (Khá) năm 2025 (đạt 4/5 tiêu chí, 14/15 chỉ tiêu). Lý do không đạt:');
    const reason = text.split('\n').find((l) => l.startsWith('1. Chỉ tiêu 1 của Tiêu chí 5'))!;
    expect(reason).toContain(`kết quả của xã: ${int(recognised)}/${int(citizens)} người từ 15 tuổi trở lên`);
    expect(reason).toContain('yêu cầu: từ 60\u00a0% trở lên');
    expect(reason).toContain(`cần thêm ${gap} người đạt danh hiệu “Công dân học tập”`);
    // 59,3 %, never "60 %" beside a threshold it does not reach.
    expect(reason).not.toMatch(/\(60[\s\u00a0]%\)/);
    expect(text).toContain('Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi trả lời để Ủy ban nhân dân xã Nghĩa Hành được biết./.');
    expect(text).toContain('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Văn Minh');
    expect(text).toContain('Địa chỉ: 152 Hùng Vương');
    expect(doc.draft).toBe(false);
  });

  it('one person short: the share is cut, never rounded up into the threshold (59,98 %, not 60 %)', () => {
    const r = communeReview({ no: 30, code: '21999', name: 'Xã Sát Ngưỡng', base: short51(L1, 1), state: 'not-recognised' });
    const input = r.dossier!.input;
    const citizens = input.villages.reduce((n, v) => n + v.citizens!, 0);
    const recognised = input.villages.reduce((n, v) => n + v.citizensRecognized!, 0);
    // Just below 60 %, where one decimal would read 60,0 %.
    expect(recognised * 100).toBeLessThan(60 * citizens);
    expect(Math.round((recognised * 1000) / citizens) / 10).toBe(60);
    const reason = clean(answer(y, r).doc!).split('\n').find((l) => l.startsWith('1. Chỉ tiêu 1 của Tiêu chí 5'))!;
    const cut = Math.floor((recognised * 10000) / citizens) / 100;
    expect(reason).toContain(`(${new Intl.NumberFormat('vi-VN').format(cut)}\u00a0%)`);
    expect(reason).toContain('cần thêm 1 người đạt danh hiệu “Công dân học tập”');
    expect(reason).not.toMatch(/\(60(,0)?[\s\u00a0]%\)/);
  });

  it('a council’s own finding: its comment is the reason, with the commune’s answer beside it', () => {
    const text = clean(answer(y, find(y, 'Xã Tư Nghĩa')).doc!);
    const reason = text.split('\n').find((l) => l.startsWith('1. '))!;
    expect(reason).toMatch(/^1\. Chỉ tiêu 2 của Tiêu chí 3 \(Thư viện công cộng cấp xã có ứng dụng công nghệ thông tin/);
    expect(reason).toContain('ý kiến của Hội đồng: Thư viện xã chưa ứng dụng công nghệ thông tin trong quản lý, phục vụ người đọc.');
    expect(text.split('\n').filter((l) => /^\d\. Chỉ tiêu/.test(l)).length).toBe(1);
  });

  it('every indicator failed is a numbered reason (a yes/no answered Không đạt, TC5.1 short)', () => {
    const r = find(y, 'Xã Mộ Đức');
    const failed = Object.entries(r.verdicts!).filter(([, v]) => v.verdict === 'unmet').map(([id]) => id);
    const text = clean(answer(y, r).doc!);
    const reasons = text.split('\n').filter((l) => /^\d+\. Chỉ tiêu/.test(l));
    expect(reasons.length).toBe(failed.length);
    failed.forEach((id, i) => expect(reasons[i]).toContain(`${i + 1}. Chỉ tiêu ${id.split('.')[1]} của Tiêu chí ${id.slice(2, 3)}`));
    expect(reasons.find((l) => l.includes('Tiêu chí 3'))).toContain('Ủy ban nhân dân xã tự đánh giá Không đạt');
    expect(reasons.find((l) => l.includes('Chỉ tiêu 3 của Tiêu chí 1'))).toContain('Không có báo cáo kết quả Tuần lễ hưởng ứng học tập suốt đời');
  });

  it('the reasons the register records are stated, first and as written, under "Lý do không đạt"', () => {
    const r = { ...find(y, 'Xã Tư Nghĩa'), reasons: 'Hồ sơ thiếu Báo cáo tự đánh giá có chữ ký của Chủ tịch Ủy ban nhân dân xã.\n  Thư viện xã chưa hoạt động thường xuyên.  ' };
    const lines = clean(answer(y, r).doc!).split('\n');
    const at = lines.findIndex((l) => l.endsWith('Lý do không đạt:'));
    expect(lines.slice(at + 1, at + 4)).toEqual([
      'Hồ sơ thiếu Báo cáo tự đánh giá có chữ ký của Chủ tịch Ủy ban nhân dân xã.',
      'Thư viện xã chưa hoạt động thường xuyên.',
      expect.stringMatching(/^1\. Chỉ tiêu 2 của Tiêu chí 3/),
    ]);
    // A "Không đạt" without its own reason no longer stops the letter when the register states why.
    const bare = { ...find(y, 'Xã Ba Tô'), verdicts: { ...find(y, 'Xã Ba Tô').verdicts!, 'TC2.3': { verdict: 'unmet' as const } }, conclusion: { outcome: 'not-recognised' as const }, reasons: 'Chưa tổ chức Tuần lễ hưởng ứng học tập suốt đời.' };
    const text = clean(answer(y, bare).doc!);
    expect(text).toContain('Lý do không đạt:\nChưa tổ chức Tuần lễ hưởng ứng học tập suốt đời.');
    expect(text).not.toMatch(/^\d+\. Chỉ tiêu 3 của Tiêu chí 2/m);
  });

  it('no letter without a reason, and none for a commune the council recognised', () => {
    const r = find(y, 'Xã Ba Tô');
    const bare = { ...r, verdicts: { ...r.verdicts!, 'TC2.3': { verdict: 'unmet' as const } }, conclusion: { outcome: 'not-recognised' as const } };
    const res = answer(y, bare);
    expect(res.doc).toBeNull();
    expect(res.problems.find((x) => x.code === 'no-reason')!.text).toContain('Chỉ tiêu 3 của Tiêu chí 2: Hội đồng đánh giá Không đạt nhưng chưa ghi lý do');
    expect(answer(y, r).doc).toBeNull();
    const unnumbered = answer(y, { ...find(y, 'Xã Tư Nghĩa'), answer: undefined }).doc!;
    expect(unnumbered.draft).toBe(true);
    expect(clean(unnumbered)).toMatch(/Số: \u00a0+\/SGDĐT-GDTX/);
  });
});

describe('Tờ trình and dự thảo Quyết định công nhận', () => {
  const y = reviewYear();
  const recognised = y.communes.filter((c) => c.conclusion?.outcome === 'recognised');

  it('the Tờ trình asks the deciding office for every commune the council found to meet a level', () => {
    const doc = buildProposal(y).doc!;
    expectOfficial(doc);
    const text = clean(doc);
    expect(text).toContain('Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi.');
    expect(text).toContain('Số: 25/TTr-SGDĐT');
    expect(text).toContain(`công nhận ${recognised.length} xã đạt “Cộng đồng học tập” cấp xã năm 2025, gồm:`);
    expect(text).toContain('Kính trình Ủy ban nhân dân tỉnh Quảng Ngãi xem xét, quyết định./.');
    const t = table(doc, 'proposal-communes');
    expect(t.body.length).toBe(recognised.length + 1);
    for (const c of recognised) expect(t.body.some((row) => row[1]!.paras[0]!.runs[0]!.text === c.commune.name)).toBe(true);
    // One dossier is still in review: the request is a draft until it is concluded.
    expect(doc.draft).toBe(true);
  });

  it('the draft decision: Điều 1–3, the signer, and an annex of the communes and levels attached by number and date', () => {
    const doc = buildDecision(y).doc!;
    expectOfficial(doc);
    expect(doc.sections.map((s) => s.id)).toEqual(['main', 'annex']);
    const text = clean(doc);
    const l1 = recognised.filter((c) => c.conclusion!.outcome === 'recognised' && (c.conclusion as { level: number }).level === 1).length;
    const l2 = recognised.length - l1;
    expect(text).toContain('ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 120/QĐ-UBND');
    expect(text).toContain(`Điều 1. Công nhận ${recognised.length} xã đạt “Cộng đồng học tập” cấp xã năm 2025 (${l1} xã đạt Mức độ 1 (Khá), ${l2} xã đạt Mức độ 2 (Tốt)), có danh sách kèm theo.`);
    // Điều 5.4 as the project reads it: a decision of 2026 keeps its level until 31/12/2029.
    expect(text).toContain('đến hết ngày 31/12/2029.');
    expect(text).toContain('Theo đề nghị của Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi tại Tờ trình số 25/TTr-SGDĐT ngày 12/03/2026.');
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Hòa');
    const annex = docText({ ...doc, sections: [doc.sections[1]!] });
    expect(annex).toContain('(Kèm theo Quyết định số 120/QĐ-UBND ngày 20 tháng 03 năm 2026 của Ủy ban nhân dân tỉnh Quảng Ngãi)');
    const t = table(doc, 'decision-annex');
    expect(t.body.length).toBe(recognised.length + 1);
    // Level 2 first, each row with its level; the totals at the foot.
    const levels = t.body.slice(0, -1).map((row) => row[2]!.paras[0]!.runs[0]!.text);
    expect(levels).toEqual([...Array(l2).fill('Mức độ 2 (Tốt)'), ...Array(l1).fill('Mức độ 1 (Khá)')]);
    expect(cellText(t, t.body.length - 1, 1)).toBe(`Cộng: ${recognised.length} xã (${l1} xã đạt Mức độ 1 (Khá), ${l2} xã đạt Mức độ 2 (Tốt))`);
  });

  it('a draft without its number and date leaves them for the hand, on the annex’s attached-to line too', () => {
    const doc = buildDecision({ ...y, decision: {} }).doc!;
    expect(doc.draft).toBe(true);
    const annex = docText({ ...doc, sections: [doc.sections[1]!] });
    expect(annex).toContain('(Kèm theo Quyết định số …/QĐ-UBND ngày … tháng … năm 2026 của Ủy ban nhân dân tỉnh Quảng Ngãi)');
    expect(docText(doc)).toMatch(/Số: \u00a0+\/QĐ-UBND/);
  });

  it('a decision signed by a Sở’s director: issued in the director’s name, the annex attached to it', () => {
    const sở = { ...SETTINGS, decider: { ...SETTINGS.receiver, signerTitle: 'Giám đốc', signerName: 'Lê Văn Hải' } };
    const doc = buildDecision({ ...y, settings: sở, decision: { number: '7', date: '2026-03-25', signerName: 'Lê Văn Hải' }, communes: y.communes.filter((c) => c.dossier && c.conclusion) }).doc!;
    const text = clean(doc);
    expect(text).toContain('ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 07/QĐ-SGDĐT');
    expect(text).toContain('GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH QUẢNG NGÃI');
    expect(text).toContain('(Kèm theo Quyết định số 07/QĐ-SGDĐT ngày 25 tháng 03 năm 2026 của Giám đốc Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi)');
    expect(text).toContain('GIÁM ĐỐC\nLê Văn Hải');
    expect(doc.draft).toBe(false);
  });

  it('nothing to decide when the council proposed no commune', () => {
    const none = { ...y, communes: y.communes.filter((c) => c.conclusion?.outcome !== 'recognised') };
    expect(buildProposal(none).doc).toBeNull();
    expect(buildDecision(none).problems[0]!.text).toBe('Chưa có xã nào được Hội đồng kết luận đề nghị công nhận.');
  });
});

describe('the yearly Báo cáo kết quả đánh giá, công nhận of a mixed province', () => {
  const specs = mixedProvince();
  const y = reviewYear(specs);
  const { doc, summary } = buildYearReport(y, catalog);

  it('counts from the communes’ states and the register', () => {
    expect(specs.length).toBe(20);
    const count = (ok: (s: (typeof specs)[number]) => boolean) => specs.filter(ok).length;
    expect(summary.total).toBe(20);
    expect(summary.sent).toBe(count((s) => s.state !== 'draft'));
    expect(summary.counts['level-2']).toBe(count((s) => s.decided?.level === 2));
    expect(summary.counts['level-1']).toBe(count((s) => s.decided?.level === 1));
    expect(summary.counts['not-recognised']).toBe(count((s) => s.state === 'not-recognised'));
    expect(summary.counts.returned).toBe(count((s) => s.state === 'returned'));
    expect(summary.counts['in-review']).toBe(count((s) => s.state === 'submitted'));
    expect(summary.counts['not-sent']).toBe(count((s) => s.state === 'draft'));
    expect(summary.heldInForce).toBe(1);
    const text = clean(doc!);
    expectOfficial(doc!);
    expect(text).toContain(`Toàn tỉnh có 20 xã. Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi đã tiếp nhận hồ sơ của ${summary.sent} xã (80\u00a0%)`);
    expect(text).toContain(`Kết quả: ${summary.counts['level-2']} xã (15\u00a0%) đạt Mức độ 2 (Tốt); ${summary.counts['level-1']} xã (35\u00a0%) đạt Mức độ 1 (Khá); 4 xã (20\u00a0%) không đạt`);
    expect(text).toContain('trong đó 1 xã đang giữ danh hiệu còn thời hạn bảo lưu');
    expect(text).toContain('Kính gửi:\n- Bộ Giáo dục và Đào tạo;\n- Ủy ban nhân dân tỉnh Quảng Ngãi.');
    expect(text).toContain('Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi kính báo cáo./.');
    expect(text).toContain('Nơi nhận:\n- Bộ Giáo dục và Đào tạo;\n- Ủy ban nhân dân tỉnh Quảng Ngãi;');
  });

  it('a report not addressed by hand goes to the deciding office the province set, in Kính gửi and Nơi nhận', () => {
    const text = clean(buildYearReport({ ...y, report: { ...y.report, to: undefined } }, catalog).doc!);
    expect(text).toContain(`Kính gửi: ${y.settings.decider.name}.`);
    expect(text).toContain(`Nơi nhận:\n- ${y.settings.decider.name};\n`);
    expect(text).not.toContain('- …;');
  });

  it('why the others did not: each indicator failed with its communes, by the council’s verdicts', () => {
    const failedBy = new Map<string, string[]>();
    for (const c of y.communes.filter((x) => x.state === 'not-recognised')) {
      for (const [id, v] of Object.entries(c.verdicts!)) if (v.verdict === 'unmet') failedBy.set(id, [...(failedBy.get(id) ?? []), c.commune.name]);
    }
    expect(summary.failing.map((f) => [f.id, f.communes])).toEqual([...failedBy].sort(([a], [b]) => a.localeCompare(b)));
    const t = table(doc!, 'failing');
    expect(t.body.length).toBe(failedBy.size);
    for (const [id, names] of failedBy) {
      const row = t.body.findIndex((r) => r[0]!.paras[0]!.runs[0]!.text === id.slice(2));
      expect(cellText(t, row, 2)).toBe(String(names.length));
      expect(cellText(t, row, 3)).toBe(names.join(', '));
    }
    const byCriterion = chart(doc!, 'failing-criteria').bars;
    expect(byCriterion.map((b) => b.label)).toEqual(['Tiêu chí 1', 'Tiêu chí 2', 'Tiêu chí 3', 'Tiêu chí 4', 'Tiêu chí 5']);
    for (const b of byCriterion) {
      const n = y.communes.filter((c) => c.state === 'not-recognised' && Object.entries(c.verdicts!).some(([id, v]) => v.verdict === 'unmet' && id.startsWith(`TC${b.label.slice(-1)}.`))).length;
      expect(b.value, b.label).toBe(n);
    }
  });

  it('the outcomes chart carries the same counts, and the annex lists every commune with its result', () => {
    const bars = chart(doc!, 'outcomes').bars;
    expect(bars.find((b) => b.label === 'Đạt Mức độ 1 (Khá)')).toEqual({ label: 'Đạt Mức độ 1 (Khá)', value: summary.counts['level-1'], note: '35\u00a0%' });
    expect(bars.reduce((n, b) => n + b.value, 0)).toBe(20);
    expect(doc!.sections.map((s) => s.id)).toEqual(['main', 'annex']);
    const t = table(doc!, 'year-annex');
    expect(t.body.length).toBe(21);
    y.communes.forEach((c, i) => expect(cellText(t, i, 1)).toBe(c.commune.name));
    const tuNghia = y.communes.findIndex((c) => c.commune.name === 'Xã Tư Nghĩa');
    expect(cellText(t, tuNghia, 3)).toBe('Không đạt');
    expect(cellText(t, tuNghia, 5)).toBe('Không đạt: Chỉ tiêu 2 của Tiêu chí 3');
    expect(cellText(t, 0, 4)).toBe('120/QĐ-UBND ngày 20/03/2026');
    expect(clean({ ...doc!, sections: [doc!.sections[1]!] })).toContain('(Kèm theo Báo cáo số 40/BC-SGDĐT ngày 10 tháng 04 năm 2026 của Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi)');
    // One dossier is still in review: the report says DỰ THẢO until it is concluded.
    expect(doc!.draft).toBe(true);
  });

  it('a share is never rounded up into all of them: 1.999 of 2.000 communes is 99,95 %', () => {
    const many: CommuneReview[] = Array.from({ length: 2000 }, (_, i) => ({
      commune: { code: String(30000 + i), name: `Xã Số ${i + 1}` },
      state: i === 0 ? 'draft' : 'recognised',
      ...(i === 0 ? {} : { decision: { level: 1 as const, number: '9', date: '2026-03-20' } }),
    }));
    const r = buildYearReport({ ...y, communes: many }, catalog);
    const text = clean(r.doc!);
    expect(text).toContain('Toàn tỉnh có 2.000 xã');
    expect(text).toContain('1.999 xã (99,95\u00a0%) đạt Mức độ 1 (Khá)');
    expect(text).not.toContain('(100\u00a0%)');
    expect(r.doc!.draft).toBe(false);
  });
});
