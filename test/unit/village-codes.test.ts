// Mã thôn names one active village of a commune: the groups that share one (what the villages
// list warns of and the sheet import refuses), with case ignored as the import has always done.
import { describe, expect, it } from 'vitest';
import { activeWithCode, duplicateVillageCodes, sameVillageCode } from '../../src/domain/village-codes.ts';

const v = (id: string, code: string, archived = false) => ({ id, code, name: `Thôn ${id}`, archived });

describe('duplicate village codes', () => {
  it('groups the active villages sharing a code, in the list order, and nothing else', () => {
    const list = [v('a', 'T01'), v('b', 'T05'), v('c', 'T02'), v('d', 'T05'), v('e', 'T02'), v('f', 'T03')];
    expect(duplicateVillageCodes(list)).toEqual([
      { code: 'T05', villages: [list[1], list[3]] },
      { code: 'T02', villages: [list[2], list[4]] },
    ]);
  });

  it('ignores archived villages: a removed village does not hold its code', () => {
    const list = [v('a', 'T05'), v('b', 'T05', true), v('c', 'T06', true), v('d', 'T06', true)];
    expect(duplicateVillageCodes(list)).toEqual([]);
    expect(activeWithCode(list, 'T05')).toEqual([list[0]]);
  });

  it('counts codes that differ only in case as one (a sheet typed by hand cannot tell them apart)', () => {
    expect(sameVillageCode('t05', 'T05')).toBe(true);
    expect(sameVillageCode('T05', 'T5')).toBe(false);
    const list = [v('a', 'T05'), v('b', 't05'), v('c', 'T5')];
    expect(duplicateVillageCodes(list)).toEqual([{ code: 'T05', villages: [list[0], list[1]] }]);
    expect(activeWithCode(list, 'T05').map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('has no groups for a commune with distinct codes or no villages', () => {
    expect(duplicateVillageCodes([])).toEqual([]);
    expect(duplicateVillageCodes([v('a', 'T01'), v('b', 'T02')])).toEqual([]);
  });
});
