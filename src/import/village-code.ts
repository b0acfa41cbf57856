// The code a new village gets when none is given: T01, T02… — the first free one. Shared by the
// first-run village adder and the sheet import, so both number villages alike. Pure.

/** The next free village code T01, T02… after the codes in use. */
export function nextVillageCode(existing: readonly string[]): string {
  for (let i = existing.length + 1; ; i++) {
    const c = `T${String(i).padStart(2, '0')}`;
    if (!existing.includes(c)) return c;
  }
}
