// The province's list and one commune's review as pure models: rows from the fixtures' province
// (states, levels asked and computed, mismatch, changed since sent, deadlines), filters, sorting,
// totals, which rows bulk recognition takes; the review's rows against the version sent before;
// the decision's rules and the last-year flag.
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/domain/readiness/assess.ts';
import { bulkRecognisable, evidenceCount, filterRows, foldText, listRow, listTotals, sortRows, type ListRow } from '../../src/review/list.ts';
import { reviewView } from '../../src/review/commune.ts';
import { inLastYear, recogniseProblems, refuseProblems, reopenProblems, titleOf } from '../../src/review/decide.ts';
import type { CommuneReview, SentDossier } from '../../src/review/papers/types.ts';
import { catalog, communeReview, L1, mixedProvince, short51 } from './review-fixtures.ts';

const TODAY = '2026-03-01';
const reviews = mixedProvince().map(communeReview);
const rows = reviews.map((r) => listRow({ review: r, current: r.dossier?.input ?? null, lastSync: '2026-02-20T08:00:00Z' }, TODAY));
const byName = (list: ListRow[], name: string) => list.find((r) => r.name === name)!;

describe('province list rows', () => {
  it('carries the state, the level asked for and the level computed', () => {
    const sent = byName(rows, 'Xã Bình Sơn'); // submitted, level 1
    expect(sent).toMatchObject({ state: 'submitted', claimed: 1, computed: 1, mismatch: false, changed: false, openComments: 0 });
    const draft = byName(rows, 'Xã Đông Sơn');
    expect(draft.claimed).toBeNull();
    expect(draft.deadline).toEqual({ kind: 'dossier', date: '2026-02-28', daysLeft: -1 });
    expect(sent.deadline).toEqual({ kind: 'decision', date: '2026-03-31', daysLeft: 30 });
    expect(byName(rows, 'Xã Ba Tô').deadline).toBeNull(); // decided
  });

  it('flags a level asked for that the synced figures do not reach, and data changed after sending', () => {
    const r = reviews.find((x) => x.state === 'submitted')!;
    const fewer = short51(r.dossier!.input, 5);
    const row = listRow({ review: { ...r, computed: assess(fewer) }, current: fewer }, TODAY);
    expect(row).toMatchObject({ claimed: 1, computed: 0, mismatch: true, changed: true });
    expect(bulkRecognisable(row)).toBe(false);
    // Same figures in another order and nulls for absent values: not a change.
    const same = structuredClone(r.dossier!.input);
    same.villages.reverse();
    same.figures = { ...same.figures, difficultArea: null };
    expect(listRow({ review: r, current: same }, TODAY).changed).toBe(false);
  });

  it('lets bulk recognition take only rows under review without an open comment', () => {
    const ok = rows.filter(bulkRecognisable).map((r) => r.name);
    expect(ok).toEqual(['Xã Bình Sơn']);
    const returned = byName(rows, 'Phường Đức Phổ');
    expect(returned.openComments).toBeGreaterThan(0);
    const withComment: CommuneReview = { ...reviews.find((x) => x.state === 'submitted')!, state: 'in-review', verdicts: { 'TC1.1': { verdict: 'more', comment: 'Bổ sung' } } };
    expect(bulkRecognisable(listRow({ review: withComment }, TODAY))).toBe(false);
  });

  it('filters, sorts and counts', () => {
    expect(filterRows(rows, { text: 'tu nghia' }).map((r) => r.name)).toEqual(['Xã Tư Nghĩa']);
    expect(foldText('Đức Phổ')).toBe('duc pho');
    expect(filterRows(rows, { states: ['draft'] })).toHaveLength(4);
    expect(filterRows(rows, { dueSoon: true }).every((r) => r.deadline!.daysLeft <= 7)).toBe(true);
    const sorted = sortRows(rows, 'deadline');
    expect(sorted.at(-1)!.deadline).toBeNull();
    expect(sorted[0]!.deadline!.daysLeft).toBe(-1);
    expect(sortRows(rows, 'name').map((r) => r.name)).toEqual([...rows].map((r) => r.name).sort(new Intl.Collator('vi').compare));
    const totals = listTotals(rows);
    expect(totals.communes).toBe(20);
    expect(totals.byState).toMatchObject({ draft: 4, submitted: 1, returned: 1, recognised: 10, 'not-recognised': 4 });
    expect(totals.recognisable).toBe(1);
    expect(totals.overdue).toBe(5); // the 4 drafts and the returned one (dossier deadline 28/02 passed)
  });
});

describe('evidence received of expected', () => {
  it('expects a file for each indicator answered Đạt and counts those with one that is not taken off', () => {
    const input = { ...reviews[0]!.dossier!.input, answers: { 'TC1.1': { met: true }, 'TC1.2': { met: true }, 'TC2.1': { met: false }, 'TC3.1': { met: null } } };
    expect(evidenceCount(input, [])).toEqual({ received: 0, expected: 2 });
    const files = [{ indicator: 'TC1.1' }, { indicator: 'TC1.1' }, { indicator: 'TC1.2', removed: true }, { indicator: 'TC2.1' }, { indicator: null }];
    expect(evidenceCount(input, files)).toEqual({ received: 1, expected: 2 });
    expect(evidenceCount(input, [...files, { indicator: 'TC1.2' }])).toEqual({ received: 2, expected: 2 });
  });
});

describe('one commune review', () => {
  const r = reviews.find((x) => x.state === 'returned')! as CommuneReview & { dossier: SentDossier };
  it('shows every indicator with the verdicts and nothing changed without a version before', () => {
    const v = reviewView(r, catalog);
    expect(v.rows.filter((x) => x.kind === 'indicator')).toHaveLength(v.verdicts.indicatorsTotal);
    expect(v.rows.find((x) => x.id === 'TC1.2')).toMatchObject({ verdict: 'more', comment: 'Bổ sung kế hoạch năm 2025 có chữ ký, đóng dấu.', before: null });
    expect(v.changed).toBe(0);
  });
  it('shows what the next version changed', () => {
    const prev = r.dossier;
    const input = structuredClone(prev.input);
    input.answers = { ...input.answers, 'TC1.2': { met: true, evidence: [{ number: '12/KH-UBND', date: '2025-01-10', issuer: 'UBND xã', title: 'Kế hoạch năm 2025' }] } };
    const next = { ...r, dossier: { ...prev, input, output: assess(input) } };
    const v = reviewView(next, catalog, prev);
    expect(v.changed).toBe(1);
    const row = v.rows.find((x) => x.id === 'TC1.2')!;
    expect(row.before).not.toBeNull();
    expect(row.evidence).toContain('12/KH-UBND');
    expect(row.before!.evidence).not.toContain('12/KH-UBND');
  });
});

describe('decision rules', () => {
  it('names each missing or wrong field', () => {
    expect(recogniseProblems({ level: null, number: ' ', date: '2025-12-01', signer: '' }, 2025, TODAY, 1).map((p) => [p.field, p.code])).toEqual([
      ['level', 'rv.err.level'], ['number', 'rv.err.number'], ['date', 'rv.err.dateBefore'], ['signer', 'rv.err.signer'],
    ]);
    expect(recogniseProblems({ level: 2, number: '120/QĐ-UBND', date: '2026-03-20', signer: 'Nguyễn Văn Hòa' }, 2025, TODAY, 1).map((p) => p.code)).toEqual(['rv.err.levelAbove', 'rv.err.dateFuture']);
    expect(recogniseProblems({ level: 1, number: '120/QĐ-UBND', date: '2026-02-20', signer: 'Nguyễn Văn Hòa' }, 2025, TODAY, 1)).toEqual([]);
    expect(refuseProblems('')).toHaveLength(1);
    expect(reopenProblems('Nhầm')).toHaveLength(1);
    expect(reopenProblems('Quyết định ghi nhầm mức độ')).toEqual([]);
  });
  it('keeps a title to 31/12 of the decision year + 3 and flags its last year', () => {
    const t = titleOf({ level: 1, decidedOn: '2026-03-20' });
    expect(t.validUntil).toBe('2029-12-31');
    expect(inLastYear(t, '2029-01-05')).toBe(true);
    expect(inLastYear(t, '2028-12-31')).toBe(false);
    expect(inLastYear(t, '2030-01-01')).toBe(false);
  });
});
