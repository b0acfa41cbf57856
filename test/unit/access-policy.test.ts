// The one access policy (src/domain/access), table-tested once: who reads and writes what, by role
// and scope (village, commune, province), the lock act and the year lock. The server (server/auth.ts)
// and the app (src/ui/access.ts) only ask it; test/unit/ui-access.test.ts holds the two equal.
import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES, type EntityName } from '../../src/domain/entities/index.ts';
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
];

describe('writes', () => {
  it('covers every entity of the registry', () => {
    expect(new Set(WRITES.map(([e]) => e))).toEqual(new Set(ENTITY_NAMES));
  });
  for (const [entity, village, want] of WRITES) {
    for (const w of Object.keys(want) as Who[]) {
      it(`${w} writes ${entity}${village ? ` of ${village}` : ''} → ${want[w]?.code ?? 'allowed'}`, () => {
        expect(writeRefusal(who[w], { entity, commune: C, province: P, ...(village ? { village } : {}) })).toEqual(want[w]);
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
      for (const entity of ENTITY_NAMES) expect(writeRefusal(who[w], { entity, commune: '21086', province: P, village: 'T01' })).toEqual({ code: 'otherCommune' });
    }
    expect(writeRefusal(who.chair, { entity: 'answer', commune: '21086' })).toEqual(RO);
  });

  it('only collectors and officers write anything today (review data come with issue 14)', () => {
    expect(ROLES.filter(writesAnything)).toEqual(['collector', 'officer']);
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
