// Hybrid logical clock: stamps that order edits across devices even when phone clocks are wrong.
// Pure: the caller passes the wall clock in. Stamps compare as plain strings.

/** A parsed HLC stamp. */
export interface Hlc {
  wall: number; // ms since epoch
  counter: number;
  node: string; // device id, breaks ties
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
/** The largest counter a stamp can hold; one more advances the wall time by 1 ms instead. */
export const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
/** How far ahead of our own clock a remote stamp may be before we refuse to follow it (1 day). */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

/** Formats a stamp so that string order equals clock order: `000001732600000-000000-node`. */
export function formatHlc(h: Hlc): string {
  if (!(h.counter >= 0 && h.counter <= MAX_COUNTER && Number.isSafeInteger(h.counter))) throw new Error(`HLC counter out of range: ${h.counter}`);
  return `${String(h.wall).padStart(WALL_DIGITS, '0')}-${String(h.counter).padStart(COUNTER_DIGITS, '0')}-${h.node}`;
}

/** Parses a stamp made by formatHlc; throws on anything else. */
export function parseHlc(s: string): Hlc {
  const m = /^(\d{15})-(\d{6})-(.+)$/.exec(s);
  if (!m) throw new Error(`invalid HLC stamp: ${s}`);
  return { wall: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}

/**
 * The node of a stamp (parseHlc(s).node) without a regex or an object: merges ask it of every op.
 * Anything not shaped like formatHlc's output (15 digits, dash, 6 digits, dash) goes through
 * parseHlc, and throws as it does.
 */
export function hlcNode(s: string): string {
  if (s.length > 23 && s.charCodeAt(15) === 45 && s.charCodeAt(22) === 45 && isDigits(s, 0, 15) && isDigits(s, 16, 22)) return s.slice(23);
  return parseHlc(s).node;
}

function isDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A stamp at `wall` with `counter`, carried into the wall time when the counter is full: a stamp
 * with a 7-digit counter would no longer parse, and a phone holding one could save nothing.
 */
function carry(wall: number, counter: number, node: string): Hlc {
  return counter > MAX_COUNTER ? { wall: wall + 1, counter: 0, node } : { wall, counter, node };
}

/** The smallest stamp of `node` that orders after `h`. */
export function after(h: Hlc, node: string): Hlc {
  return carry(h.wall, h.counter + 1, node);
}

/** The next local stamp after `last`, given the wall clock `now`. */
export function tick(last: Hlc | null, now: number, node: string): Hlc {
  if (!last || now > last.wall) return { wall: now, counter: 0, node };
  return after(last, node);
}

/**
 * Advances the local clock past a received stamp, so our next edit orders after what we saw.
 * A remote wall clock more than MAX_DRIFT_MS ahead of ours is capped, so one device with a clock
 * set years ahead cannot win every future conflict.
 */
export function receive(last: Hlc | null, remote: Hlc, now: number, node: string): Hlc {
  const remoteWall = Math.min(remote.wall, now + MAX_DRIFT_MS);
  const lastWall = last ? last.wall : -1; // no stamp yet: never equal to a wall time (0 is one)
  const wall = Math.max(now, lastWall, remoteWall);
  let counter = 0;
  if (wall === lastWall && wall === remoteWall) counter = Math.max(last!.counter, remote.counter) + 1;
  else if (wall === lastWall) counter = last!.counter + 1;
  else if (wall === remoteWall) counter = remote.counter + 1;
  return carry(wall, counter, node);
}

/** Compares two formatted stamps: negative when a is older. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
