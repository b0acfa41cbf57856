// The papers and the evidence files (issue 15.5): each indicator cites the codes of its files, the
// report carries the "Danh mục minh chứng" annex (code, title, number/date/issuer, indicator), and
// an indicator answered "Đạt" with a file is no longer flagged, one without still is.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AssessInput } from '../../src/domain/assess-types.ts';
import { docText } from '../../src/dossier/doc.ts';
import { dossierOf } from './dossier-fixtures.ts';
import type { EvidenceFileRef } from '../../src/dossier/evidence-list.ts';

const SAMPLES = fileURLToPath(new URL('../../docs/domain/samples/', import.meta.url));
const sample = (name: string): AssessInput => JSON.parse(readFileSync(`${SAMPLES}${name}/input.json`, 'utf8')) as AssessInput;

const FILES: EvidenceFileRef[] = [
  { id: 'b2', indicator: 'TC1.2', caption: 'Ảnh buổi sinh hoạt câu lạc bộ', type: 'image/jpeg' },
  { id: 'a1', indicator: 'TC1.2', caption: 'Quyết định thành lập Ban chỉ đạo', number: '12/QĐ-UBND', date: '2025-03-02', issuer: 'Ủy ban nhân dân xã Ba Tô', type: 'application/pdf' },
  { id: 'c3', indicator: 'TC4.1', fileName: 'pcgd.pdf', type: 'application/pdf' },
  { id: 'z9', indicator: 'TC9.9', caption: 'Không thuộc chỉ tiêu nào', type: 'image/jpeg' },
];

describe('evidence files in the papers', () => {
  it('an indicator answered Đạt with only a file is cited by its codes and no longer flagged', () => {
    const input = sample('meets-level-1');
    delete input.answers!['TC1.2']!.evidence;
    const bare = dossierOf(input);
    expect(bare.rows.find((r) => r.id === 'TC1.2')).toMatchObject({ evidence: 'Chưa có minh chứng', noEvidence: true });
    const m = dossierOf(input, {}, undefined, FILES);
    const row = m.rows.find((r) => r.id === 'TC1.2')!;
    expect(row.noEvidence).toBe(false);
    // Dated documents first, then as attached.
    expect(row.evidence).toBe('Tệp minh chứng MC1.2-01, MC1.2-02 (Danh mục minh chứng)');
    expect(m.rows.find((r) => r.id === 'TC4.1')!.noEvidence).toBe(false);
    const warn = m.warnings.find((w) => w.code === 'no-evidence');
    expect(warn?.text ?? '').not.toContain('Chỉ tiêu 2 của Tiêu chí 1');
    expect(warn?.text ?? '').not.toContain('Chỉ tiêu 1 của Tiêu chí 4');
  });

  it('the typed evidence and the files are cited together', () => {
    const m = dossierOf(sample('meets-level-1'), {}, undefined, FILES);
    const ev = m.rows.find((r) => r.id === 'TC1.2')!.evidence.split('\n');
    expect(ev.length).toBeGreaterThan(1);
    expect(ev.at(-1)).toBe('- Tệp minh chứng MC1.2-01, MC1.2-02 (Danh mục minh chứng)');
  });

  it('the report carries the Danh mục minh chứng annex: code, title, number/date/issuer, indicator', () => {
    const m = dossierOf(sample('meets-level-1'), { reportNumber: '15' }, undefined, FILES);
    const annex = m.docs.report.sections.find((s) => s.id === 'annex-evidence')!;
    expect(annex).toBeDefined();
    const text = docText({ ...m.docs.report, sections: [annex] });
    expect(text).toContain('DANH MỤC MINH CHỨNG NĂM');
    expect(text).toContain('Kèm theo Báo cáo số 15/BC-UBND');
    expect(text).toMatch(/MC1\.2-01[\s\S]*Quyết định thành lập Ban chỉ đạo[\s\S]*Số 12\/QĐ-UBND ngày 02\/03\/2025 của Ủy ban nhân dân xã Ba Tô[\s\S]*Chỉ tiêu 2 của Tiêu chí 1/);
    expect(text).toMatch(/MC1\.2-02[\s\S]*Ảnh buổi sinh hoạt câu lạc bộ/);
    expect(text).toMatch(/MC4\.1-01[\s\S]*pcgd\.pdf/);
    expect(text).not.toContain('Không thuộc chỉ tiêu nào');
    // No files, no annex.
    expect(dossierOf(sample('meets-level-1')).docs.report.sections.map((s) => s.id)).toEqual(['main', 'annex']);
  });
});
