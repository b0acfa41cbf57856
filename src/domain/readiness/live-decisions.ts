// The recognition decisions that count: a decision typed by mistake is removed (`archived`, the
// entity in src/domain/entities/decision.ts) and stays in the log, while the history the 12-month
// and 3-year rules read, and the phone's list, leave it out. Its own module: the phone's reads
// (src/db/queries.ts, first load) use it without the registry's entries.

/** The decisions not archived, oldest first: the history's and the phone's list. */
export function liveDecisions<D extends { decidedOn: string; archived?: boolean | null }>(list: D[]): D[] {
  return list.filter((d) => !d.archived).sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
}
