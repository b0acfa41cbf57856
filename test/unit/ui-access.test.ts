// Table checks that the app's read-only rule (src/ui/access.ts) is the server's own (server/auth.ts
// writeRefusal): for every role, scope and entity, the app offers an edit exactly when the server
// would accept the op.
import { describe, expect, it } from 'vitest';
import { writeRefusal } from '../../server/auth.ts';
import type { TokenGrant } from '../../server/store/store.ts';
import type { EntityName, Op } from '../../src/domain/sync/op.ts';
import { ENTITY_NAMES as ENTITY_LIST } from '../../src/domain/entities/index.ts';
import { ROLES } from '../../src/domain/sync/protocol.ts';
import { provinceId } from '../../src/domain/keys.ts';
import { accessFrom, FULL_ACCESS, ownVillagesFirst, readOnlyReason } from '../../src/ui/access.ts';

const C = '99001';
const P = 'Quảng Ngãi';
/** A key of `entity` in commune C, of village `v` where the key has a village. */
function keyOf(entity: EntityName, v: string): string {
  switch (entity) {
    case 'commune': return C;
    case 'village': return `${C}/${v}`;
    case 'villageCounts': return `${C}/2025/${v}`;
    case 'communeFigures': return `${C}/2025`;
    case 'answer': return `${C}/2025/TC1.1`;
    case 'decision': return `${C}/2025-03-20_1`;
    case 'dossier': return `${C}/2025`;
    case 'submission': return `${C}/2025/1`;
    case 'stateChange': return `${C}/2025/1`;
    case 'review': return `${C}/2025/1/TC1.1`;
    case 'registerEntry': return `${C}/2025`;
    case 'council': return `${provinceId(P)}/2025`;
    case 'provinceSettings': return `${provinceId(P)}/2025`;
    case 'attachment': return `${C}/2025/a1`;
  }
}

describe('readOnlyReason agrees with the server', () => {
  const scopes: (string[] | null)[] = [null, ['T01'], ['T01', 'T03']];
  for (const role of ROLES) {
    for (const villages of scopes) {
      for (const entity of ENTITY_LIST) {
        for (const village of ['T01', 'T02']) {
          it(`${role} ${JSON.stringify(villages)} ${entity} ${village}`, () => {
            const grant = { role, commune: C, province: P, villages } as unknown as TokenGrant;
            const op = { opId: 'x', entity, key: keyOf(entity, village), fields: {}, hlc: '' } as unknown as Op;
            const access = accessFrom({ role, villageScope: villages, enrolledCommune: C }, C);
            const keyed = entity === 'village' || entity === 'villageCounts';
            expect(readOnlyReason(access, entity, keyed ? village : undefined) === null).toBe(writeRefusal(grant, op) === null);
          });
          // Recording the meeting, locking or reopening a year (isLockAct), as the dossier screen asks it.
          for (const fields of [{ locked: true }, { locked: false, reopenReasons: '[]' }, { meetingDate: '2026-01-15' }, { narrSituation: 'x' }]) {
            it(`${role} ${JSON.stringify(villages)} ${entity} ${village} ${Object.keys(fields).join(',')}`, () => {
              const grant = { role, commune: C, province: P, villages } as unknown as TokenGrant;
              const op = { opId: 'x', entity, key: keyOf(entity, village), fields, hlc: '' } as unknown as Op;
              const access = accessFrom({ role, villageScope: villages, enrolledCommune: C }, C);
              const keyed = entity === 'village' || entity === 'villageCounts';
              expect(readOnlyReason(access, entity, keyed ? village : undefined, fields) === null).toBe(writeRefusal(grant, op) === null);
            });
          }
        }
      }
    }
  }
});

describe('accessFrom', () => {
  it.each([
    ['not enrolled', {}, FULL_ACCESS],
    ['enrolled for another commune', { role: 'reviewer', enrolledCommune: '99002' }, FULL_ACCESS],
    ['an unknown role', { role: 'admin', enrolledCommune: C }, FULL_ACCESS],
    ['a village collector', { role: 'collector', villageScope: ['T01'], enrolledCommune: C }, { role: 'collector', villages: ['T01'] }],
    ['a commune-wide collector', { role: 'collector', villageScope: null, enrolledCommune: C }, { role: 'collector', villages: null }],
    ['a chair', { role: 'chair', villageScope: ['T01'], enrolledCommune: C }, { role: 'chair', villages: null }],
  ] as const)('%s', (_n, meta, want) => {
    expect(accessFrom(meta, C)).toEqual(want);
  });
  it('a phone not enrolled may change everything', () => {
    for (const entity of ENTITY_LIST) expect(readOnlyReason(FULL_ACCESS, entity, 'T01')).toBeNull();
  });
  it('names the reason', () => {
    expect(readOnlyReason({ role: 'reviewer', villages: null }, 'villageCounts', 'T01')).toBe('readOnlyRole');
    expect(readOnlyReason({ role: 'collector', villages: null }, 'decision')).toBe('officerOnly');
    expect(readOnlyReason({ role: 'collector', villages: ['T01'] }, 'communeFigures')).toBe('villageScope');
    expect(readOnlyReason({ role: 'collector', villages: ['T01'] }, 'villageCounts', 'T02')).toBe('villageScope');
    // The meeting and the year lock are the officer's, even for a commune-wide collector who may word the dossier.
    expect(readOnlyReason({ role: 'collector', villages: null }, 'dossier')).toBeNull();
    expect(readOnlyReason({ role: 'collector', villages: null }, 'dossier', undefined, { locked: true })).toBe('lockOfficerOnly');
    expect(readOnlyReason({ role: 'officer', villages: null }, 'dossier', undefined, { locked: false, reopenReasons: '[]' })).toBeNull();
  });
});

describe('ownVillagesFirst', () => {
  const vs = ['T01', 'T02', 'T03', 'T04'].map((id) => ({ id }));
  it('puts a collector’s villages first, each group in its order', () => {
    expect(ownVillagesFirst({ role: 'collector', villages: ['T04', 'T02'] }, vs).map((v) => v.id)).toEqual(['T02', 'T04', 'T01', 'T03']);
  });
  it('keeps the order for everyone else', () => {
    expect(ownVillagesFirst(FULL_ACCESS, vs).map((v) => v.id)).toEqual(['T01', 'T02', 'T03', 'T04']);
  });
});
