// Merged states as the stores kept them before schema v4 (one JSON per record), holding what the
// release fixtures happen not to: a write with its `prev` stamp, values of every JSON kind (null,
// text with quotes and Vietnamese, a list, an object) and several devices on one field. Used by
// the upgrade tests of both stores (upgrade-state-rows*.test.ts).
import { formatHlc } from '../../src/domain/sync/hlc.ts';
import { newOpId } from '../../src/domain/sync/op-id.ts';

const T = 1_764_000_000_000;
const write = (value: unknown, wall: number, node: string, prev?: string) => ({
  value, hlc: formatHlc({ wall, counter: 0, node }), opId: newOpId(wall), ...(prev ? { prev } : {}),
});

/** A villageCounts state of three devices, every kind of value. */
export const CRAFTED_STATE = {
  households: { phoneA: write(120, T, 'phoneA'), phoneB: write(118, T + 5, 'phoneB', formatHlc({ wall: T, counter: 0, node: 'phoneA' })) },
  note: { phoneA: write('Thôn "Đông" — 5 000 hộ\n\\', T + 1, 'phoneA') },
  cleared: { phoneB: write(null, T + 2, 'phoneB') },
  list: { phoneA: write([1, 2.5, 'ba'], T + 3, 'phoneA') },
  nested: { phoneA: write({ a: { b: [true, false] } }, T + 4, 'phoneA') },
};

/** A stamp after every write of CRAFTED_STATE, of `node`. */
export const laterStamp = (node: string) => formatHlc({ wall: T + 10, counter: 0, node });
export const laterOpId = () => newOpId(T + 10);
