// Mã thôn: among a commune's active (not archived) villages a code names one village. The rule is
// the app's own (the circular says nothing of codes): the screens refuse a code taken when a
// village is added or its code changed, the sheet import refuses a row whose code names two, and
// the villages list shows the groups that share one. The server does not refuse a second village
// with a taken code: two phones offline may each add "Thôn 5" as T05, and a refusal would strand
// the second phone's village and its counts; so the phone shows the pair and a person resolves it.
// Pure and small; not on the first-load path (the villages screen and the import import it).

/**
 * Two codes are one when they differ only in case: a sheet typed by hand writes "t05" for "T05",
 * and the import has always matched them, so "T05" and "t05" cannot be told apart by a sheet and
 * count as one code on the screens too.
 */
export function sameVillageCode(a: string, b: string): boolean {
  return codeKey(a) === codeKey(b);
}

const codeKey = (code: string): string => code.toLowerCase();

interface Coded {
  code: string;
  archived?: boolean | undefined;
}

/** The active villages of `villages` whose code is `code` (more than one: a duplicate). */
export function activeWithCode<V extends Coded>(villages: readonly V[], code: string): V[] {
  return villages.filter((v) => !v.archived && sameVillageCode(v.code, code));
}

/** The groups of two or more active villages sharing a code, in the villages' order; each named by its first village's code. */
export function duplicateVillageCodes<V extends Coded>(villages: readonly V[]): { code: string; villages: V[] }[] {
  const groups = new Map<string, V[]>();
  for (const v of villages) {
    if (v.archived) continue;
    const k = codeKey(v.code);
    groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => ({ code: g[0]!.code, villages: g }));
}
