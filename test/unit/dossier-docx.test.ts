// The .docx papers built from the shared sample communes and the demo commune: unzipped, their
// word/document.xml (and headers) read back, and every indicator, figure and Đạt/Không đạt checked
// against the sample's own input and expected.json (figures recomputed here, formatted with Intl,
// not the app); the layout of Nghị định 30/2020 (sections numbered on their own, DỰ THẢO on a draft).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AssessInput, Status } from '../../src/domain/assess-types.ts';
import { tt25_2023 } from '../../src/domain/catalog/index.ts';
import { indicatorText, type IndicatorDef } from '../../src/domain/catalog/index.ts';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { assess } from '../../src/domain/readiness/assess.ts';
import { buildDocx } from '../../src/dossier/docx.ts';
import { dossierOf } from './dossier-fixtures.ts';
import type { DossierTexts } from '../../src/dossier/texts.ts';
import { expectPaperLayout, readDocx } from './dossier-xml.ts';

const SAMPLES = fileURLToPath(new URL('../../docs/domain/samples/', import.meta.url));

interface Expected {
  level: number;
  eligibleLevel: number;
  levels: Record<string, { status: Status; indicators: Record<string, { status: Status; gap: number | null }> }>;
}

const sampleNames = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function loadSample(name: string): { input: AssessInput; expected: Expected } {
  return {
    input: JSON.parse(readFileSync(`${SAMPLES}${name}/input.json`, 'utf8')) as AssessInput,
    expected: JSON.parse(readFileSync(`${SAMPLES}${name}/expected.json`, 'utf8')) as Expected,
  };
}

// glossary.md: "Chưa đạt (in the papers: Không đạt)".
const LABEL: Record<Status, string> = { met: 'Đạt', unmet: 'Không đạt', unknown: 'Chưa có dữ liệu' };
/** Titles in curly quotes, as the papers print them. */
const curly = (t: string) => t.replace(/"([^"]*)"/g, '“$1”');
const int = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
/** A share beside a threshold: one decimal, or cut to two where one would read as reaching it; never parted from its %. */
const share = (n: number, d: number, t: number) => {
  const one = Math.round((n * 1000) / d) / 10;
  const p = one >= t && n * 100 < t * d ? Math.floor((n * 10000) / d) / 100 : one;
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(p)}\u00a0%`;
};
const indicators = tt25_2023.criteria.flatMap((c) => c.indicators);

/** Σ of a count and of the citizens over the villages that have every count the indicator reads. */
function sums(input: AssessInput, key: 'citizensRecognized' | 'trained' | 'university'): [number, number] {
  const reads = key === 'citizensRecognized' ? [key] : (['trained', 'university'] as const);
  let n = 0;
  let d = 0;
  for (const v of input.villages) {
    if (reads.every((k) => typeof v[k] === 'number') && typeof v.citizens === 'number') {
      n += v[key] as number;
      d += v.citizens;
    }
  }
  return [n, d];
}

/** The commune's figure of one indicator as the paper must show it, computed from the raw input. */
function expectedFigure(input: AssessInput, def: IndicatorDef, level: 1 | 2): string[] {
  const area = input.figures?.difficultArea === true;
  if (def.kind === 'ratio') {
    const [n, d] = sums(input, 'citizensRecognized');
    return [`${int(n)}/${int(d)} người từ 15 tuổi trở lên`, `(${share(n, d, def.thresholds[level])})`];
  }
  if (def.kind === 'training') {
    const t = (area ? def.difficultAreaThresholds : def.thresholds)[level];
    const [tn, td] = sums(input, 'trained');
    const [un, ud] = sums(input, 'university');
    return [
      `Được đào tạo: ${int(tn)}/${int(td)} người từ 15 tuổi trở lên (${share(tn, td, t.trained)})`,
      `Đại học trở lên: ${int(un)}/${int(ud)} người từ 15 tuổi trở lên (${share(un, ud, t.university)})`,
    ];
  }
  if (def.kind === 'standard') {
    const v = input.figures?.[def.figure];
    if (v === undefined || v === null) return ['chưa có số liệu'];
    if (typeof v === 'boolean') return [v ? 'đạt chuẩn' : 'chưa đạt chuẩn'];
    return [v === 0 ? 'chưa đạt chuẩn' : `mức độ ${v}`];
  }
  const a = input.answers?.[def.id];
  const out = [a?.met === true ? 'Đã thực hiện' : a?.met === false ? 'Chưa thực hiện' : 'Chưa trả lời'];
  if (typeof a?.amount === 'number') out.push(`${int(a.amount)} đồng`);
  for (const e of a?.evidence ?? []) {
    if (e.number) out.push(e.number);
    if (e.title) out.push(curly(e.title));
    if (e.issuer) out.push(`của ${curly(e.issuer)}`);
  }
  if (def.kind === 'yes-no' && a?.met === true && (a?.evidence ?? []).length === 0) out.push('Chưa có minh chứng');
  return out;
}

const texts: DossierTexts = {
  signerName: 'Nguyễn Văn Bình',
  submissionNumber: '12',
  reportNumber: '15',
  docDate: '2026-02-05',
  narrSituation: 'Xã có truyền thống hiếu học.',
};

async function papers(input: AssessInput) {
  const output = assess(input);
  const model = dossierOf(input, texts, 'Ủy ban nhân dân tỉnh Thử Nghiệm');
  const [summary, report, minutes, submission] = await Promise.all([
    buildDocx(model.docs.summary).then(readDocx),
    buildDocx(model.docs.report).then(readDocx),
    buildDocx(model.docs.minutes).then(readDocx),
    model.docs.submission ? buildDocx(model.docs.submission).then(readDocx) : null,
  ]);
  return { model, output, summary, report, minutes, submission };
}

/** The summary table: the one whose header names the criteria column. */
function summaryTable(tables: string[][][]): string[][] {
  const t = tables.find((rows) => rows[0]?.some((c) => c === 'Tiêu chí, chỉ tiêu'));
  if (!t) throw new Error('summary table not found');
  return t;
}

const cases: { name: string; input: AssessInput; expected: Expected | null }[] = [
  ...sampleNames.map((name) => ({ name, ...loadSample(name) })),
  { name: 'demo 2025', input: demoCommune.years.find((y) => y.year === 2025)!, expected: null },
];

describe('the summary table (.docx) of each sample commune', () => {
  it('has all five shared samples to test', () => {
    expect(sampleNames).toEqual(['difficult-area', 'level-2-waiting', 'meets-level-1', 'missing-data', 'one-indicator-short']);
  });

  for (const c of cases) {
    it(`${c.name}: every indicator with its text, figure, requirement level and Đạt/Không đạt`, async () => {
      const { summary, output } = await papers(c.input);
      const table = summaryTable(summary.tables);
      const tableLevel = c.expected ? c.expected.eligibleLevel || 1 : output.eligibleLevel || 1;
      expect(table[0]).toContain(`Yêu cầu Mức độ ${tableLevel} (${tableLevel === 1 ? 'Khá' : 'Tốt'})`);
      const byNo = new Map(table.slice(1).map((row) => [row[0], row]));
      // 5 criteria + 15 indicators, nothing else.
      expect(table.length - 1).toBe(5 + 15);
      for (const def of indicators) {
        const no = def.id.replace('TC', '');
        const row = byNo.get(no);
        expect(row, `row ${no}`).toBeDefined();
        const [, text, requirement, figure, status, evidence] = row!;
        // The circular's wording at the table's level (level 2 rewords TC4 and TC5).
        expect(text).toContain(`Chỉ tiêu ${no.split('.')[1]} của Tiêu chí ${no.split('.')[0]}: ${curly(indicatorText(def, tableLevel as 1 | 2).vi)}`);
        const want = c.expected
          ? c.expected.levels[String(tableLevel)]!.indicators[def.id]!.status
          : output.levels.find((l) => l.level === tableLevel)!.criteria.flatMap((x) => x.indicators).find((i) => i.id === def.id)!.status;
        expect(status, `${def.id} status`).toBe(LABEL[want]);
        for (const piece of expectedFigure(c.input, def, tableLevel as 1 | 2)) {
          expect(`${figure}\n${evidence}`, `${def.id} figure`).toContain(piece);
        }
        const level = tableLevel as 1 | 2;
        if (def.kind === 'ratio') expect(requirement).toBe(`Từ ${def.thresholds[level]}\u00a0% trở lên`);
        if (def.kind === 'training') {
          const area = c.input.figures?.difficultArea === true;
          const t = (area ? def.difficultAreaThresholds : def.thresholds)[level];
          expect(requirement).toContain(`Được đào tạo: từ ${t.trained}\u00a0% trở lên`);
          expect(requirement).toContain(`Đại học trở lên: từ ${t.university}\u00a0% trở lên`);
          if (area) expect(requirement).toContain('(Ngưỡng của xã thuộc vùng khó khăn)');
          else expect(requirement).not.toContain('vùng khó khăn');
        }
        if (def.kind === 'standard') expect(requirement).toBe(def.minimum[level] === true ? 'Đạt chuẩn' : `Đạt chuẩn mức độ ${def.minimum[level]} trở lên`);
        expect(`${text} ${requirement} ${figure} ${evidence}`).not.toMatch(/tạm tính|dự án|cấu hình|production/iu);
      }
      for (const crit of tt25_2023.criteria) {
        const row = byNo.get(crit.id.replace('TC', ''))!;
        expect(row[1]).toContain(curly(crit.text.vi));
        const statuses = crit.indicators.map((d) => byNo.get(d.id.replace('TC', ''))![4]);
        const want = statuses.every((s) => s === 'Đạt') ? 'Đạt' : statuses.includes('Không đạt') ? 'Không đạt' : 'Chưa có dữ liệu';
        expect(row[4], `${crit.id}`).toBe(want);
      }
    });
  }

  it('names each piece of evidence where the commune recorded it', async () => {
    const { input } = loadSample('meets-level-1');
    input.answers!['TC1.2'] = {
      met: true,
      evidence: [
        { number: '21/KH-UBND', date: '2025-01-20', issuer: 'UBND xã Đạt Mức Một', title: 'Kế hoạch xây dựng xã hội học tập năm 2025' },
        { title: 'Báo cáo sơ kết 6 tháng', date: '2025-07-02' },
      ] as NonNullable<AssessInput['answers']>[string]['evidence'],
    };
    input.answers!['TC1.1'] = { met: true };
    const { summary, report, model } = await papers(input);
    const row = summaryTable(summary.tables).find((r) => r[0] === '1.2')!;
    expect(row[5]).toContain('21/KH-UBND ngày 20/01/2025 của UBND xã Đạt Mức Một: Kế hoạch xây dựng xã hội học tập năm 2025');
    expect(row[5]).toContain('Báo cáo sơ kết 6 tháng (ngày 02/07/2025)');
    const other = summaryTable(summary.tables).find((r) => r[0] === '1.1')!;
    expect(other[5]).toBe('Chưa có minh chứng');
    expect(report.text).toContain('Minh chứng: 21/KH-UBND ngày 20/01/2025 của UBND xã Đạt Mức Một: Kế hoạch xây dựng xã hội học tập năm 2025; Báo cáo sơ kết 6 tháng (ngày 02/07/2025).');
    const flagged = model.warnings.find((w) => w.code === 'no-evidence')!.text;
    expect(flagged).toContain('Chỉ tiêu 1 của Tiêu chí 1');
    expect(flagged).not.toContain('Chỉ tiêu 2 của Tiêu chí 1');
  });

  it('shows the gap where a share falls short', async () => {
    const { input, expected } = loadSample('one-indicator-short');
    const gap = expected.levels['1']!.indicators['TC5.1']!.gap as number;
    const { summary } = await papers(input);
    const row = summaryTable(summary.tables).find((r) => r[0] === '5.1')!;
    expect(row[3]).toContain(`Còn thiếu: ${int(gap)} `);
    expect(row[4]).toBe('Không đạt');
  });

  it('names the villages lacking data where an indicator has none', async () => {
    const { input } = loadSample('missing-data');
    const { summary } = await papers(input);
    const rows = summaryTable(summary.tables);
    const lacking = input.villages.filter((v) => v.citizensRecognized === null || v.citizensRecognized === undefined).map((v) => v.name!);
    expect(lacking.length).toBeGreaterThan(0);
    for (const name of lacking) expect(rows.find((r) => r[0] === '5.1')![3]).toContain(name);
    // TC5.2 reads trained and university: a village lacking either is named there.
    const lackingTraining = input.villages.filter((v) => typeof v.trained !== 'number' || typeof v.university !== 'number').map((v) => v.name!);
    expect(lackingTraining.length).toBeGreaterThan(0);
    for (const name of lackingTraining) expect(rows.find((r) => r[0] === '5.2')![3]).toContain(`Thôn chưa có số liệu: ${name}`);
    expect(rows.find((r) => r[0] === '4.4')![3]).toContain('chưa có số liệu');
    expect(rows.find((r) => r[0] === '1.3')![3]).toContain('Chưa trả lời');
  });
});

describe('the layout of the papers (.docx)', () => {
  it('is A4 portrait with the margins of Nghị định 30/2020 and Times New Roman 14 pt', async () => {
    const { summary, report, submission, minutes } = await papers(loadSample('meets-level-1').input);
    // The report's annex is a section of its own, numbering its own pages.
    for (const d of [summary, report, submission!, minutes]) expectPaperLayout(d, d === report ? 2 : 1);
  });

  it('opens with the national motto, the issuing body in bold, number and date', async () => {
    const { submission, report, summary, minutes } = await papers(loadSample('meets-level-1').input);
    for (const d of [submission!, report, summary, minutes]) {
      const header = d.tables[0]!;
      expect(header[0]![1]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc');
      expect(header[0]![0]).toContain('ỦY BAN NHÂN DÂN\nXÃ ĐẠT MỨC MỘT');
      if (d !== minutes) expect(header[0]![1]).toContain('Đạt Mức Một, ngày 05 tháng 02 năm 2026');
      // Both lines of the issuer bold (the first run of the first table).
      const issuer = /<w:tbl>[\s\S]*?<w:tc>([\s\S]*?)<\/w:tc>/.exec(d.xml)![1]!;
      const runs = issuer.match(/<w:r>[\s\S]*?<\/w:r>/g)!.filter((r) => /ỦY BAN NHÂN DÂN|XÃ ĐẠT MỨC MỘT/.test(r));
      expect(runs.length).toBe(2);
      for (const r of runs) expect(r).toContain('<w:b/>');
    }
    expect(submission!.tables[0]![0]![0]).toContain('Số: 12/TTr-UBND');
    expect(report.tables[0]![0]![0]).toContain('Số: 15/BC-UBND');
    expect(minutes.text).toContain('BIÊN BẢN');
  });

  it('a draft says DỰ THẢO in the header of every page; a finished paper does not', async () => {
    const draft = await papers(loadSample('meets-level-1').input);
    const headers = (d: { files: Record<string, Uint8Array> }) =>
      Object.entries(d.files)
        .filter(([k]) => /^word\/header\d+\.xml$/.test(k))
        .map(([, v]) => new TextDecoder().decode(v));
    for (const d of [draft.summary, draft.report, draft.submission!, draft.minutes]) {
      const hs = headers(d);
      // The first page's header and the following pages' header of each section.
      expect(hs.length).toBe(d === draft.report ? 4 : 2);
      for (const h of hs) expect(h).toContain('DỰ THẢO');
    }
    const done = dossierOf(loadSample('meets-level-1').input, { ...texts, meetingDate: '2026-01-20', minutesRef: '03', pcgdEvidence: 'Quyết định số 120/QĐ-UBND', locked: true }, 'Sở');
    expect(done.draft).toBe(false);
    for (const h of headers(readDocx(await buildDocx(done.docs.report)))) expect(h).not.toContain('DỰ THẢO');
  });

  it('the request asks for the level met, to the recipient, with Nơi nhận and the signature', async () => {
    const { submission: s } = await papers(loadSample('meets-level-1').input);
    const submission = s!;
    expect(submission.text).toContain('TỜ TRÌNH');
    expect(submission.text).toContain('Về việc đề nghị công nhận xã Đạt Mức Một đạt “Cộng đồng học tập” cấp xã Mức độ 1 (Khá) năm 2025');
    expect(submission.text).toContain('Kính gửi: Ủy ban nhân dân tỉnh Thử Nghiệm.');
    expect(submission.text).toContain('Căn cứ Thông tư số 25/2023/TT-BGDĐT ngày 27/12/2023 của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về đánh giá, công nhận “Cộng đồng học tập” cấp xã, huyện, tỉnh;');
    expect(submission.text).toContain('Kết quả: đạt 5/5 tiêu chí, 15/15 chỉ tiêu Mức độ 1 (Khá).');
    expect(submission.text).toContain('Kính trình Ủy ban nhân dân tỉnh Thử Nghiệm xem xét, quyết định./.');
    const footer = submission.tables.at(-1)!;
    expect(footer[0]![0]).toContain('Nơi nhận:\n- Như trên;');
    expect(footer[0]![0]).toContain('- Lưu: VT, VHXH.');
    expect(footer[0]![1]).toContain('TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH');
    expect(footer[0]![1]).toContain('Nguyễn Văn Bình');
    // The closing lines keep with the signature in Word too.
    const closing = submission.xml.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?Kính trình[\s\S]*?<\/w:p>/)![0];
    expect(closing).toContain('<w:keepNext/>');
  });

  it('Word keeps a criterion row with its first indicator', async () => {
    const { summary } = await papers(loadSample('meets-level-1').input);
    const rows = summary.xml.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
    const crit = rows.find((r) => r.includes('Tiêu chí 5:'))!;
    const ind = rows.find((r) => r.includes('Chỉ tiêu 1 của Tiêu chí 5:'))!;
    expect(crit.match(/<w:p>/g)!.length).toBe(crit.match(/<w:keepNext\/>/g)?.length);
    expect(ind).not.toContain('<w:keepNext/>');
  });

  it('a commune below level 1 gets no request paper; its report says why', async () => {
    const { submission, report } = await papers(loadSample('one-indicator-short').input);
    expect(submission).toBeNull();
    expect(report.text).toContain('Xã chưa đạt mức độ nào: chưa đủ điều kiện đề nghị công nhận.');
    expect(report.text).not.toContain('đề nghị Ủy ban nhân dân tỉnh');
    expect(report.text).toContain('Ủy ban nhân dân xã Một Chỉ Tiêu Thiếu kính báo cáo./.'.replace('Một Chỉ Tiêu Thiếu', loadSample('one-indicator-short').input.commune.name.replace(/^Xã /, '')));
  });

  it('level 2 met but under 12 months since a level-1 title still in force: no request, level 2 from its date', async () => {
    const { submission, report, model } = await papers(loadSample('level-2-waiting').input);
    expect(model.proposedLevel).toBe(0);
    expect(submission).toBeNull();
    expect(report.text).toContain('xã sẽ đề nghị Mức độ 2 (Tốt) từ ngày 20/03/2026');
  });

  it('the report states the level proposed, its narrative and an annex row per village with totals', async () => {
    const { input } = loadSample('meets-level-1');
    const { report } = await papers(input);
    expect(report.text).toContain('Mức độ đề nghị công nhận: Mức độ 1 (Khá).');
    expect(report.text).toContain('Xã có truyền thống hiếu học.');
    expect(report.text).toContain('(Kèm theo Báo cáo số 15/BC-UBND ngày 05 tháng 02 năm 2026 của Ủy ban nhân dân xã Đạt Mức Một)');
    const annex = report.tables.find((t) => t[0]?.includes('Gia đình học tập'))!;
    // two header rows, one row per village, one total row
    expect(annex.length).toBe(2 + input.villages.length + 1);
    input.villages.forEach((v, i) => {
      const row = annex[2 + i]!;
      expect(row[1]).toBe(v.name);
      expect(row.slice(2)).toEqual([
        int(v.households!),
        int(v.familiesRegistered!),
        int(v.familiesRecognized!),
        share(v.familiesRecognized!, v.households!, 70),
        int(v.lineages!),
        int(v.lineagesRegistered!),
        int(v.lineagesRecognized!),
        share(v.lineagesRecognized!, v.lineages!, 65),
      ]);
    });
    const total = annex.at(-1)!;
    const households = input.villages.reduce((s, v) => s + v.households!, 0);
    expect(total[1]).toBe('Cộng');
    expect(total[2]).toBe(int(households));
    const citizens = report.tables.find((t) => t[0]?.some((c) => c.includes('Công dân học tập')))!;
    input.villages.forEach((v, i) => {
      expect(citizens[1 + i]!.slice(1, 4)).toEqual([v.name, int(v.citizens!), int(v.citizensRecognized!)]);
      expect(citizens[1 + i]![4]).toBe(share(v.citizensRecognized!, v.citizens!, 60));
      expect(citizens[1 + i]![5]).toBe(v.villageRecognized ? 'Đạt' : 'Không đạt');
    });
    // TC5.2 per village: trained and university, each beside its level-1 threshold.
    const training = report.tables.find((t) => t[0]?.includes('Số người có trình độ đại học trở lên'))!;
    expect(training[0]).toEqual(['TT', 'Thôn', 'Số người từ 15 tuổi trở lên', 'Số người được đào tạo trình độ chuyên môn kỹ thuật', 'Tỷ lệ', 'Số người có trình độ đại học trở lên', 'Tỷ lệ']);
    input.villages.forEach((v, i) => {
      expect(training[1 + i]!.slice(1)).toEqual([v.name, int(v.citizens!), int(v.trained!), share(v.trained!, v.citizens!, 50), int(v.university!), share(v.university!, v.citizens!, 12)]);
    });
    const sum = (k: 'citizens' | 'trained' | 'university') => input.villages.reduce((n, v) => n + (v[k] as number), 0);
    expect(training.at(-1)!.slice(1)).toEqual(['Cộng', int(sum('citizens')), int(sum('trained')), share(sum('trained'), sum('citizens'), 50), int(sum('university')), share(sum('university'), sum('citizens'), 12)]);
    // The commune's figures end with whether it is in a difficult area (absent = no).
    const figures = report.tables.find((t) => t[0]?.includes('Nội dung'))!;
    expect(figures.at(-1)!.slice(1)).toEqual(['Xã thuộc vùng khó khăn', 'Không']);
  });

  it('a commune in a difficult area: its thresholds in the summary and the line in the annex', async () => {
    const { input } = loadSample('difficult-area');
    const { report, summary } = await papers(input);
    const figures = report.tables.find((t) => t[0]?.includes('Nội dung'))!;
    expect(figures.at(-1)!.slice(1)).toEqual(['Xã thuộc vùng khó khăn', 'Có']);
    const row = summaryTable(summary.tables).find((r) => r[0] === '5.2')!;
    expect(row[2]).toContain('từ 40\u00a0% trở lên');
    expect(row[2]).toContain('từ 10\u00a0% trở lên');
    const training = report.tables.find((t) => t[0]?.includes('Số người có trình độ đại học trở lên'))!;
    const v = input.villages[0]!;
    expect(training[1]![4]).toBe(share(v.trained!, v.citizens!, 40));
  });
});
