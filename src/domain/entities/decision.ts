// Quyết định công nhận — an earlier recognition of the commune (level, date, number): the history
// the 12-month and 3-year rules read. Only the commune officer records one. One typed by mistake
// is removed (`archived`): it stays in the log, and the history leaves it out (liveDecisions).
import { defineEntity, flag, kept, name } from './define.ts';

export const decision = defineEntity({
  name: 'decision',
  label: { vi: 'Quyết định công nhận', en: 'Recognition decision' },
  key: 'decision',
  scope: 'commune',
  writers: ['officer'],
  fields: {
    level: kept('levelNo', 'level'),
    decidedOn: kept('date', 'decidedOn'),
    number: name('decisionNumber'),
    archived: flag('archived'),
  },
  table: { name: 'decisions', keyProps: ['commune', 'id'], indexes: ['commune'] },
});

/** The decisions not archived, oldest first: the history's and the phone's list (both stores). */
export function liveDecisions<D extends { decidedOn: string; archived?: boolean | null }>(list: D[]): D[] {
  return list.filter((d) => !d.archived).sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
}
