// The one access policy (src/domain/access), table-tested once: who reads and writes what, by role
// and scope (village, commune, province), the lock act and the year lock. The server (server/auth.ts)
// and the app (src/ui/access.ts) only ask it; test/unit/ui-access.test.ts holds the two equal.
import { describe, expect, it } from 'vitest';
import { ENTITY_DEFS, ENTITY_NAMES, type EntityName } from '../../src/domain/entities/index.ts';
import { provinceId } from '../../src/domain/keys.ts';
import { ROLES, readRefusal, writeRefusal, writesAnything, type Principal, type WriteRefusal } from '../../src/domain/access/index.ts';

const C = '21085';
const P = 'Quảng Ngãi';
const who = {
  collector: { role: 'collector', commune: C, province: P, villages: null },
  villageCollector: { role: 'collector', commune: C, province: P, villages: ['T01'] },
  officer: { role: 'officer', commune: C, province: P, villages: null },
  chair: { role: 'chair', commune: C, province: P, villages: null },
  reviewer: { role: 'reviewer', commune: C, province: P, villages: null },
} satisfies Record<string, Principal>;
type Who = keyof typeof who;

const ok = null;
const RO: WriteRefusal = { code: 'readOnlyRole' };
const OFFICER: WriteRefusal = { code: 'officerOnly' };
const SCOPE: WriteRefusal = { code: 'villageScope' };
const SCOPE_T02: WriteRefusal = { code: 'villageScope', village: 'T02' };
const SENDERS: WriteRefusal = { code: 'notWriter', writers: ['officer', 'chair'] };
const MOVERS: WriteRefusal = { code: 'notWriter', writers: ['officer', 'chair', 'reviewer'] };
const REVIEWER: WriteRefusal = { code: 'notWriter', writers: ['reviewer'] };
const PID = provinceId(P);

// The write table of the commune's own data: [entity, village] → refusal per principal.
const WRITES: [EntityName, string | undefined, Record<Who, WriteRefusal | null>][] = [
  ['commune', undefined, { collector: OFFICER, villageCollector: OFFICER, officer: ok, chair: RO, reviewer: RO }],
  ['village', 'T01', { collector: ok, villageCollector: ok, officer: ok, chair: RO, reviewer: RO }],
  ['village', 'T02', { collector: ok, villageCollector: SCOPE_T02, officer: ok, chair: RO, reviewer: RO }],
  ['villageCounts', 'T01', { collector: ok, villageCollector: ok, officer: ok, chair: RO, reviewer: RO }],
  ['villageCounts', 'T02', { collector: ok, villageCollector: SCOPE_T02, officer: ok, chair: RO, reviewer: RO }],
  ['communeFigures', undefined, { collector: ok, villageCollector: SCOPE, officer: ok, chair: RO, reviewer: RO }],
  ['answer', undefined, { collector: ok, villageCollector: SCOPE, officer: ok, chair: RO, reviewer: RO }],
  ['attachment', undefined, { collector: ok, villageCollector: SCOPE, officer: ok, chair: RO, reviewer: RO }],
  ['decision', undefined, { collector: OFFICER, villageCollector: OFFICER, officer: ok, chair: RO, reviewer: RO }],
  ['dossier', undefined, { collector: ok, villageCollector: SCOPE, officer: ok, chair: RO, reviewer: RO }],
  // Issue 14: the officer or the chair sends; the reviewer reviews, decides and keeps the province's records.
  ['submission', undefined, { collector: SENDERS, villageCollector: SENDERS, officer: ok, chair: ok, reviewer: SENDERS }],
  ['stateChange', undefined, { collector: MOVERS, villageCollector: MOVERS, officer: ok, chair: ok, reviewer: ok }],
  ['review', undefined, { collector: REVIEWER, villageCollector: REVIEWER, officer: REVIEWER, chair: REVIEWER, reviewer: ok }],
  ['registerEntry', undefined, { collector: REVIEWER, villageCollector: REVIEWER, officer: REVIEWER, chair: REVIEWER, reviewer: ok }],
  ['council', undefined, { collector: REVIEWER, villageCollector: REVIEWER, officer: REVIEWER, chair: REVIEWER, reviewer: ok }],
  ['provinceSettings', undefined, { collector: REVIEWER, villageCollector: REVIEWER, officer: REVIEWER, chair: REVIEWER, reviewer: ok }],
];
/** Where a record of `entity` is written: its commune, or its province's id (keys.ts). */
const home = (entity: EntityName) => (ENTITY_DEFS[entity].scope === 'province' ? PID : C);

describe('writes', () => {
  it('covers every entity of the registry', () => {
    expect(new Set(WRITES.map(([e]) => e))).toEqual(new Set(ENTITY_NAMES));
  });
  for (const [entity, village, want] of WRITES) {
    for (const w of Object.keys(want) as Who[]) {
      it(`${w} writes ${entity}${village ? ` of ${village}` : ''} → ${want[w]?.code ?? 'allowed'}`, () => {
        expect(writeRefusal(who[w], { entity, commune: home(entity), province: P, ...(village ? { village } : {}) })).toEqual(want[w]);
      });
    }
  }

  it('recording the meeting, locking or reopening the year is the officer’s alone', () => {
    for (const fields of [{ locked: true }, { locked: false, reopenReasons: '[]' }, { meetingDate: '2026-01-15' }, { minutesRef: '01/BB' }, { lockReason: 'x' }, { lockedAt: 'x' }]) {
      expect(writeRefusal(who.officer, { entity: 'dossier', commune: C, fields })).toBeNull();
      expect(writeRefusal(who.collector, { entity: 'dossier', commune: C, fields })).toEqual({ code: 'lockOfficerOnly' });
      expect(writeRefusal(who.chair, { entity: 'dossier', commune: C, fields })).toEqual(RO);
    }
    // The dossier's words are a commune-wide collector's to write.
    expect(writeRefusal(who.collector, { entity: 'dossier', commune: C, fields: { narrSituation: 'x' } })).toBeNull();
    // The lock fields mean nothing on another entity.
    expect(writeRefusal(who.collector, { entity: 'communeFigures', commune: C, fields: { locked: true } })).toBeNull();
  });

  it('a locked year freezes counts, figures and answers for everyone; the dossier keeps taking the lock act', () => {
    for (const entity of ['villageCounts', 'communeFigures', 'answer'] as const) {
      expect(writeRefusal(who.officer, { entity, commune: C, village: 'T01', yearLocked: true })).toEqual({ code: 'yearLocked' });
      expect(writeRefusal(who.collector, { entity, commune: C, village: 'T01', yearLocked: true })).toEqual({ code: 'yearLocked' });
    }
    expect(writeRefusal(who.officer, { entity: 'dossier', commune: C, fields: { locked: false }, yearLocked: true })).toBeNull();
    expect(writeRefusal(who.officer, { entity: 'village', commune: C, village: 'T01', yearLocked: true })).toBeNull();
    // The most general reason first: a read-only role is told so, not that the year is locked.
    expect(writeRefusal(who.chair, { entity: 'answer', commune: C, yearLocked: true })).toEqual(RO);
  });

  it('another commune’s data is nobody’s to write from here', () => {
    for (const w of ['collector', 'villageCollector', 'officer'] as const) {
      for (const entity of ENTITY_NAMES) {
        // A province's record is never keyed by a commune.
        const want = ENTITY_DEFS[entity].scope === 'province' ? { code: 'otherProvince' } : { code: 'otherCommune' };
        expect(writeRefusal(who[w], { entity, commune: '21086', province: P, village: 'T01' })).toEqual(want);
      }
    }
    expect(writeRefusal(who.chair, { entity: 'answer', commune: '21086' })).toEqual(RO);
  });

  it('every role writes something since issue 14: the chair sends the dossier, the reviewer reviews', () => {
    expect(ROLES.filter(writesAnything)).toEqual(['collector', 'officer', 'chair', 'reviewer']);
  });
});

describe('the province review (issue 14)', () => {
  const review = ['submission', 'stateChange', 'review', 'registerEntry', 'council', 'provinceSettings'] as const;
  it('a reviewer writes review data of its own province only, its communes added later too', () => {
    for (const entity of ['review', 'registerEntry', 'stateChange'] as const) {
      expect(writeRefusal(who.reviewer, { entity, commune: 'added-later', province: P })).toBeNull();
      expect(writeRefusal(who.reviewer, { entity, commune: '00001', province: 'Hà Nội' })).toEqual({ code: 'otherProvince' });
      expect(writeRefusal(who.reviewer, { entity, commune: '00001', province: null })).toEqual({ code: 'otherProvince' });
    }
    for (const entity of ['council', 'provinceSettings'] as const) {
      expect(writeRefusal(who.reviewer, { entity, commune: PID })).toBeNull();
      expect(writeRefusal(who.reviewer, { entity, commune: provinceId('Hà Nội') })).toEqual({ code: 'otherProvince' });
    }
  });
  it('a province-wide reviewer (commune = its province id) reaches every commune of it and its own records', () => {
    const wide: Principal = { role: 'reviewer', commune: PID, province: P, villages: null };
    expect(writeRefusal(wide, { entity: 'review', commune: '21085', province: P })).toBeNull();
    expect(writeRefusal(wide, { entity: 'council', commune: PID })).toBeNull();
    expect(readRefusal(wide, { commune: '21099', province: P })).toBeNull();
    expect(readRefusal(wide, { commune: '00001', province: 'Hà Nội' })).toEqual({ code: 'otherProvince' });
  });
  it('no commune role writes review data or decisions; none writes another province’s records', () => {
    for (const w of ['collector', 'villageCollector', 'officer', 'chair'] as const) {
      for (const entity of ['review', 'registerEntry', 'council', 'provinceSettings'] as const) {
        expect(writeRefusal(who[w], { entity, commune: home(entity), province: P })?.code).toBe('notWriter');
      }
    }
    for (const entity of review) expect(writeRefusal(who.officer, { entity, commune: ENTITY_DEFS[entity].scope === 'province' ? provinceId('Hà Nội') : '00001', province: 'Hà Nội' })?.code).toMatch(/^other/);
  });
  it('a role makes only its own moves of the dossier', () => {
    const move = (w: Who, from: string, to: string) => writeRefusal(who[w], { entity: 'stateChange', commune: C, province: P, fields: { from, to } });
    expect(move('officer', 'draft', 'submitted')).toBeNull();
    expect(move('chair', 'returned', 'submitted')).toBeNull();
    expect(move('reviewer', 'submitted', 'in-review')).toBeNull();
    expect(move('reviewer', 'in-review', 'recognised')).toBeNull();
    expect(move('officer', 'in-review', 'recognised')).toEqual({ code: 'moveRole', move: 'recognise', roles: ['reviewer'] });
    expect(move('chair', 'submitted', 'in-review')).toEqual({ code: 'moveRole', move: 'take', roles: ['reviewer'] });
    expect(move('reviewer', 'draft', 'submitted')).toEqual({ code: 'moveRole', move: 'send', roles: ['officer', 'chair'] });
    expect(move('reviewer', 'draft', 'recognised')).toEqual({ code: 'moveNone', from: 'draft', to: 'recognised' });
  });
  it('the commune’s roles and its province’s reviewer read the province’s records; another province’s reviewer does not', () => {
    for (const w of Object.keys(who) as Who[]) expect(readRefusal(who[w], { commune: PID, province: null })).toBeNull();
    const other: Principal = { role: 'reviewer', commune: provinceId('Hà Nội'), province: 'Hà Nội', villages: null };
    expect(readRefusal(other, { commune: PID, province: null })).toEqual({ code: 'otherProvince' });
    expect(readRefusal(other, { commune: C, province: P })).toEqual({ code: 'otherProvince' });
  });
});

describe('reads', () => {
  const cases: [Who, string, string | null, ReturnType<typeof readRefusal>][] = [
    ['collector', C, P, null],
    ['villageCollector', C, P, null],
    ['officer', C, P, null],
    ['chair', C, P, null],
    ['reviewer', C, P, null],
    ['collector', '21086', P, { code: 'otherCommune' }],
    ['officer', '21086', P, { code: 'otherCommune' }],
    ['chair', '21086', P, { code: 'otherCommune' }],
    // A province reviewer reads every commune of its province, those added later too (no list).
    ['reviewer', '21086', P, null],
    ['reviewer', 'any-commune-added-later', P, null],
    ['reviewer', '00001', 'Hà Nội', { code: 'otherProvince' }],
    ['reviewer', 'unknown', null, { code: 'otherProvince' }],
  ];
  it.each(cases)('%s reads %s of %s', (w, commune, province, want) => {
    expect(readRefusal(who[w], { commune, province })).toEqual(want);
  });
});
