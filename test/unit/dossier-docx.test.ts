// The .docx papers built from the shared sample communes and the demo commune: unzipped, their
// word/document.xml read back, and every indicator, figure and Đạt/Chưa đạt checked against the
// sample's own input and expected.json (figures recomputed here, formatted with Intl, not the app).
// Updated for issue #11 (the circular's 15 indicators and wording, TC5.2's two shares, nothing
// "tạm tính", evidence with its issuer); the layout checks are the papers' and unchanged.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AssessInput, Status } from '../../src/domain/assess-types.ts';
import { tt25_2023 } from '../../src/domain/catalog/index.ts';
import { indicatorText, type IndicatorDef } from '../../src/domain/catalog/index.ts';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { assess } from '../../src/domain/readiness/assess.ts';
import { buildDocx } from '../../src/dossier/docx.ts';
import { buildDossier } from '../../src/dossier/model.ts';
import type { DossierTexts } from '../../src/dossier/texts.ts';
import { readDocx } from './dossier-xml.ts';

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

const LABEL: Record<Status, string> = { met: 'Đạt', unmet: 'Chưa đạt', unknown: 'Chưa có dữ liệu' };
const int = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const pct = (n: number, d: number) =>
  `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.round((n / d) * 1000) / 10)}%`;
/** A share beside a threshold: one decimal, or cut to two where one would read as reaching it. */
const share = (n: number, d: number, t: number) => {
  const one = Math.round((n * 1000) / d) / 10;
  const p = one >= t && n * 100 < t * d ? Math.floor((n * 10000) / d) / 100 : one;
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(p)} %`;
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
    return [`Được đào tạo: ${int(tn)}/${int(td)} người`, `(${share(tn, td, t.trained)})`, `Đại học trở lên: ${int(un)}/${int(ud)} người`, `(${share(un, ud, t.university)})`];
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
    if (e.issuer) out.push(e.issuer);
    if (e.title) out.push(e.title);
  }
  if (def.kind === 'yes-no' && (a?.evidence ?? []).length === 0) out.push('Chưa có minh chứng');
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
  const model = buildDossier({
    input,
    output,
    catalog: tt25_2023,
    texts,
    commune: { code: input.commune.code, name: input.commune.name, recipient: 'Ủy ban nhân dân tỉnh Thử Nghiệm' },
  });
  const [summary, report, submission] = await Promise.all([
    buildDocx(model.docs.summary).then(readDocx),
    buildDocx(model.docs.report).then(readDocx),
    buildDocx(model.docs.submission).then(readDocx),
  ]);
  return { model, output, summary, report, submission };
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
    it(`${c.name}: every indicator with its text, figure, requirement level and Đạt/Chưa đạt`, async () => {
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
        expect(text).toContain(indicatorText(def, tableLevel as 1 | 2).vi);
        const want = c.expected
          ? c.expected.levels[String(tableLevel)]!.indicators[def.id]!.status
          : output.levels.find((l) => l.level === tableLevel)!.criteria.flatMap((x) => x.indicators).find((i) => i.id === def.id)!.status;
        expect(status, `${def.id} status`).toBe(LABEL[want]);
        for (const piece of expectedFigure(c.input, def, tableLevel as 1 | 2)) {
          expect(`${figure}\n${evidence}`, `${def.id} figure`).toContain(piece);
        }
        if (def.kind === 'ratio') expect(requirement).toBe(`Từ ${def.thresholds[tableLevel as 1 | 2]}% trở lên`);
        if (def.kind === 'training') {
          const t = (c.input.figures?.difficultArea ? def.difficultAreaThresholds : def.thresholds)[tableLevel as 1 | 2];
          expect(requirement).toContain(`từ ${t.trained}% trở lên`);
          expect(requirement).toContain(`đại học trở lên từ ${t.university}%`);
        }
        if (def.kind === 'standard') expect(requirement).toBe(def.minimum[tableLevel as 1 | 2] === true ? 'Đạt chuẩn' : `Đạt chuẩn mức độ ${def.minimum[tableLevel as 1 | 2]} trở lên`);
        expect(`${text} ${requirement} ${figure}`).not.toMatch(/tạm tính/);
      }
      for (const crit of tt25_2023.criteria) {
        const row = byNo.get(crit.id.replace('TC', ''))!;
        expect(row[1]).toContain(crit.text.vi);
        const statuses = crit.indicators.map((d) => byNo.get(d.id.replace('TC', ''))![4]);
        const want = statuses.every((s) => s === 'Đạt') ? 'Đạt' : statuses.includes('Chưa đạt') ? 'Chưa đạt' : 'Chưa có dữ liệu';
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
      ],
    };
    input.answers!['TC1.1'] = { met: true };
    const { summary, model } = await papers(input);
    const row = summaryTable(summary.tables).find((r) => r[0] === '1.2')!;
    expect(row[5]).toContain('21/KH-UBND ngày 20/01/2025 của UBND xã Đạt Mức Một: Kế hoạch xây dựng xã hội học tập năm 2025');
    expect(row[5]).toContain('Báo cáo sơ kết 6 tháng (ngày 02/07/2025)');
    const other = summaryTable(summary.tables).find((r) => r[0] === '1.1')!;
    expect(other[5]).toBe('Chưa có minh chứng');
    expect(model.warnings.find((w) => w.code === 'no-evidence')?.text).not.toContain('1.2');
  });

  it('shows the gap where a ratio falls short', async () => {
    const { input } = loadSample('one-indicator-short');
    const { summary } = await papers(input);
    const row = summaryTable(summary.tables).find((r) => r[0] === '5.1')!;
    expect(row[3]).toContain('Còn thiếu: 5 người đạt danh hiệu "Công dân học tập"');
    expect(row[4]).toBe('Chưa đạt');
  });

  it('names the villages lacking data where an indicator has none', async () => {
    const { input } = loadSample('missing-data');
    const { summary } = await papers(input);
    const rows = summaryTable(summary.tables);
    expect(rows.find((r) => r[0] === '5.1')![3]).toContain('Thôn chưa có số liệu: Nước Lầy');
    expect(rows.find((r) => r[0] === '5.2')![3]).toContain('Thôn chưa có số liệu: Ba Khâm');
    expect(rows.find((r) => r[0] === '4.4')![3]).toContain('chưa có số liệu');
    expect(rows.find((r) => r[0] === '1.3')![3]).toContain('Chưa trả lời');
  });
});

describe('the layout of the papers (.docx)', () => {
  it('is A4 portrait with the margins of Nghị định 30/2020 and Times New Roman 14 pt', async () => {
    const { summary, report, submission } = await papers(loadSample('meets-level-1').input);
    for (const d of [summary, report, submission]) {
      const sect = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(d.xml)![0];
      expect(sect).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      // left 30 mm, right 15 mm, top and bottom 20 mm (1 mm = 56.7 twips)
      expect(sect).toMatch(/w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
      // No page number on the first page, then centred at the top.
      expect(sect).toContain('<w:titlePg/>');
      const styles = new TextDecoder().decode(d.files['word/styles.xml']);
      expect(styles).toContain('w:ascii="Times New Roman"');
      expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="28"\/>/);
    }
  });

  it('opens with the national motto, the issuing body, number and date', async () => {
    const { submission, report, summary } = await papers(loadSample('meets-level-1').input);
    for (const d of [submission, report, summary]) {
      const header = d.tables[0]!;
      expect(header[0]![1]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc');
      expect(header[0]![0]).toContain('ỦY BAN NHÂN DÂN\nXÃ ĐẠT MỨC MỘT');
      expect(header[0]![1]).toContain('Đạt Mức Một, ngày 05 tháng 02 năm 2026');
    }
    expect(submission.tables[0]![0]![0]).toContain('Số: 12/TTr-UBND');
    expect(report.tables[0]![0]![0]).toContain('Số: 15/BC-UBND');
  });

  it('the request asks for the level met, to the recipient, with Nơi nhận and the signature', async () => {
    const { submission } = await papers(loadSample('meets-level-1').input);
    expect(submission.text).toContain('TỜ TRÌNH');
    expect(submission.text).toContain('Về việc đề nghị công nhận xã Đạt Mức Một đạt "Cộng đồng học tập" cấp xã Mức độ 1 (Khá) năm 2025');
    expect(submission.text).toContain('Kính gửi: Ủy ban nhân dân tỉnh Thử Nghiệm.');
    expect(submission.text).toContain('Kết quả: đạt 5/5 tiêu chí, 15/15 chỉ tiêu Mức độ 1 (Khá).');
    const footer = submission.tables.at(-1)!;
    expect(footer[0]![0]).toContain('Nơi nhận:\n- Như trên;');
    expect(footer[0]![0]).toContain('- Lưu: VT.');
    expect(footer[0]![1]).toContain('TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH');
    expect(footer[0]![1]).toContain('Nguyễn Văn Bình');
    expect(submission.text).not.toContain('DỰ THẢO');
  });

  it('a commune below level 1 gets a draft that asks for nothing', async () => {
    const { submission } = await papers(loadSample('one-indicator-short').input);
    expect(submission.text).toContain('DỰ THẢO');
    expect(submission.text).toContain('chưa đạt Mức độ 1 (Khá)');
    expect(submission.text).not.toContain('kính đề nghị');
  });

  it('level 2 met but under 12 months since level 1: the papers ask for level 1', async () => {
    const { submission, report, model } = await papers(loadSample('level-2-waiting').input);
    expect(model.proposedLevel).toBe(1);
    expect(submission.text).toContain('Mức độ 1 (Khá) năm 2025');
    expect(report.text).toContain('xã sẽ đề nghị Mức độ 2 (Tốt) từ ngày 20/03/2026');
  });

  it('the report states the level proposed, its narrative and an annex row per village with totals', async () => {
    const { input } = loadSample('meets-level-1');
    const { report } = await papers(input);
    expect(report.text).toContain('Mức độ đề nghị công nhận: Mức độ 1 (Khá).');
    expect(report.text).toContain('Xã có truyền thống hiếu học.');
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
        pct(v.familiesRecognized!, v.households!),
        int(v.lineages!),
        int(v.lineagesRegistered!),
        int(v.lineagesRecognized!),
        pct(v.lineagesRecognized!, v.lineages!),
      ]);
    });
    const total = annex.at(-1)!;
    const households = input.villages.reduce((s, v) => s + v.households!, 0);
    expect(total[1]).toBe('Cộng');
    expect(total[2]).toBe(int(households));
    const citizens = report.tables.find((t) => t[0]?.some((c) => c.includes('Công dân học tập')))!;
    input.villages.forEach((v, i) => {
      expect(citizens[1 + i]!.slice(1, 4)).toEqual([v.name, int(v.citizens!), int(v.citizensRecognized!)]);
      expect(citizens[1 + i]!.slice(5, 7)).toEqual([int(v.trained!), int(v.university!)]);
      expect(citizens[1 + i]![7]).toBe(v.villageRecognized ? 'Đạt' : 'Chưa đạt');
    });
  });
});
