// The year lock's pure pieces, as the server's batch plan and the phone's write path ask them.
import { describe, expect, it } from 'vitest';
import { isLockAct, lockKeyOf } from '../../src/domain/sync/year-lock.ts';

describe('lockKeyOf', () => {
  it.each([
    ['villageCounts', '21085/2025/T01', '21085/2025'],
    ['answer', '21085/2025/TC1.1', '21085/2025'],
    ['communeFigures', '21085/2025', '21085/2025'],
    ['dossier', '21085/2025', '21085/2025'],
    ['village', '21085/T01', null],
    ['commune', '21085', null],
    ['decision', '21085/2024-03-20_1', null],
    ['villageCounts', '21085', null],
    ['villageCounts', '21085//T01', null],
    ['villageCounts', '/2025/T01', null],
  ] as const)('%s %s → %s', (entity, key, want) => {
    expect(lockKeyOf(entity, key)).toBe(want);
  });
});

describe('isLockAct', () => {
  it('is a dossier op writing the lock, the reopening or the meeting it records', () => {
    for (const f of ['locked', 'lockedAt', 'lockReason', 'reopenReasons', 'meetingDate', 'minutesRef']) {
      expect(isLockAct('dossier', { [f]: null })).toBe(true);
      expect(isLockAct('dossier', { narrSituation: 'x', [f]: 'y' })).toBe(true);
    }
    expect(isLockAct('dossier', { narrSituation: 'x', signerName: 'A' })).toBe(false);
    expect(isLockAct('communeFigures', { locked: true })).toBe(false);
  });
});
