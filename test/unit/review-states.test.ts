// The dossier's state machine (src/domain/review/states.ts) and the review's records: every move
// by the role that makes it and nothing else, what each move needs, the status a dossier's
// changes lead to, the register's rules (validity 31/12 + 3, reasons when not recognised), the
// province id, the keys of the new entities and their field schemas.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  DOSSIER_STATES, DRAFT, MOVES, councilLawful, settingsOfYear, inLastYear, moveOf, moveRefusal, movesFrom, statusOf, type MoveContext, type StateChange,
} from '../../src/domain/review/index.ts';
import { ROLES } from '../../src/domain/access/index.ts';
import { checkKey, isKeyProblem, provinceId, provinceYearKey, readKey, reviewKey, stepKey, versionKey } from '../../src/domain/keys.ts';
import { isKeyRefusal, parseKey } from '../../src/domain/sync/protocol.ts';
import { opFieldsSchema } from '../../src/domain/schemas/fields.ts';
import { recordProblems } from '../../src/domain/schemas/record-rules.ts';
import { moveRefusalText } from '../../src/i18n/review.ts';

const member = (role: string, i: number) => ({ name: `Ông Nguyễn Văn ${i}`, organisation: i === 1 ? 'Hội Khuyến học tỉnh' : 'Sở Giáo dục và Đào tạo', role });
const LAWFUL = [member('chair', 0), member('secretary', 1), member('member', 2), member('member', 3), member('member', 4)];

const base: MoveContext = { status: DRAFT, yearLocked: true, lastSentVersion: 1, verdicts: [], register: null, council: { members: LAWFUL } };
const change = (from: StateChange['from'], to: StateChange['to'], step: number, version: number, reason?: string) => ({ from, to, step, version, reason });

describe('moves', () => {
  it('each pair of states is joined by at most one move, and every state but draft is reached', () => {
    for (const from of DOSSIER_STATES) for (const to of DOSSIER_STATES) {
      const n = Object.values(MOVES).filter((m) => m.to === to && m.from.includes(from)).length;
      expect(n).toBeLessThanOrEqual(1);
    }
    expect(new Set(Object.values(MOVES).map((m) => m.to))).toEqual(new Set(DOSSIER_STATES.filter((s) => s !== 'draft')));
  });
  it('the commune sends; the reviewer takes, returns, decides and reopens', () => {
    expect(movesFrom('draft', 'officer')).toEqual(['send']);
    expect(movesFrom('returned', 'chair')).toEqual(['send']);
    expect(movesFrom('draft', 'reviewer')).toEqual([]);
    expect(movesFrom('submitted', 'reviewer')).toEqual(['take', 'return']);
    expect(movesFrom('in-review', 'reviewer')).toEqual(['return', 'recognise', 'refuse']);
    expect(movesFrom('recognised', 'reviewer')).toEqual(['reopen']);
    for (const s of DOSSIER_STATES) expect(movesFrom(s, 'collector')).toEqual([]);
    for (const s of ['submitted', 'in-review', 'recognised', 'not-recognised'] as const) {
      expect(movesFrom(s, 'officer')).toEqual([]);
      expect(movesFrom(s, 'chair')).toEqual([]);
    }
  });
  it('no state is skipped: only the moves of the table exist', () => {
    expect(moveOf('draft', 'recognised')).toBeNull();
    expect(moveOf('draft', 'in-review')).toBeNull();
    expect(moveOf('submitted', 'recognised')).toBeNull();
    expect(moveOf('returned', 'in-review')).toBeNull();
    for (const role of ROLES) expect(moveRefusal(role, change('draft', 'recognised', 1, 1), base)).toEqual({ code: 'moveNone', from: 'draft', to: 'recognised' });
  });
});

describe('what a move needs', () => {
  it('sending: the next step and version, the year locked, that version stored', () => {
    expect(moveRefusal('officer', change('draft', 'submitted', 1, 1), base)).toBeNull();
    expect(moveRefusal('officer', change('draft', 'submitted', 1, 2), base)).toEqual({ code: 'moveVersion', want: 1 });
    expect(moveRefusal('officer', change('draft', 'submitted', 2, 1), base)).toEqual({ code: 'moveStale', state: 'draft', step: 0 });
    expect(moveRefusal('officer', change('draft', 'submitted', 1, 1), { ...base, yearLocked: false })).toEqual({ code: 'moveNotLocked' });
    expect(moveRefusal('chair', change('draft', 'submitted', 1, 1), { ...base, lastSentVersion: 0 })).toEqual({ code: 'moveNoSubmission', version: 1 });
    const returned = { ...base, status: { state: 'returned' as const, version: 1, step: 3 }, lastSentVersion: 2 };
    expect(moveRefusal('officer', change('returned', 'submitted', 4, 2), returned)).toBeNull();
    expect(moveRefusal('officer', change('returned', 'submitted', 4, 1), returned)).toEqual({ code: 'moveVersion', want: 2 });
  });
  it('a move from a state the dossier has left is stale (two devices, one step)', () => {
    const inReview = { ...base, status: { state: 'in-review' as const, version: 1, step: 2 } };
    expect(moveRefusal('reviewer', change('submitted', 'in-review', 2, 1), inReview)).toEqual({ code: 'moveStale', state: 'in-review', step: 2 });
  });
  it('returning: a comment on some indicator, or a reason', () => {
    const inReview = { ...base, status: { state: 'in-review' as const, version: 1, step: 2 } };
    expect(moveRefusal('reviewer', change('in-review', 'returned', 3, 1), inReview)).toEqual({ code: 'moveNoComment' });
    expect(moveRefusal('reviewer', change('in-review', 'returned', 3, 1), { ...inReview, verdicts: [{ verdict: 'more', comment: '  ' }] })).toEqual({ code: 'moveNoComment' });
    expect(moveRefusal('reviewer', change('in-review', 'returned', 3, 1), { ...inReview, verdicts: [{ verdict: 'more', comment: 'Thiếu quyết định' }] })).toBeNull();
    expect(moveRefusal('reviewer', change('in-review', 'returned', 3, 1, 'Hồ sơ thiếu Tờ trình'), inReview)).toBeNull();
    expect(moveRefusal('reviewer', change('in-review', 'returned', 3, 2, 'x'), inReview)).toEqual({ code: 'moveVersion', want: 1 });
  });
  it('deciding: the register’s entry of that outcome and a lawful council', () => {
    const inReview = { ...base, status: { state: 'in-review' as const, version: 2, step: 5 } };
    const rec = change('in-review', 'recognised', 6, 2);
    expect(moveRefusal('reviewer', rec, inReview)).toEqual({ code: 'moveNoRegister', outcome: 'recognised' });
    expect(moveRefusal('reviewer', rec, { ...inReview, register: { outcome: 'not-recognised' } })).toEqual({ code: 'moveNoRegister', outcome: 'recognised' });
    expect(moveRefusal('reviewer', rec, { ...inReview, register: { outcome: 'recognised' } })).toBeNull();
    expect(moveRefusal('reviewer', rec, { ...inReview, register: { outcome: 'recognised' }, council: { members: LAWFUL.slice(0, 4) } })).toEqual({ code: 'moveCouncil', members: 4 });
    expect(moveRefusal('reviewer', rec, { ...inReview, register: { outcome: 'recognised' }, council: null })).toEqual({ code: 'moveCouncil', members: 0 });
    expect(moveRefusal('reviewer', change('in-review', 'not-recognised', 6, 2), { ...inReview, register: { outcome: 'not-recognised' } })).toBeNull();
  });
  it('reopening a decided dossier needs a reason', () => {
    const decided = { ...base, status: { state: 'recognised' as const, version: 2, step: 6 } };
    expect(moveRefusal('reviewer', change('recognised', 'in-review', 7, 2), decided)).toEqual({ code: 'moveNoReason' });
    expect(moveRefusal('reviewer', change('recognised', 'in-review', 7, 2, 'Sai số quyết định'), decided)).toBeNull();
  });
  it('every refusal has words in both languages', () => {
    const refusals = [
      moveRefusal('officer', change('draft', 'recognised', 1, 1), base),
      moveRefusal('officer', change('in-review', 'recognised', 1, 1), base),
      moveRefusal('officer', change('draft', 'submitted', 1, 1), { ...base, yearLocked: false }),
    ];
    for (const r of refusals) {
      const t = moveRefusalText(r!);
      expect(t.vi).not.toMatch(/^review\./);
      expect(t.en).not.toMatch(/^review\./);
    }
    expect(moveRefusalText({ code: 'moveRole', move: 'recognise', roles: ['reviewer'] }).vi).toBe('Việc này do cán bộ thẩm định của tỉnh thực hiện');
  });
});

describe('status and council', () => {
  it('the status is the last of the unbroken steps', () => {
    const c = (step: number, to: StateChange['to'], version: number) => ({ step, to, version });
    expect(statusOf([])).toEqual(DRAFT);
    expect(statusOf([c(2, 'in-review', 1), c(1, 'submitted', 1)])).toEqual({ state: 'in-review', version: 1, step: 2 });
    expect(statusOf([c(1, 'submitted', 1), c(3, 'returned', 1)])).toEqual({ state: 'submitted', version: 1, step: 1 });
  });
  it('a lawful council: odd, at least five, one chair, one secretary', () => {
    expect(councilLawful(LAWFUL)).toBe(true);
    expect(councilLawful(LAWFUL.slice(0, 4))).toBe(false);
    expect(councilLawful([...LAWFUL, member('member', 5)])).toBe(false);
    expect(councilLawful([...LAWFUL, member('member', 5), member('member', 6)])).toBe(true);
    expect(councilLawful(LAWFUL.map((m) => ({ ...m, role: m.role === 'secretary' ? 'member' : m.role })))).toBe(false);
    expect(councilLawful([member('chair', 9), ...LAWFUL.slice(1), member('member', 5), member('chair', 6)].slice(0, 7))).toBe(false);
  });
  it('a year takes the province’s settings of that year, else of the latest year before it', () => {
    const rows = [{ year: 2024, d: 'a' }, { year: 2026, d: 'c' }, { year: 2025, d: 'b' }];
    expect(settingsOfYear(rows, 2023)).toBeUndefined();
    expect(settingsOfYear(rows, 2024)?.d).toBe('a');
    expect(settingsOfYear(rows, 2025)?.d).toBe('b');
    expect(settingsOfYear(rows, 2030)?.d).toBe('c');
  });
  it('a title is in its last year from 01/01 to 31/12 of its valid-until year', () => {
    expect(inLastYear('2028-12-31', '2028-01-01')).toBe(true);
    expect(inLastYear('2028-12-31', '2027-12-31')).toBe(false);
    expect(inLastYear('2028-12-31', '2029-01-01')).toBe(false);
  });
});

describe('keys and records of the review', () => {
  it('a province id is its name without marks', () => {
    expect(provinceId('Quảng Ngãi')).toBe('p:quang-ngai');
    expect(provinceId('Đắk Lắk')).toBe('p:dak-lak');
    expect(provinceId('Thành phố Hồ Chí Minh')).toBe('p:thanh-pho-ho-chi-minh');
    expect(provinceId('Bà Rịa – Vũng Tàu')).toBe('p:ba-ria-vung-tau');
    expect(provinceId(' quảng  ngãi ')).toBe(provinceId('Quảng Ngãi'));
  });
  it('keys are built and read back, with versions and steps from 1 and province ids checked', () => {
    expect(readKey('version', versionKey('21085', 2025, 2))).toEqual({ commune: '21085', year: 2025, version: 2 });
    expect(readKey('step', stepKey('21085', 2025, 12))).toEqual({ commune: '21085', year: 2025, step: 12 });
    expect(readKey('review', reviewKey('21085', 2025, 1, 'TC5.1'))).toEqual({ commune: '21085', year: 2025, version: 1, indicator: 'TC5.1' });
    expect(readKey('provinceYear', provinceYearKey(provinceId('Quảng Ngãi'), 2025))).toEqual({ commune: '', province: 'p:quang-ngai', year: 2025 });
    expect(readKey('version', '21085/2025/0')).toBeNull();
    expect(readKey('version', '21085/2025/01')).toBeNull();
    const rules = { isCode: () => true, isIndicator: () => true, minYear: 2023, maxYear: 2100 };
    expect(checkKey('provinceYear', 'quang-ngai/2025', rules)).toEqual({ code: 'keyProvince', segment: 'quang-ngai' });
    expect(checkKey('step', '21085/2025/x', rules)).toEqual({ code: 'keyOrdinal', segment: 'x' });
    expect(isKeyProblem(checkKey('provinceYear', 'p:quang-ngai/2025', rules))).toBe(false);
  });
  it('a verdict may be on any indicator; an answer only on a yes/no one', () => {
    expect(isKeyRefusal(parseKey('review', '21085/2025/1/TC5.1'))).toBe(false);
    expect(parseKey('review', '21085/2025/1/TC9.9')).toMatchObject({ code: 'pb.keyIndicator', params: { segment: 'TC9.9' } });
    expect(parseKey('answer', '21085/2025/TC5.1')).toMatchObject({ code: 'pb.keyIndicator', params: { segment: 'TC5.1' } });
  });
  it('field schemas take the papers’ shapes and refuse what is not one', () => {
    const ok = (entity: Parameters<typeof opFieldsSchema>[0], fields: unknown) => v.safeParse(opFieldsSchema(entity), fields).success;
    expect(ok('review', { verdict: 'more', comment: 'Bổ sung quyết định công nhận thôn' })).toBe(true);
    expect(ok('review', { verdict: 'maybe' })).toBe(false);
    expect(ok('council', { members: LAWFUL, appraisal: { kind: 'meeting', date: '2026-03-10', place: 'Sở', start: '08:00' }, established: { number: '12/QĐ-SGDĐT', date: '2026-02-01', issuer: 'Sở' } })).toBe(true);
    expect(ok('council', { members: [{ ...LAWFUL[0], role: 'boss' }] })).toBe(false);
    expect(ok('council', { appraisal: { kind: 'phone' } })).toBe(false);
    expect(ok('council', { appraisal: { kind: 'written', place: 'x' } })).toBe(false);
    expect(ok('provinceSettings', { receiver: { name: 'Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi', abbr: 'SGDĐT', signerTitle: 'GIÁM ĐỐC' }, dossierDeadline: '02-28', difficultAreas: ['21085'] })).toBe(true);
    expect(ok('provinceSettings', { receiver: { name: 'Sở' } })).toBe(false);
    expect(ok('provinceSettings', { difficultAreas: ['21085', '21085'] })).toBe(false);
    expect(ok('stateChange', { from: 'draft', to: 'submitted', version: 1, at: '2026-02-20T08:00:00.000Z', by: 'Lê Văn Cán', device: 'dev-1' })).toBe(true);
    expect(ok('stateChange', { from: 'draft', to: 'done' })).toBe(false);
    expect(ok('stateChange', { at: '2026-02-20' })).toBe(false);
    expect(ok('submission', { contentHash: 'ab'.repeat(32) })).toBe(true);
    expect(ok('submission', { contentHash: 'AB'.repeat(32) })).toBe(false);
    expect(ok('submission', { snapshot: { input: {}, output: { catalog: 'tt25-2023', year: 2025 }, request: { kind: 'first', level: 1 }, papers: { report: 'Báo cáo' } } })).toBe(true);
    expect(ok('submission', { snapshot: { input: {}, output: {}, request: null } })).toBe(false);
  });
  it('the register: a level, number and date when recognised, reasons when not, validity 31/12 + 3', () => {
    const problems = (x: Record<string, unknown>) => recordProblems('registerEntry', '21085/2025', x).map((p) => p.path);
    expect(problems({ outcome: 'recognised', level: 1, number: '45/QĐ-UBND', date: '2026-03-20', validUntil: '2029-12-31' })).toEqual([]);
    expect(problems({ outcome: 'recognised', level: 1 })).toEqual(['number', 'date']);
    expect(problems({ outcome: 'recognised', level: 1, number: '45', date: '2026-03-20', validUntil: '2029-03-20' })).toEqual(['validUntil']);
    expect(problems({ outcome: 'not-recognised' })).toEqual(['reasons']);
    expect(problems({ outcome: 'not-recognised', reasons: 'TC5.1 chưa đạt', level: 2 })).toEqual(['level']);
    expect(problems({ outcome: 'not-recognised', reasons: 'TC5.1 chưa đạt' })).toEqual([]);
  });
  it('a state change and a sent dossier are written whole', () => {
    expect(recordProblems('stateChange', '21085/2025/1', { from: 'draft', to: 'submitted' }).map((p) => p.path)).toEqual(['version', 'at', 'by', 'device']);
    expect(recordProblems('submission', '21085/2025/1', { contentHash: 'x' }).map((p) => p.path)).toEqual(['snapshot', 'sentAt', 'sentBy']);
  });
});
